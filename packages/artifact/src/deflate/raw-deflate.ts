import zlib from "node:zlib";
import type { DeflateResult, DeflateTask } from "./tasks.js";
import { createRawDeflater } from "./zlib-fastpath.js";

/** The raw-deflate bytes of an empty final block, which closes a stream of sync-flushed blocks. */
export const FINAL_EMPTY_BLOCK: Buffer = zlib.deflateRawSync(Buffer.alloc(0));

/** Deflates one block of a big file (see DeflateTask) on the calling thread. */
export function deflateBlock(task: DeflateTask): DeflateResult {
  const dictionary = task.dictionaryLength > 0 ? new Uint8Array(task.input, 0, task.dictionaryLength) : undefined;
  const input = new Uint8Array(task.input, task.dictionaryLength, task.length);
  // A fresh engine per block: the dictionary differs every time, and zlib applies it when the state is created.
  const engine = createRawDeflater(task.level, dictionary);
  try {
    const written = engine.deflateInto(input, new Uint8Array(task.out), zlib.constants.Z_SYNC_FLUSH);
    if (written < 0) {
      throw new Error("deflate output larger than its buffer");
    }
    return { input: task.input, out: task.out, written };
  } finally {
    engine.close();
  }
}
