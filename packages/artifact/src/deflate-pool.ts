import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";
import { type BatchResult, type BatchState, type BatchTask, type BatchTools, runBatch } from "./batch.js";
import { looksIncompressible } from "./compressibility.js";
import { crc32, makeJsCrc32 } from "./crc32.js";

/**
 * A block of a big file: `input[dictionaryLength, dictionaryLength + length)` deflated into `out`, primed with
 * `input[0, dictionaryLength)` (the previous 32 KiB of the file, for every block but the first). Carrying the
 * dictionary inside the input buffer means nothing is allocated or copied per block. The block ends with a sync
 * flush so blocks concatenate. Both buffers come back.
 */
export interface DeflateTask {
  input: ArrayBuffer;
  dictionaryLength: number;
  length: number;
  out: ArrayBuffer;
  level: number;
}

/** The buffers of a task, back from wherever they were compressed, and how many bytes of `out` were written. */
export interface DeflateResult {
  input: ArrayBuffer;
  out: ArrayBuffer;
  written: number;
}

/** Compresses raw-deflate blocks of big files, and batches of whole small files. */
export interface Deflater {
  deflate(task: DeflateTask): Promise<DeflateResult>;
  zipBatch(task: BatchTask): Promise<BatchResult>;
  close(): void;
}

const BATCH_TOOLS: BatchTools = { fs, zlib, crc32, looksIncompressible };

// Shared by the inline path and (as source text) the workers: deflate straight into the caller's buffer through
// zlib's handle, so nothing is allocated per call but the zlib state itself; fall back to deflateRawSync + copy.
function deflateInto(
  z: typeof zlib,
  input: Uint8Array,
  out: Uint8Array,
  level: number,
  dictionary: Uint8Array | undefined,
): number {
  const opts: zlib.ZlibOptions = { level, chunkSize: 64 };
  if (dictionary !== undefined && dictionary.length > 0) {
    opts.dictionary = dictionary;
  }
  const flush = z.constants.Z_SYNC_FLUSH;
  const engine = z.createDeflateRaw(opts) as zlib.DeflateRaw & {
    _handle?: { writeSync?: (...args: unknown[]) => void };
    _writeState?: Uint32Array;
  };
  try {
    const handle = engine._handle;
    const state = engine._writeState;
    if (handle?.writeSync !== undefined && state !== undefined) {
      handle.writeSync(flush, input, 0, input.length, out, 0, out.length);
      const availOut = state[0]!;
      const availIn = state[1]!;
      if (availIn === 0 && availOut > 0) {
        return out.length - availOut;
      }
    }
  } finally {
    engine.close();
  }
  const fallback = z.deflateRawSync(input, { ...opts, chunkSize: undefined, finishFlush: flush });
  if (fallback.length > out.length) {
    throw new Error("deflate output larger than its buffer");
  }
  out.set(fallback);
  return fallback.length;
}

/** Deflates on the calling thread: cheapest for small artifacts, where starting workers would cost more. */
export class InlineDeflater implements Deflater {
  private readonly batchState: BatchState = {};

  deflate(task: DeflateTask): Promise<DeflateResult> {
    try {
      const dictionary = task.dictionaryLength > 0 ? new Uint8Array(task.input, 0, task.dictionaryLength) : undefined;
      const input = new Uint8Array(task.input, task.dictionaryLength, task.length);
      const written = deflateInto(zlib, input, new Uint8Array(task.out), task.level, dictionary);
      return Promise.resolve({ input: task.input, out: task.out, written });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  zipBatch(task: BatchTask): Promise<BatchResult> {
    try {
      return Promise.resolve(runBatch(BATCH_TOOLS, this.batchState, task));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): void {
    this.batchState.engine?.stream.close();
    this.batchState.engine = null;
  }
}

// Self-contained CommonJS so the same string works from the ESM and the CJS build without a second entry file.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const zlib = require("node:zlib");
const deflateInto = ${deflateInto.toString()};
const runBatch = ${runBatch.toString()};
const tools = {
  fs: require("node:fs"),
  zlib,
  crc32: typeof zlib.crc32 === "function" ? zlib.crc32 : (${makeJsCrc32.toString()})(),
  looksIncompressible: ${looksIncompressible.toString()},
};
const batchState = {};
parentPort.on("message", (m) => {
  try {
    if (m.batch) {
      const r = runBatch(tools, batchState, m);
      parentPort.postMessage({ id: m.id, out: r.out, info: r.info, batchError: r.error }, [r.out]);
      return;
    }
    const dictionary = m.dictionaryLength > 0 ? new Uint8Array(m.input, 0, m.dictionaryLength) : undefined;
    const written = deflateInto(zlib, new Uint8Array(m.input, m.dictionaryLength, m.length), new Uint8Array(m.out), m.level, dictionary);
    parentPort.postMessage({ id: m.id, input: m.input, out: m.out, written }, [m.input, m.out]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
});
`;

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

  /** With `helpInline`, the calling thread deflates too whenever every worker already has `queue` tasks. */
  constructor(
    count: number,
    private readonly helpInline = false,
    private readonly queue = 2,
  ) {
    for (let i = 0; i < count; i++) {
      // The workers allocate little on their JS heap; a small young generation keeps their idle heap small.
      const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
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

/** Picks inline deflate for small inputs, else workers (one per core but one, at most 3) helped by the caller. */
export function createDeflater(bytesToDeflate: number, level: number): Deflater {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (level === 0 || bytesToDeflate < POOL_THRESHOLD || cores < 2) {
    return new InlineDeflater();
  }
  // One thread fewer than cores: the main thread deflates too whenever the workers are busy (measured on 2 cores:
  // about as fast as two workers, and one isolate less, which keeps peak RSS near 100 MB).
  return new WorkerDeflater(Math.max(1, Math.min(cores - 1, 3)), true, 2);
}

/** The raw-deflate bytes of an empty final block, which closes a stream of sync-flushed blocks. */
export const FINAL_EMPTY_BLOCK: Buffer = zlib.deflateRawSync(Buffer.alloc(0));
