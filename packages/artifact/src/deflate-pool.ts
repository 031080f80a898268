import os from "node:os";
import { Worker } from "node:worker_threads";
import zlib from "node:zlib";

/** Compresses raw-deflate blocks; `final` ends the stream, otherwise the block ends on a byte boundary (sync flush). */
export interface Deflater {
  /** Resolves with the compressed bytes and the input (which may have travelled to a worker and back). */
  deflate(input: Buffer, level: number, dictionary: Buffer | undefined, final: boolean): Promise<Deflated>;
  close(): void;
}

/** A compressed block and its input, handed back because a worker may have taken ownership of it meanwhile. */
export interface Deflated {
  out: Buffer;
  input: Buffer;
}

function options(input: Buffer, level: number, dictionary: Buffer | undefined, final: boolean): zlib.ZlibOptions {
  const opts: zlib.ZlibOptions = {
    level,
    finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
  };
  if (dictionary !== undefined && dictionary.length > 0) {
    opts.dictionary = dictionary;
  } else if (final) {
    // A window no larger than the input finds the same matches and allocates (and clears) far less per call.
    opts.windowBits = Math.max(9, Math.min(15, Math.ceil(Math.log2(input.length + 262))));
  }
  return opts;
}

/** Deflates on the calling thread: cheapest for small artifacts, where starting workers would cost more. */
export class InlineDeflater implements Deflater {
  deflate(input: Buffer, level: number, dictionary: Buffer | undefined, final: boolean): Promise<Deflated> {
    try {
      return Promise.resolve({ out: zlib.deflateRawSync(input, options(input, level, dictionary, final)), input });
    } catch (error) {
      return Promise.reject(error);
    }
  }
  close(): void {}
}

// Self-contained CommonJS so the same string works from the ESM and the CJS build without a second entry file.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const zlib = require("node:zlib");
parentPort.on("message", (m) => {
  try {
    const opts = { level: m.level, finishFlush: m.final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH };
    if (m.dictionary && m.dictionary.length > 0) opts.dictionary = m.dictionary;
    else if (m.final) opts.windowBits = Math.max(9, Math.min(15, Math.ceil(Math.log2(m.length + 262))));
    // One output chunk big enough for any result, so zlib allocates once and the worker keeps no garbage:
    // the output and the input both move back to the main thread instead of being copied.
    opts.chunkSize = Math.max(1024, m.length + (m.length >> 3) + 1024);
    const input = new Uint8Array(m.input, 0, m.length);
    const out = zlib.deflateRawSync(input, opts);
    const transfer = [m.input];
    if (out.byteOffset === 0 && out.buffer !== m.input) transfer.push(out.buffer);
    parentPort.postMessage({ id: m.id, out: out.buffer, offset: out.byteOffset, length: out.byteLength, input: m.input }, transfer);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.message || error) });
  }
});
`;

interface WorkerReply {
  id: number;
  out?: ArrayBuffer;
  offset?: number;
  length?: number;
  input?: ArrayBuffer;
  error?: string;
}

interface Pending {
  length: number;
  resolve: (result: Deflated) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads running zlib's synchronous deflate: unlike zlib's async API (one stream object and one
 * allocation-heavy zlib state per call on the libuv pool), a worker keeps calls cheap, so many small files and
 * the blocks of big files are compressed on every core while the main thread reads and writes.
 */
export class WorkerDeflater implements Deflater {
  private readonly workers: Array<{ worker: Worker; inflight: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failed: Error | undefined;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      // A small young generation makes the worker collect the buffers it received and produced promptly.
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 },
      });
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
        if (m.error !== undefined || m.out === undefined || m.input === undefined) {
          p.reject(new Error(m.error ?? "deflate failed"));
        } else {
          p.resolve({
            out: Buffer.from(m.out, m.offset ?? 0, m.length ?? 0),
            input: Buffer.from(m.input, 0, p.length),
          });
        }
      });
      worker.on("error", (error) => this.fail(error));
      worker.unref();
      this.workers.push(slot);
    }
  }

  deflate(input: Buffer, level: number, dictionary: Buffer | undefined, final: boolean): Promise<Deflated> {
    if (this.failed !== undefined) {
      return Promise.reject(this.failed);
    }
    let slot = this.workers[0]!;
    for (const candidate of this.workers) {
      if (candidate.inflight < slot.inflight) {
        slot = candidate;
      }
    }
    const id = this.nextId++;
    if (slot.inflight === 0) {
      slot.worker.ref();
    }
    slot.inflight++;
    // Move the bytes instead of cloning them; a view into a shared pool is copied out first.
    const own: ArrayBuffer =
      input.byteOffset === 0 && input.byteLength === input.buffer.byteLength && input.buffer instanceof ArrayBuffer
        ? input.buffer
        : new Uint8Array(input).buffer;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, length: input.byteLength });
      slot.worker.postMessage(
        { id, input: own, length: input.byteLength, level, dictionary: dictionary && Buffer.from(dictionary), final },
        [own],
      );
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
    this.fail(new Error("deflater closed"));
  }
}

// Below this many bytes to deflate, two workers' start-up (tens of ms) costs more than they save.
const POOL_THRESHOLD = 8 * 1024 * 1024;

/** Picks inline deflate for small inputs, else one worker per core (at most 4). */
export function createDeflater(bytesToDeflate: number, level: number): Deflater {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (level === 0 || bytesToDeflate < POOL_THRESHOLD || cores < 2) {
    return new InlineDeflater();
  }
  return new WorkerDeflater(Math.min(cores, 4));
}

/** The raw-deflate bytes of an empty final block, which closes a stream of sync-flushed blocks. */
export const FINAL_EMPTY_BLOCK: Buffer = zlib.deflateRawSync(Buffer.alloc(0));
