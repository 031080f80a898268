import { Worker } from "node:worker_threads";
import { parserHeapMb, parseTimeoutMs } from "./limits.js";
import type { ParsedStep, WorkerMessage } from "./parse-protocol.js";
import { parseWorkerScript, type WorkerScript } from "./worker-script.js";

/** A parsed Dockerfile: its steps, unless it has more instructions or sources than the limits allow. */
export interface ParsedDockerfile {
  count: number;
  sourceCount: number;
  steps: ParsedStep[];
}

/** Why a Dockerfile could not be parsed: the parser failed, ran out of time or of memory. */
export class ParseFailure extends Error {
  override name = "ParseFailure";
}

/** How long a new worker may take to load, whatever the parse deadline. */
const startTimeoutMs = 30_000;

interface Task {
  id: number;
  text: string;
  resolve: (parsed: ParsedDockerfile) => void;
  reject: (error: ParseFailure) => void;
}

/**
 * Parses Dockerfiles on one worker thread, one at a time, each within a deadline counted once the worker has
 * loaded: a worker past it (or out of memory) is terminated, and the next task gets a fresh one. The worker is
 * started on first use and never keeps the process alive while idle.
 */
export class ParsePool {
  private worker: Worker | undefined;
  private ready = false;
  private readonly queue: Task[] = [];
  private current: Task | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(
    private readonly script: WorkerScript = parseWorkerScript(),
    private readonly timeoutMs = parseTimeoutMs,
  ) {}

  /** Parses one Dockerfile off the event loop. */
  parse(text: string): Promise<ParsedDockerfile> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker; queued and running tasks fail. */
  async close(): Promise<void> {
    for (const task of this.queue.splice(0)) {
      task.reject(new ParseFailure("the parser was stopped"));
    }
    this.fail(new ParseFailure("the parser was stopped"));
  }

  /** Takes the next task, and sends it once the worker is ready; a worker failing to start fails that task. */
  private pump(): void {
    if (this.current === undefined) {
      this.current = this.queue.shift();
    }
    if (this.current === undefined) {
      return;
    }
    const worker = this.worker ?? this.spawn();
    // A worker with work keeps the process alive (its caller is waiting); an idle one must not.
    worker.ref();
    if (this.ready && this.timer === undefined) {
      this.deadline(this.timeoutMs, `parsing took longer than ${this.timeoutMs / 1000} s`);
      worker.postMessage({ id: this.current.id, text: this.current.text });
    }
  }

  private deadline(ms: number, message: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail(new ParseFailure(message)), ms);
  }

  private spawn(): Worker {
    const options = { resourceLimits: { maxOldGenerationSizeMb: parserHeapMb } };
    const worker =
      this.script.kind === "file"
        ? new Worker(this.script.url, options)
        : new Worker(this.script.code, { ...options, eval: true });
    this.worker = worker;
    this.ready = false;
    this.deadline(startTimeoutMs, `the parser did not start within ${startTimeoutMs / 1000} s`);
    worker.on("message", (message: WorkerMessage) => this.receive(worker, message));
    worker.on("error", (error) => {
      if (this.worker === worker) {
        const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
        this.fail(new ParseFailure(outOfMemory ? "the parser ran out of memory" : error.message));
      }
    });
    worker.on("exit", () => {
      if (this.worker === worker) {
        this.fail(new ParseFailure("the parser stopped unexpectedly"));
      }
    });
    return worker;
  }

  private receive(worker: Worker, message: WorkerMessage): void {
    const task = this.current;
    if (this.worker !== worker || !("ready" in message || task?.id === message.id)) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if ("ready" in message) {
      this.ready = true;
    } else if (task !== undefined) {
      this.current = undefined;
      if ("error" in message) {
        task.reject(new ParseFailure(message.error));
      } else {
        task.resolve({ count: message.count, sourceCount: message.sourceCount, steps: message.steps });
      }
    }
    if (this.current === undefined && this.queue.length === 0) {
      worker.unref();
    }
    this.pump();
  }

  /** Fails the running task, drops its worker, and moves on to the next task with a fresh one. */
  private fail(error: ParseFailure): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (worker !== undefined) {
      void worker.terminate();
    }
    const task = this.current;
    this.current = undefined;
    task?.reject(error);
    this.pump();
  }
}

let shared: ParsePool | undefined;

/** The process's parser: many emulators in one test run share its worker. */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
