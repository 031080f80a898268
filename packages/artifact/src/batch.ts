import type fs from "node:fs";
import type zlib from "node:zlib";
import type { Crc32 } from "./crc32.js";

/**
 * Small files read, checked and compressed in one call: the whole batch is one worker message, so the main thread
 * handles one promise per batch rather than an open/read/close/deflate round trip per file.
 */
export interface BatchTask {
  /** Absolute paths, in zip order. */
  paths: string[];
  /** Sizes as listed; `out` holds every file stored, so a file that does not compress always fits. */
  sizes: number[];
  level: number;
  out: ArrayBuffer;
}

/** Per file, {@link BATCH_INFO_FIELDS} numbers: method, crc, size, compressed size, offset of its data in `out`. */
export const BATCH_INFO_FIELDS = 5;

/** What a batch produced; on a failure, `error` names the file index and `info` covers the files before it. */
export interface BatchResult {
  out: ArrayBuffer;
  info: Float64Array;
  error?: { index: number; code: string | undefined; message: string } | undefined;
}

/** The libraries a batch runs with, passed in because the workers run this module's source text. */
export interface BatchTools {
  fs: typeof fs;
  zlib: typeof zlib;
  crc32: Crc32;
  looksIncompressible: (sample: Uint8Array) => boolean;
}

/** Buffers and the zlib engine a thread keeps between batches. */
export interface BatchState {
  scratch?: Uint8Array;
  engine?: { level: number; stream: zlib.DeflateRaw; write: (...args: unknown[]) => void; state: Uint32Array } | null;
}

/** The `code` of a batch error for a file that grew after it was listed. */
export const GREW = "EGREW";

/**
 * Runs one batch: each file is read whole into a scratch buffer, CRC'd, and deflated straight into its slot of
 * `out` when its bytes look compressible and deflate shrinks them, else stored (as zip(1) does). Self-contained
 * (everything comes through `tools`): the deflate workers run its source text.
 */
export function runBatch(tools: BatchTools, state: BatchState, task: BatchTask): BatchResult {
  const STORE = 0;
  const DEFLATE = 8;
  const FIELDS = 5;
  const { fs, zlib, crc32, looksIncompressible } = tools;
  const out = new Uint8Array(task.out);
  const info = new Float64Array(task.paths.length * FIELDS);

  // One engine reset between files: creating and freeing a zlib state per small file cost about as much as
  // compressing it. It writes through zlib's handle; when that internal is missing, deflateRawSync is used.
  const engineFor = (level: number) => {
    if (state.engine === undefined || (state.engine !== null && state.engine.level !== level)) {
      state.engine?.stream.close();
      const stream = zlib.createDeflateRaw({ level, chunkSize: 64 }) as zlib.DeflateRaw & {
        _handle?: { writeSync?: (...args: unknown[]) => void };
        _writeState?: Uint32Array;
      };
      const handle = stream._handle;
      const writeState = stream._writeState;
      state.engine =
        handle?.writeSync !== undefined && writeState !== undefined
          ? { level, stream, write: handle.writeSync.bind(handle), state: writeState }
          : null;
    }
    return state.engine;
  };

  // Deflates data into out[at, at + data.length); returns the compressed length, or -1 when it does not shrink.
  const deflateInto = (data: Uint8Array, at: number): number => {
    const engine = engineFor(task.level);
    if (engine !== null) {
      engine.write(zlib.constants.Z_FINISH, data, 0, data.length, out, at, data.length);
      const availOut = engine.state[0]!;
      const availIn = engine.state[1]!;
      engine.stream.reset();
      return availIn === 0 && availOut > 0 ? data.length - availOut : -1;
    }
    const packed = zlib.deflateRawSync(data, { level: task.level });
    if (packed.length >= data.length) {
      return -1;
    }
    out.set(packed, at);
    return packed.length;
  };

  const readWhole = (path: string, size: number): Uint8Array => {
    // One byte more than listed, to notice a file that grew since the walk.
    const want = size + 1;
    if (state.scratch === undefined || state.scratch.length < want) {
      state.scratch = new Uint8Array(Math.max(want, 64 * 1024));
    }
    const scratch = state.scratch;
    const fd = fs.openSync(path, "r");
    try {
      let filled = 0;
      while (filled < want) {
        const n = fs.readSync(fd, scratch, filled, want - filled, filled);
        if (n === 0) {
          break;
        }
        filled += n;
      }
      if (filled > size) {
        // GREW, spelled out: this function runs as source text in the workers, without the module around it.
        throw Object.assign(new Error(`File grew while it was being zipped: ${path}`), { code: "EGREW" });
      }
      return scratch.subarray(0, filled);
    } finally {
      fs.closeSync(fd);
    }
  };

  let offset = 0;
  for (let i = 0; i < task.paths.length; i++) {
    let data: Uint8Array;
    try {
      data = readWhole(task.paths[i]!, task.sizes[i]!);
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown };
      return {
        out: task.out,
        info,
        error: {
          index: i,
          code: typeof e.code === "string" ? e.code : undefined,
          message: String(e.message ?? error),
        },
      };
    }
    let method = STORE;
    let written = -1;
    if (task.level > 0 && data.length > 0 && !looksIncompressible(data)) {
      written = deflateInto(data, offset);
      if (written >= 0) {
        method = DEFLATE;
      }
    }
    if (written < 0) {
      out.set(data, offset);
      written = data.length;
    }
    const at = i * FIELDS;
    info[at] = method;
    info[at + 1] = crc32(data, 0);
    info[at + 2] = data.length;
    info[at + 3] = written;
    info[at + 4] = offset;
    offset += written;
  }
  return { out: task.out, info };
}
