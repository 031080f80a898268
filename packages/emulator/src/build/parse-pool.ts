import { Worker } from "node:worker_threads";
import type { DockerfileStep } from "./dockerfile.js";
import { parserHeapMb, parseTimeoutMs } from "./limits.js";
import type { ParseReply } from "./parse-protocol.js";
import { parseWorkerScript, type WorkerScript } from "./worker-script.js";

/** A parsed Dockerfile: its steps, unless it has more instructions or sources than the limits allow. */
export interface ParsedDockerfile {
  count: number;
  sourceCount: number;
  steps: DockerfileStep[];
}

/** Why a Dockerfile could not be parsed: the parser failed, ran out of time or of memory. */
export class ParseFailure extends Error {
  override name = "ParseFailure";
}

interface Task {
  id: number;
  text: string;
  resolve: (parsed: ParsedDockerfile) => void;
  reject: (error: ParseFailure) => void;
}

/**
 * Parses Dockerfiles on one worker thread, one at a time, each within a deadline: a worker past it (or out of
 * memory) is terminated and the next task gets a fresh one. The worker is started on first use and never keeps
 * the process alive while idle.
 */
export class ParsePool {
  private worker: Worker | undefined;
  private readonly queue: Task[] = [];
  private current: { task: Task; timer: NodeJS.Timeout } | undefined;
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

  private pump(): void {
    const task = this.current === undefined ? this.queue.shift() : undefined;
    if (task === undefined) {
      return;
    }
    const worker = this.worker ?? this.spawn();
    // A busy worker keeps the process alive (its caller is waiting); an idle one must not.
    worker.ref();
    const timer = setTimeout(
      () => this.fail(new ParseFailure(`parsing took longer than ${this.timeoutMs / 1000} s`)),
      this.timeoutMs,
    );
    this.current = { task, timer };
    worker.postMessage({ id: task.id, text: task.text });
  }

  private spawn(): Worker {
    const options = { resourceLimits: { maxOldGenerationSizeMb: parserHeapMb } };
    const worker =
      this.script.kind === "file"
        ? new Worker(this.script.url, options)
        : new Worker(this.script.code, { ...options, eval: true });
    worker.on("message", (reply: ParseReply) => {
      const current = this.current;
      if (current === undefined || current.task.id !== reply.id) {
        return;
      }
      clearTimeout(current.timer);
      this.current = undefined;
      worker.unref();
      if ("error" in reply) {
        current.task.reject(new ParseFailure(reply.error));
      } else {
        current.task.resolve({ count: reply.count, sourceCount: reply.sourceCount, steps: reply.steps });
      }
      this.pump();
    });
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
    this.worker = worker;
    return worker;
  }

  /** Fails the running task, drops its worker, and moves on to the next task with a fresh one. */
  private fail(error: ParseFailure): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) {
      void worker.terminate();
    }
    const current = this.current;
    this.current = undefined;
    if (current !== undefined) {
      clearTimeout(current.timer);
      current.task.reject(error);
    }
    this.pump();
  }
}

let shared: ParsePool | undefined;

/** The process's parser: many emulators in one test run share its worker. */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
