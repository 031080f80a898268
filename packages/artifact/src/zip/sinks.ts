import type { FileHandle } from "node:fs/promises";

/** Where the zip bytes go; the writer reuses a piece's buffer once `write` has resolved. */
export interface ZipSink {
  write(data: Buffer): Promise<void>;
  /** Writes out anything the sink has staged. */
  flush(): Promise<void>;
}

// Pieces smaller than this are staged: thousands of 50-byte headers would otherwise cost a write each.
const SMALL_PIECE = 16 * 1024;
// The staging buffer those small pieces are copied into, written out whole when full.
const STAGING_BYTES = 256 * 1024;

/** A sink that writes to an open file. */
export function fileSink(handle: FileHandle): ZipSink {
  return stagingSink(async (data) => {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
  }, false);
}

/**
 * Copies pieces under SMALL_PIECE into a staging buffer written out whole. With `handsOver`, `output` keeps what
 * it is given (a stream's consumer does): it gets a fresh staging buffer each time and copies of big pieces;
 * otherwise `output` is done with a buffer once its promise resolves.
 */
export function stagingSink(output: (data: Buffer) => Promise<void>, handsOver: boolean): ZipSink {
  let staging = Buffer.allocUnsafeSlow(STAGING_BYTES);
  let staged = 0;
  const sink: ZipSink = {
    async write(data) {
      if (data.length < SMALL_PIECE) {
        if (staged + data.length > staging.length) {
          await sink.flush();
        }
        data.copy(staging, staged);
        staged += data.length;
        return;
      }
      await sink.flush();
      await output(handsOver ? Buffer.from(data) : data);
    },
    async flush() {
      if (staged > 0) {
        const full = staging.subarray(0, staged);
        staged = 0;
        if (handsOver) {
          staging = Buffer.allocUnsafeSlow(STAGING_BYTES);
        }
        await output(full);
      }
    },
  };
  return sink;
}
