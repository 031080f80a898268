/** The messages the main thread and the deflate threads exchange (plain data: they cross a worker boundary). */

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

/** The `code` of a batch error for a file that grew after it was listed. */
export const GREW = "EGREW";

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
