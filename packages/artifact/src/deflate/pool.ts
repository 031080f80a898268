import os from "node:os";
import { Worker } from "node:worker_threads";
import { BatchRunner } from "./batch.js";
import { deflateBlock } from "./raw-deflate.js";
import type { BatchResult, BatchTask, DeflateResult, DeflateTask } from "./tasks.js";
import { DEFLATE_WORKER_FILE, deflateWorkerFile } from "./worker-file.js";

/** Compresses raw-deflate blocks of big files, and batches of whole small files. */
export interface Deflater {
  deflate(task: DeflateTask): Promise<DeflateResult>;
  zipBatch(task: BatchTask): Promise<BatchResult>;
  close(): void;
}

/** Deflates on the calling thread: cheapest for small artifacts, where starting workers would cost more. */
export class InlineDeflater implements Deflater {
  private readonly batches = new BatchRunner();

  deflate(task: DeflateTask): Promise<DeflateResult> {
    try {
      return Promise.resolve(deflateBlock(task));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  zipBatch(task: BatchTask): Promise<BatchResult> {
    try {
      return Promise.resolve(this.batches.run(task));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): void {
    this.batches.close();
  }
}

interface WorkerReply {
  id: number;
  input?: ArrayBuffer;
  out?: ArrayBuffer;
  written?: number;
  info?: Float64Array;
  batchError?: BatchResult["error"];
  error?: string;
}

interface Pending {
  settle: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads running zlib deflate synchronously: unlike zlib's async API (a stream object and a fresh zlib
 * state per call on the libuv pool), this keeps per-call cost low, so many small files and the blocks of big
 * files are compressed on every core while the main thread reads and writes. Buffers move, never copy.
 */
export class WorkerDeflater implements Deflater {
  private readonly workers: Array<{ worker: Worker; inflight: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failed: Error | undefined;
  private readonly inline = new InlineDeflater();

  /**
   * `script` is the worker file. With `helpInline`, the calling thread deflates too whenever every worker already
   * has `queue` tasks.
   */
  constructor(
    script: string,
    count: number,
    private readonly helpInline = false,
    private readonly queue = 2,
  ) {
    for (let i = 0; i < count; i++) {
      // The workers allocate little on their JS heap; a small young generation keeps their idle heap small.
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 2 } });
      const slot = { worker, inflight: 0 };
      worker.on("message", (m: WorkerReply) => {
        slot.inflight--;
        if (slot.inflight === 0) {
          // An idle worker must not keep the process alive; a busy one must, or awaiting it would exit early.
          worker.unref();
        }
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (p === undefined) {
          return;
        }
        if (m.error !== undefined) {
          p.reject(new Error(m.error));
        } else {
          p.settle(m);
        }
      });
      worker.on("error", (error) => this.fail(error));
      worker.unref();
      this.workers.push(slot);
    }
  }

  deflate(task: DeflateTask): Promise<DeflateResult> {
    return this.run(
      task,
      [task.input, task.out],
      (inline) => inline.deflate(task),
      (m) => {
        if (m.input === undefined || m.out === undefined || m.written === undefined) {
          throw new Error("deflate failed");
        }
        return { input: m.input, out: m.out, written: m.written };
      },
    );
  }

  zipBatch(task: BatchTask): Promise<BatchResult> {
    return this.run(
      { batch: true, ...task },
      [task.out],
      (inline) => inline.zipBatch(task),
      (m) => {
        if (m.out === undefined || m.info === undefined) {
          throw new Error("batch failed");
        }
        return { out: m.out, info: m.info, error: m.batchError };
      },
    );
  }

  // Sends a task to the least busy worker, or runs it here when every worker already has `queue` tasks.
  private run<T>(
    message: object,
    transfer: ArrayBuffer[],
    inline: (deflater: InlineDeflater) => Promise<T>,
    parse: (reply: WorkerReply) => T,
  ): Promise<T> {
    if (this.failed !== undefined) {
      return Promise.reject(this.failed);
    }
    let slot = this.workers[0]!;
    for (const candidate of this.workers) {
      if (candidate.inflight < slot.inflight) {
        slot = candidate;
      }
    }
    if (this.helpInline && slot.inflight >= this.queue) {
      return inline(this.inline);
    }
    const id = this.nextId++;
    if (slot.inflight === 0) {
      slot.worker.ref();
    }
    slot.inflight++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        settle: (reply) => {
          try {
            resolve(parse(reply));
          } catch (error) {
            reject(error);
          }
        },
        reject,
      });
      slot.worker.postMessage({ id, ...message }, transfer);
    });
  }

  private fail(error: Error): void {
    this.failed = error;
    for (const p of this.pending.values()) {
      p.reject(error);
    }
    this.pending.clear();
  }

  close(): void {
    for (const { worker } of this.workers) {
      void worker.terminate();
    }
    this.inline.close();
    this.fail(new Error("deflater closed"));
  }
}

// Below this many bytes to deflate, the workers' start-up (tens of ms) costs more than they save.
const POOL_THRESHOLD = 8 * 1024 * 1024;

/**
 * Picks inline deflate for small inputs, else workers (one per core but one, at most 3) helped by the caller; when
 * the worker file cannot be found (a bundle that left it out), inline deflate with a warning.
 */
export function createDeflater(
  bytesToDeflate: number,
  level: number,
  onWarning?: ((message: string) => void) | undefined,
): Deflater {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (level === 0 || bytesToDeflate < POOL_THRESHOLD || cores < 2) {
    return new InlineDeflater();
  }
  const script = deflateWorkerFile();
  if (script === undefined) {
    onWarning?.(
      `Deflating on the main thread only: ${DEFLATE_WORKER_FILE} was not found next to @peak-images/artifact (copy it next to your bundle for parallel deflate)`,
    );
    return new InlineDeflater();
  }
  // One thread fewer than cores: the main thread deflates too whenever the workers are busy (measured on 2 cores:
  // about as fast as two workers, and one isolate less, which keeps peak RSS near 100 MB).
  return new WorkerDeflater(script, Math.max(1, Math.min(cores - 1, 3)), true, 2);
}
