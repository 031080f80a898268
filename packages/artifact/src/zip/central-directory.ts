import { centralHeader, type EntryRecord, endRecords } from "./format.js";

/**
 * The central directory, kept as bytes rather than objects (tens of thousands of live records would grow the JS
 * heap), in a buffer sized up front from the entry names so it rarely grows by copying.
 */
export class CentralDirectory {
  private buffer: Buffer;
  private length = 0;
  /** Entries recorded so far. */
  count = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(expectedBytes, 1024));
  }

  /** Records an entry once it is written. */
  add(record: EntryRecord): void {
    const header = centralHeader(record);
    if (this.length + header.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + header.length));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    header.copy(this.buffer, this.length);
    this.length += header.length;
    this.count++;
  }

  /** The directory and the end records, for a directory that starts at `offset` in the zip. */
  finish(offset: number, forceZip64: boolean): Buffer[] {
    const directory = this.buffer.subarray(0, this.length);
    return [directory, endRecords(this.count, directory.length, offset, forceZip64)];
  }
}
