import fs from "node:fs";
import zlib from "node:zlib";
import { NotARegularFileError } from "../errors.js";
import { openRegularFileSync } from "../fs/regular-file.js";
import { looksIncompressible } from "./compressibility.js";
import { crc32 } from "./crc32.js";
import { BATCH_INFO_FIELDS, type BatchResult, type BatchTask, GREW } from "./tasks.js";
import { createRawDeflater, type RawDeflater } from "./zlib-fastpath.js";

const STORE = 0;
const DEFLATE = 8;

/** Buffers and the zlib engine a thread keeps between batches. */
export class BatchRunner {
  private scratch = new Uint8Array(64 * 1024);
  // One engine reset between files: creating and freeing a zlib state per small file cost about as much as
  // compressing it.
  private engine: { level: number; deflater: RawDeflater } | undefined;

  /**
   * Runs one batch: each file is read whole into the scratch buffer, CRC'd, and deflated straight into its slot of
   * `out` when its bytes look compressible and deflate shrinks them, else stored (as zip(1) does).
   */
  run(task: BatchTask): BatchResult {
    const out = new Uint8Array(task.out);
    const info = new Float64Array(task.paths.length * BATCH_INFO_FIELDS);
    let offset = 0;
    for (let i = 0; i < task.paths.length; i++) {
      let data: Uint8Array;
      try {
        data = this.readWhole(task.paths[i]!, task.sizes[i]!);
      } catch (error) {
        return { out: task.out, info, error: describe(i, error) };
      }
      let method = STORE;
      let written = -1;
      if (task.level > 0 && data.length > 0 && !looksIncompressible(data)) {
        written = this.deflaterFor(task.level).deflateInto(
          data,
          out.subarray(offset, offset + data.length),
          zlib.constants.Z_FINISH,
        );
        if (written >= 0) {
          method = DEFLATE;
        }
      }
      if (written < 0) {
        out.set(data, offset);
        written = data.length;
      }
      const at = i * BATCH_INFO_FIELDS;
      info[at] = method;
      info[at + 1] = crc32(data, 0);
      info[at + 2] = data.length;
      info[at + 3] = written;
      info[at + 4] = offset;
      offset += written;
    }
    return { out: task.out, info };
  }

  /** Frees the zlib state. */
  close(): void {
    this.engine?.deflater.close();
    this.engine = undefined;
  }

  private deflaterFor(level: number): RawDeflater {
    if (this.engine?.level !== level) {
      this.engine?.deflater.close();
      this.engine = { level, deflater: createRawDeflater(level) };
    }
    return this.engine.deflater;
  }

  private readWhole(path: string, size: number): Uint8Array {
    // One byte more than listed, to notice a file that grew since the walk.
    const want = size + 1;
    if (this.scratch.length < want) {
      this.scratch = new Uint8Array(want);
    }
    const scratch = this.scratch;
    const fd = openRegularFileSync(path);
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
        throw Object.assign(new Error("file grew"), { code: GREW });
      }
      return scratch.subarray(0, filled);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function describe(index: number, error: unknown): NonNullable<BatchResult["error"]> {
  if (error instanceof NotARegularFileError) {
    return { index, code: error.code, message: error.kind };
  }
  const e = error as { code?: unknown; message?: unknown };
  return { index, code: typeof e.code === "string" ? e.code : undefined, message: String(e.message ?? error) };
}
