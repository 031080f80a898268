import { type FileHandle, open, readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { looksIncompressible } from "./compressibility.js";
import { crc32 } from "./crc32.js";
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

const deflateRaw = promisify(zlib.deflateRaw);

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

// Files up to this size are read and deflated in one threadpool call each; larger ones stream in chunks.
const WHOLE_FILE_MAX = 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
// Compressed bytes a look-ahead job may hold before it waits for the writer; bounds memory whatever the sizes.
const JOB_BUFFER_MAX = 4 * 1024 * 1024;
const DEFAULT_LOOKAHEAD = 4;

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

// Reads and compresses one file ahead of the writer, keeping its output until the writer takes it.
class FileJob {
  method: number | undefined;
  crc = 0;
  size = 0;
  compressedSize = 0;
  done = false;
  error: Error | undefined;
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private cancelled = false;
  private readonly changed = new Notifier();
  private readonly space = new Notifier();

  constructor(
    readonly entry: Extract<ZipInput, { kind: "file" }>,
    private readonly level: number,
  ) {}

  start(): void {
    const run = this.entry.size <= WHOLE_FILE_MAX ? this.runWhole() : this.runChunked();
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
    this.space.notify();
  }

  /** Whole output is buffered, so the local header can carry the real CRC and sizes. */
  get complete(): boolean {
    return this.done;
  }

  async ready(): Promise<void> {
    while (this.error === undefined && !this.done && this.method === undefined) {
      await this.changed.wait();
    }
    if (this.error !== undefined) {
      throw this.error;
    }
  }

  async take(): Promise<Buffer | null> {
    for (;;) {
      if (this.error !== undefined) {
        throw this.error;
      }
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        this.queued -= chunk.length;
        this.space.notify();
        return chunk;
      }
      if (this.done) {
        return null;
      }
      await this.changed.wait();
    }
  }

  /** Everything produced so far, for a job that is already complete. */
  drain(): Buffer[] {
    const chunks = this.queue.splice(0);
    this.queued = 0;
    return chunks;
  }

  private push(chunk: Buffer): void {
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.compressedSize += chunk.length;
    this.changed.notify();
  }

  private async runWhole(): Promise<void> {
    const data = await readFile(this.entry.abs);
    if (this.cancelled) {
      return;
    }
    this.size = data.length;
    this.crc = crc32(data, 0);
    if (this.level > 0 && !looksIncompressible(data)) {
      const deflated = await deflateRaw(data, { level: this.level });
      // Like zip(1): when deflate does not shrink the data, store it instead.
      if (deflated.length < data.length) {
        this.method = METHOD_DEFLATE;
        this.push(deflated);
        return;
      }
    }
    this.method = METHOD_STORE;
    this.push(data);
  }

  private async runChunked(): Promise<void> {
    let handle: FileHandle | undefined;
    let deflater: zlib.DeflateRaw | undefined;
    try {
      handle = await open(this.entry.abs, "r");
      let first = true;
      for (;;) {
        while (this.queued > JOB_BUFFER_MAX && !this.cancelled) {
          await this.space.wait();
        }
        if (this.cancelled) {
          return;
        }
        const buffer = Buffer.allocUnsafe(READ_CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
        if (first) {
          first = false;
          const stored = this.level === 0 || looksIncompressible(buffer.subarray(0, bytesRead));
          this.method = stored ? METHOD_STORE : METHOD_DEFLATE;
          if (!stored) {
            deflater = zlib.createDeflateRaw({ level: this.level, chunkSize: 256 * 1024 });
            deflater.on("data", (chunk: Buffer) => this.push(chunk));
          }
          this.changed.notify();
        }
        if (bytesRead === 0) {
          break;
        }
        const chunk = bytesRead === READ_CHUNK ? buffer : buffer.subarray(0, bytesRead);
        this.crc = crc32(chunk, this.crc);
        this.size += bytesRead;
        if (deflater === undefined) {
          this.push(chunk);
        } else if (!deflater.write(chunk)) {
          await waitForDrain(deflater);
        }
      }
      if (deflater !== undefined) {
        const d = deflater;
        await new Promise<void>((resolve, reject) => {
          d.once("end", resolve);
          d.once("error", reject);
          d.end();
        });
      }
    } finally {
      deflater?.destroy();
      await handle?.close();
    }
  }
}

function waitForDrain(stream: zlib.DeflateRaw): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off("error", onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off("drain", onDrain);
      reject(error);
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
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
    const fileJobs = new Map<number, FileJob>();
    let nextToStart = 0;
    const startUpTo = (index: number) => {
      while (nextToStart < files.length && nextToStart <= index) {
        const job = new FileJob(files[nextToStart]!, settings.level);
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
      await job.ready();
      record.method = job.method ?? METHOD_STORE;
      if (job.complete) {
        record.crc = job.crc;
        record.size = job.size;
        record.compressedSize = job.compressedSize;
        const chunks = job.drain();
        const header = localHeader(record);
        await emit(chunks.length === 1 && chunks[0]!.length < 64 * 1024 ? Buffer.concat([header, chunks[0]!]) : header);
        if (!(chunks.length === 1 && chunks[0]!.length < 64 * 1024)) {
          for (const chunk of chunks) {
            await emit(chunk);
          }
        }
      } else {
        record.dataDescriptor = true;
        await emit(localHeader(record));
        for (let chunk = await job.take(); chunk !== null; chunk = await job.take()) {
          await emit(chunk);
        }
        record.crc = job.crc;
        record.size = job.size;
        record.compressedSize = job.compressedSize;
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
