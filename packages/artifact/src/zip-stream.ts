import { type FileHandle, open, readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { looksIncompressible } from "./compressibility.js";
import { crc32 } from "./crc32.js";
import { createDeflater, type Deflater, FINAL_EMPTY_BLOCK } from "./deflate-pool.js";
import { ArtifactAbortedError, ArtifactError, ArtifactTooLargeError, UnreadableFileError } from "./errors.js";
import {
  centralHeader,
  dataDescriptor,
  type EntryRecord,
  encodeName,
  endOfCentralDirectory,
  localHeader,
  METHOD_DEFLATE,
  METHOD_STORE,
  toDosDateTime,
} from "./zip-format.js";

/** One entry to write, already in final order. */
export type ZipInput =
  | { kind: "directory"; name: string; mode: number; mtime: Date }
  | { kind: "file"; name: string; abs: string; size: number; mode: number; mtime: Date };

/** Progress of a running zip: files and input bytes done, compressed bytes produced. */
export interface ZipProgress {
  /** Files written so far. */
  files: number;
  /** Files in the artifact. */
  totalFiles: number;
  /** Uncompressed bytes of the files written so far. */
  bytes: number;
  /** Uncompressed bytes of all files. */
  totalBytes: number;
  /** Zip bytes produced so far. */
  compressedBytes: number;
}

/** Settings of the writer. */
export interface ZipSettings {
  level: number;
  maxBytes: number;
  root?: string | undefined;
  onProgress?: ((progress: ZipProgress) => void) | undefined;
  /** Files read and compressed ahead of the one being written (they run on the libuv threadpool). */
  lookahead?: number | undefined;
  /** Returns another writer's output for lists this writer cannot hold (zip64 sizes); its bytes are forwarded. */
  fallback?: ((list: readonly ZipInput[]) => Readable | null) | undefined;
}

// Files up to one block are read and deflated in one call; larger ones are cut into blocks that deflate in
// parallel, each primed with the previous 32 KiB and sync-flushed so the blocks concatenate into one stream.
const BLOCK = 1024 * 1024;
const WINDOW = 32 * 1024;
// Raw bytes read ahead of the writer across all files; bounds memory whatever the file sizes.
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
// Blocks of the file being written that may be in flight at once.
const HEAD_BLOCKS = 4;
const DEFAULT_LOOKAHEAD = 64;

class Notifier {
  private waiters: Array<() => void> = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }
}

// Shared read-ahead allowance; the file being written may always proceed, so the writer never deadlocks.
class Budget {
  private used = 0;
  private readonly changed = new Notifier();
  constructor(private readonly limit: number) {}
  async acquire(n: number, mayProceed: () => boolean): Promise<void> {
    while (this.used > 0 && this.used + n > this.limit && !mayProceed()) {
      await this.changed.wait();
    }
    this.used += n;
  }
  release(n: number): void {
    this.used -= n;
    this.changed.notify();
  }
  poke(): void {
    this.changed.notify();
  }
}

interface Output {
  data: Promise<Buffer>;
  raw: number;
}

// Reads and compresses one file ahead of the writer, keeping its output until the writer takes it.
class FileJob {
  method: number | undefined;
  crc = 0;
  size = 0;
  done = false;
  error: Error | undefined;
  head = false;
  private readonly outputs: Output[] = [];
  private cancelled = false;
  private readonly changed = new Notifier();

  constructor(
    readonly entry: Extract<ZipInput, { kind: "file" }>,
    private readonly level: number,
    private readonly deflater: Deflater,
    private readonly budget: Budget,
  ) {}

  start(): void {
    const run = this.entry.size <= BLOCK ? this.runWhole() : this.runBlocks();
    run.then(
      () => {
        this.done = true;
        this.changed.notify();
      },
      (error: unknown) => {
        this.error = error instanceof ArtifactError ? error : new UnreadableFileError(this.entry.abs, error);
        this.changed.notify();
      },
    );
  }

  cancel(): void {
    this.cancelled = true;
    this.changed.notify();
    this.budget.poke();
  }

  makeHead(): void {
    this.head = true;
    this.budget.poke();
  }

  async ready(): Promise<void> {
    while (this.error === undefined && !this.done && this.method === undefined) {
      await this.changed.wait();
    }
    if (this.error !== undefined) {
      throw this.error;
    }
  }

  /** The next compressed piece in order, or null at the end. */
  async take(): Promise<Buffer | null> {
    for (;;) {
      if (this.error !== undefined) {
        throw this.error;
      }
      const next = this.outputs.shift();
      if (next !== undefined) {
        this.changed.notify();
        try {
          return await next.data;
        } finally {
          this.budget.release(next.raw);
        }
      }
      if (this.done) {
        return null;
      }
      await this.changed.wait();
    }
  }

  private push(data: Promise<Buffer>, raw: number): void {
    // Rejections surface through take(); this keeps a piece nobody awaits yet from counting as unhandled.
    data.catch(() => {});
    this.outputs.push({ data, raw });
    this.changed.notify();
  }

  private async runWhole(): Promise<void> {
    await this.budget.acquire(this.entry.size, () => this.head || this.cancelled);
    if (this.cancelled) {
      this.budget.release(this.entry.size);
      return;
    }
    let data: Buffer;
    try {
      data = await readFile(this.entry.abs);
    } catch (error) {
      this.budget.release(this.entry.size);
      throw error;
    }
    this.size = data.length;
    this.crc = crc32(data, 0);
    let out = data;
    let method = METHOD_STORE;
    if (this.level > 0 && !looksIncompressible(data)) {
      const deflated = await this.deflater.deflate(data, this.level, undefined, true);
      // Like zip(1): when deflate does not shrink the data, store it instead.
      if (deflated.out.length < deflated.input.length) {
        out = deflated.out;
        method = METHOD_DEFLATE;
      } else {
        out = deflated.input;
      }
    }
    this.method = method;
    this.push(Promise.resolve(out), this.entry.size);
  }

  private async runBlocks(): Promise<void> {
    const handle: FileHandle = await open(this.entry.abs, "r");
    try {
      let first = true;
      let tail: Buffer | undefined;
      let position = 0;
      for (;;) {
        while (this.head && this.outputs.length >= HEAD_BLOCKS && !this.cancelled) {
          await this.changed.wait();
        }
        await this.budget.acquire(BLOCK, () => this.head || this.cancelled);
        if (this.cancelled) {
          this.budget.release(BLOCK);
          return;
        }
        const buffer = Buffer.allocUnsafe(BLOCK);
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, BLOCK, position));
        } catch (error) {
          this.budget.release(BLOCK);
          throw error;
        }
        position += bytesRead;
        const block = bytesRead === BLOCK ? buffer : buffer.subarray(0, bytesRead);
        if (first) {
          first = false;
          this.method = this.level === 0 || looksIncompressible(block) ? METHOD_STORE : METHOD_DEFLATE;
          this.changed.notify();
        }
        if (bytesRead > 0) {
          this.crc = crc32(block, this.crc);
          this.size += bytesRead;
          if (this.method === METHOD_STORE) {
            this.push(Promise.resolve(block), BLOCK);
          } else {
            // The block may move to a worker, so its last 32 KiB are copied first to prime the next block.
            const dictionary = tail;
            tail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
            this.push(
              this.deflater.deflate(block, this.level, dictionary, false).then((r) => r.out),
              BLOCK,
            );
          }
        } else {
          this.budget.release(BLOCK);
        }
        if (bytesRead < BLOCK) {
          break;
        }
      }
      if (this.method === METHOD_DEFLATE) {
        this.push(Promise.resolve(FINAL_EMPTY_BLOCK), 0);
      }
    } finally {
      await handle.close();
    }
  }
}

/**
 * Writes the entries as a zip into a Node Readable while reading: several files are read and deflated at once on
 * the threadpool, entries still come out in the given order, and crossing `maxBytes` destroys the stream with
 * ArtifactTooLargeError before more of the folder is read.
 */
export function zipEntries(entries: Promise<ZipInput[]>, settings: ZipSettings): Readable {
  let wake: (() => void) | undefined;
  let stopped: Error | undefined;
  const jobs = new Set<FileJob>();

  const readable = new Readable({
    highWaterMark: 1024 * 1024,
    read() {
      const resume = wake;
      wake = undefined;
      resume?.();
    },
    destroy(error, callback) {
      stopped ??= error ?? new ArtifactAbortedError();
      for (const job of jobs) {
        job.cancel();
      }
      const resume = wake;
      wake = undefined;
      resume?.();
      callback(error);
    },
  });

  let offset = 0;
  const emit = async (buf: Buffer): Promise<void> => {
    if (stopped !== undefined) {
      throw stopped;
    }
    if (offset + buf.length > settings.maxBytes) {
      throw new ArtifactTooLargeError(settings.maxBytes, settings.root);
    }
    offset += buf.length;
    if (!readable.push(buf)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };

  const run = async (): Promise<void> => {
    const list = await entries;
    const other = settings.fallback?.(list) ?? null;
    if (other !== null) {
      readable.once("close", () => other.destroy());
      for await (const chunk of other) {
        await emit(chunk as Buffer);
      }
      readable.push(null);
      return;
    }
    const files = list.filter((e): e is Extract<ZipInput, { kind: "file" }> => e.kind === "file");
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    const lookahead = settings.lookahead ?? DEFAULT_LOOKAHEAD;
    const deflater = createDeflater(totalBytes, settings.level);
    readable.once("close", () => deflater.close());
    const budget = new Budget(READ_AHEAD_BYTES);
    const fileJobs = new Map<number, FileJob>();
    let nextToStart = 0;
    const startUpTo = (index: number) => {
      while (nextToStart < files.length && nextToStart <= index) {
        const job = new FileJob(files[nextToStart]!, settings.level, deflater, budget);
        fileJobs.set(nextToStart, job);
        jobs.add(job);
        job.start();
        nextToStart++;
      }
    };

    const records: EntryRecord[] = [];
    let fileIndex = 0;
    let bytesDone = 0;
    for (const entry of list) {
      if (stopped !== undefined) {
        throw stopped;
      }
      const { name, utf8 } = encodeName(entry.kind === "directory" ? `${entry.name}/` : entry.name);
      const { dosDate, dosTime } = toDosDateTime(entry.mtime);
      const record: EntryRecord = {
        name,
        utf8,
        method: METHOD_STORE,
        dataDescriptor: false,
        dosDate,
        dosTime,
        crc: 0,
        compressedSize: 0,
        size: 0,
        mode: entry.mode,
        directory: entry.kind === "directory",
        offset,
      };
      if (entry.kind === "directory") {
        await emit(localHeader(record));
        records.push(record);
        continue;
      }
      startUpTo(fileIndex + lookahead);
      const job = fileJobs.get(fileIndex)!;
      job.makeHead();
      await job.ready();
      record.method = job.method ?? METHOD_STORE;
      if (job.done) {
        // Everything is read already: the local header can carry the real CRC and sizes.
        const chunks: Buffer[] = [];
        for (let chunk = await job.take(); chunk !== null; chunk = await job.take()) {
          chunks.push(chunk);
        }
        record.crc = job.crc;
        record.size = job.size;
        record.compressedSize = chunks.reduce((sum, c) => sum + c.length, 0);
        const header = localHeader(record);
        if (record.compressedSize < 64 * 1024) {
          await emit(Buffer.concat([header, ...chunks]));
        } else {
          await emit(header);
          for (const chunk of chunks) {
            await emit(chunk);
          }
        }
      } else {
        record.dataDescriptor = true;
        await emit(localHeader(record));
        for (let chunk = await job.take(); chunk !== null; chunk = await job.take()) {
          record.compressedSize += chunk.length;
          await emit(chunk);
        }
        record.crc = job.crc;
        record.size = job.size;
        await emit(dataDescriptor(record));
      }
      records.push(record);
      jobs.delete(job);
      fileJobs.delete(fileIndex);
      fileIndex++;
      bytesDone += record.size;
      settings.onProgress?.({
        files: fileIndex,
        totalFiles: files.length,
        bytes: bytesDone,
        totalBytes,
        compressedBytes: offset,
      });
    }
    const centralStart = offset;
    const central = Buffer.concat(records.map(centralHeader));
    await emit(central);
    await emit(endOfCentralDirectory(records.length, central.length, centralStart));
    readable.push(null);
  };

  run().catch((error: unknown) => {
    for (const job of jobs) {
      job.cancel();
    }
    if (!readable.destroyed) {
      readable.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return readable;
}
