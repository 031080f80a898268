import { closeSync, openSync, readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { Readable } from "node:stream";
import { BufferPool } from "./buffer-pool.js";
import { looksIncompressible } from "./compressibility.js";
import { crc32 } from "./crc32.js";
import { createDeflater, type Deflater, FINAL_EMPTY_BLOCK, POOL_THRESHOLD } from "./deflate-pool.js";
import { ArtifactAbortedError, ArtifactError, ArtifactTooLargeError, UnreadableFileError } from "./errors.js";
import type { WalkFile } from "./walk.js";
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

/** One entry to write, already in final order: a folder entry, or a file as the walk found it. */
export type ZipInput =
  | { readonly kind: "directory"; readonly name: string; readonly mode: number; readonly mtimeMs: number }
  | WalkFile;

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
// Room for deflate's worst case (stored blocks add 5 bytes per 16 KiB) plus the flush marker.
const outSize = (n: number) => n + (n >> 3) + 1024;
const WINDOW = 32 * 1024;
const BLOCK_COST = BLOCK + 2 * BLOCK;
// Raw bytes read ahead of the writer across all files; bounds memory whatever the file sizes.
const READ_AHEAD_BYTES = 4 * 1024 * 1024;
// Blocks of the file being written that may be in flight at once.
const HEAD_BLOCKS = 2;
const DEFAULT_LOOKAHEAD = 16;
const POOL_KEEP_BYTES = 4 * 1024 * 1024;

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

/** Bytes to write and what to do once they are written (give pooled buffers back). */
interface Piece {
  data: Buffer;
  done: () => void;
}

interface Output {
  piece: Promise<Piece>;
  raw: number;
}

interface Pools {
  input: BufferPool;
  output: BufferPool;
}

const noop = () => {};

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
    private readonly pools: Pools,
    private readonly syncReads: boolean,
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
  async take(): Promise<Piece | null> {
    for (;;) {
      if (this.error !== undefined) {
        throw this.error;
      }
      const next = this.outputs.shift();
      if (next !== undefined) {
        this.changed.notify();
        try {
          return await next.piece;
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

  private push(piece: Promise<Piece>, raw: number): void {
    // Rejections surface through take(); this keeps a piece nobody awaits yet from counting as unhandled.
    piece.catch(noop);
    this.outputs.push({ piece, raw });
    this.changed.notify();
  }

  // Reads into a pooled buffer until it is full or the file ends.
  private async readInto(
    handle: FileHandle,
    buffer: ArrayBuffer,
    position: number,
    max: number,
    at = 0,
  ): Promise<number> {
    const view = Buffer.from(buffer, at, Math.min(max, buffer.byteLength - at));
    let filled = 0;
    while (filled < view.length) {
      const { bytesRead } = await handle.read(view, filled, view.length - filled, position + filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    return filled;
  }

  private deflatePiece(input: ArrayBuffer, dictionaryLength: number, length: number, final: boolean) {
    return this.deflater.deflate({
      input,
      dictionaryLength,
      length,
      out: this.pools.output.take(outSize(length)),
      level: this.level,
      final,
    });
  }

  // Reading up to the whole size class notices a file that grew since it was listed without an extra read.
  private async readWhole(input: ArrayBuffer): Promise<number> {
    const handle = await open(this.entry.abs, "r");
    try {
      const length = await this.readInto(handle, input, 0, input.byteLength);
      if (length === input.byteLength && (await handle.read(Buffer.alloc(1), 0, 1, length)).bytesRead > 0) {
        throw this.grew();
      }
      return length;
    } finally {
      await handle.close();
    }
  }

  // Small artifacts: a page-cache read costs microseconds, far less than a threadpool round trip per call.
  private readWholeSync(input: ArrayBuffer): number {
    const fd = openSync(this.entry.abs, "r");
    try {
      const view = new Uint8Array(input);
      let length = 0;
      for (;;) {
        const n = readSync(fd, view, length, view.length - length, length);
        if (n === 0) {
          return length;
        }
        length += n;
        if (length === view.length) {
          if (readSync(fd, Buffer.alloc(1), 0, 1, length) > 0) {
            throw this.grew();
          }
          return length;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  private grew(): ArtifactError {
    return new ArtifactError("UNREADABLE_FILE", `File grew while it was being zipped: ${this.entry.abs}`, {
      path: this.entry.abs,
    });
  }

  private async runWhole(): Promise<void> {
    const { input: inputPool, output: outputPool } = this.pools;
    // Counted at the size of the buffers it will hold, input and output, which is what memory really pays.
    const cost = BufferPool.classFor(this.entry.size) + BufferPool.classFor(outSize(this.entry.size));
    await this.budget.acquire(cost, () => this.head || this.cancelled);
    if (this.cancelled) {
      this.budget.release(cost);
      return;
    }
    let input = inputPool.take(Math.max(1, this.entry.size));
    let length: number;
    try {
      length = this.syncReads ? this.readWholeSync(input) : await this.readWhole(input);
    } catch (error) {
      inputPool.give(input);
      this.budget.release(cost);
      throw error;
    }
    const data = Buffer.from(input, 0, length);
    this.size = length;
    this.crc = crc32(data, 0);
    if (this.level > 0 && !looksIncompressible(data)) {
      const result = await this.deflatePiece(input, 0, length, true);
      input = result.input;
      // Like zip(1): when deflate does not shrink the data, store it instead.
      if (result.written < length) {
        this.method = METHOD_DEFLATE;
        inputPool.give(input);
        const out = result.out;
        this.push(
          Promise.resolve({ data: Buffer.from(out, 0, result.written), done: () => outputPool.give(out) }),
          cost,
        );
        return;
      }
      outputPool.give(result.out);
    }
    this.method = METHOD_STORE;
    const stored = input;
    this.push(Promise.resolve({ data: Buffer.from(stored, 0, length), done: () => inputPool.give(stored) }), cost);
  }

  // Each block buffer holds the previous 32 KiB (the deflate dictionary) and then up to BLOCK - WINDOW new bytes.
  private async runBlocks(): Promise<void> {
    const { input: inputPool, output: outputPool } = this.pools;
    const handle: FileHandle = await open(this.entry.abs, "r");
    try {
      let first = true;
      // The last 32 KiB read so far, kept here because each block buffer moves to a worker once read.
      const tail = Buffer.allocUnsafe(WINDOW);
      let tailLength = 0;
      let position = 0;
      for (;;) {
        while (this.head && this.outputs.length >= HEAD_BLOCKS && !this.cancelled) {
          await this.changed.wait();
        }
        await this.budget.acquire(BLOCK_COST, () => this.head || this.cancelled);
        if (this.cancelled) {
          this.budget.release(BLOCK_COST);
          return;
        }
        const input = inputPool.take(BLOCK);
        const view = Buffer.from(input);
        const dictionaryLength = tailLength;
        tail.copy(view, 0, 0, tailLength);
        let bytesRead: number;
        try {
          bytesRead = await this.readInto(handle, input, position, BLOCK - WINDOW, dictionaryLength);
        } catch (error) {
          inputPool.give(input);
          this.budget.release(BLOCK_COST);
          throw error;
        }
        position += bytesRead;
        const block = view.subarray(dictionaryLength, dictionaryLength + bytesRead);
        if (first) {
          first = false;
          this.method = this.level === 0 || looksIncompressible(block) ? METHOD_STORE : METHOD_DEFLATE;
          this.changed.notify();
        }
        if (bytesRead > 0) {
          this.crc = crc32(block, this.crc);
          this.size += bytesRead;
          if (this.method === METHOD_STORE) {
            this.push(Promise.resolve({ data: block, done: () => inputPool.give(input) }), BLOCK_COST);
          } else {
            tailLength = Math.min(WINDOW, dictionaryLength + bytesRead);
            view.copy(tail, 0, dictionaryLength + bytesRead - tailLength, dictionaryLength + bytesRead);
            this.push(
              this.deflatePiece(input, dictionaryLength, bytesRead, false).then((r) => {
                inputPool.give(r.input);
                return { data: Buffer.from(r.out, 0, r.written), done: () => outputPool.give(r.out) };
              }),
              BLOCK_COST,
            );
          }
        } else {
          inputPool.give(input);
          this.budget.release(BLOCK_COST);
        }
        if (bytesRead < BLOCK - WINDOW) {
          break;
        }
      }
      if (this.method === METHOD_DEFLATE) {
        this.push(Promise.resolve({ data: FINAL_EMPTY_BLOCK, done: noop }), 0);
      }
    } finally {
      await handle.close();
    }
  }
}

// An append-only byte buffer that doubles as it grows.
class GrowingBuffer {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  append(data: Buffer): void {
    if (this.length + data.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + data.length));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    data.copy(this.buffer, this.length);
    this.length += data.length;
  }
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Where the zip bytes go; `recycles` means a piece's buffers may be reused once `write` resolves. */
export interface ZipSink {
  write(data: Buffer): Promise<void>;
  /** Writes out anything the sink has batched. */
  flush(): Promise<void>;
  readonly recycles: boolean;
}

// Pieces smaller than this are batched: thousands of 50-byte headers would otherwise cost a write each.
const SMALL_PIECE = 16 * 1024;
const BATCH = 256 * 1024;

/** Produces the whole zip into `sink`; returns the number of bytes written. */
export async function writeZip(
  list: readonly ZipInput[],
  settings: ZipSettings,
  sink: ZipSink,
  stopped: () => Error | undefined,
  onJob: (job: { cancel(): void }, active: boolean) => void,
): Promise<number> {
  let offset = 0;
  const emit = async (piece: Piece): Promise<void> => {
    const error = stopped();
    if (error !== undefined) {
      throw error;
    }
    if (offset + piece.data.length > settings.maxBytes) {
      throw new ArtifactTooLargeError(settings.maxBytes, settings.root);
    }
    offset += piece.data.length;
    await sink.write(piece.data);
    if (sink.recycles) {
      piece.done();
    }
  };
  const bytes = (data: Buffer): Piece => ({ data, done: noop });

  const files = list.filter((e): e is Extract<ZipInput, { kind: "file" }> => e.kind === "file");
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const lookahead = settings.lookahead ?? DEFAULT_LOOKAHEAD;
  const deflater = createDeflater(totalBytes, settings.level);
  const pools: Pools = { input: new BufferPool(POOL_KEEP_BYTES), output: new BufferPool(POOL_KEEP_BYTES) };
  const budget = new Budget(READ_AHEAD_BYTES);
  const fileJobs = new Map<number, FileJob>();
  try {
    let nextToStart = 0;
    const startUpTo = (index: number) => {
      while (nextToStart < files.length && nextToStart <= index) {
        const job = new FileJob(
          files[nextToStart]!,
          settings.level,
          deflater,
          budget,
          pools,
          totalBytes < POOL_THRESHOLD,
        );
        fileJobs.set(nextToStart, job);
        onJob(job, true);
        job.start();
        nextToStart++;
      }
    };

    // Central headers are kept as bytes, not objects: tens of thousands of live records would grow the JS heap.
    const central = new GrowingBuffer();
    let count = 0;
    let fileIndex = 0;
    let bytesDone = 0;
    for (const entry of list) {
      const { name, utf8 } = encodeName(entry.kind === "directory" ? `${entry.name}/` : entry.name);
      const { dosDate, dosTime } = toDosDateTime(new Date(entry.mtimeMs));
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
        await emit(bytes(localHeader(record)));
        central.append(centralHeader(record));
        count++;
        continue;
      }
      startUpTo(fileIndex + lookahead);
      const job = fileJobs.get(fileIndex)!;
      job.makeHead();
      await job.ready();
      record.method = job.method ?? METHOD_STORE;
      if (job.done) {
        // Everything is read already: the local header can carry the real CRC and sizes.
        const pieces: Piece[] = [];
        for (let piece = await job.take(); piece !== null; piece = await job.take()) {
          pieces.push(piece);
        }
        record.crc = job.crc;
        record.size = job.size;
        record.compressedSize = pieces.reduce((sum, p) => sum + p.data.length, 0);
        // Sinks batch small writes themselves (the file sink copies them into one staging buffer).
        await emit(bytes(localHeader(record)));
        for (const piece of pieces) {
          await emit(piece);
        }
      } else {
        record.dataDescriptor = true;
        await emit(bytes(localHeader(record)));
        for (let piece = await job.take(); piece !== null; piece = await job.take()) {
          record.compressedSize += piece.data.length;
          await emit(piece);
        }
        record.crc = job.crc;
        record.size = job.size;
        await emit(bytes(dataDescriptor(record)));
      }
      central.append(centralHeader(record));
      count++;
      onJob(job, false);
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
    const directory = central.bytes();
    await emit(bytes(directory));
    await emit(bytes(endOfCentralDirectory(count, directory.length, centralStart)));
    await sink.flush();
    return offset;
  } finally {
    for (const job of fileJobs.values()) {
      job.cancel();
    }
    deflater.close();
  }
}

/**
 * Writes the entries as a zip into a Node Readable while reading: files are read ahead and deflated on worker
 * threads, entries still come out in the given order, and crossing `maxBytes` destroys the stream with
 * ArtifactTooLargeError before more of the folder is read.
 */
export function zipEntries(entries: Promise<ZipInput[]>, settings: ZipSettings): Readable {
  let wake: (() => void) | undefined;
  let stopped: Error | undefined;
  const jobs = new Set<{ cancel(): void }>();

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

  // Buffers pushed to a Readable belong to its consumer from then on, so this sink never recycles them.
  const push = async (data: Buffer): Promise<void> => {
    if (!readable.push(data)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  let batch: Buffer[] = [];
  let batched = 0;
  const sink: ZipSink = {
    recycles: false,
    async write(data) {
      if (data.length < SMALL_PIECE) {
        batch.push(data);
        batched += data.length;
        if (batched >= BATCH) {
          await sink.flush();
        }
        return;
      }
      await sink.flush();
      await push(data);
    },
    async flush() {
      if (batched > 0) {
        const joined = Buffer.concat(batch, batched);
        batch = [];
        batched = 0;
        await push(joined);
      }
    },
  };

  const run = async (): Promise<void> => {
    const list = await entries;
    const other = settings.fallback?.(list) ?? null;
    if (other !== null) {
      readable.once("close", () => other.destroy());
      let offset = 0;
      for await (const chunk of other) {
        if (stopped !== undefined) {
          throw stopped;
        }
        offset += (chunk as Buffer).length;
        if (offset > settings.maxBytes) {
          throw new ArtifactTooLargeError(settings.maxBytes, settings.root);
        }
        await sink.write(chunk as Buffer);
      }
      await sink.flush();
    } else {
      await writeZip(
        list,
        settings,
        sink,
        () => stopped,
        (job, active) => {
          if (active) {
            jobs.add(job);
          } else {
            jobs.delete(job);
          }
        },
      );
    }
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

/** A sink that writes to an open file and reuses buffers once each write has completed. */
export function fileSink(handle: FileHandle): ZipSink {
  const staging = Buffer.allocUnsafe(BATCH);
  let staged = 0;
  const writeAll = async (data: Buffer): Promise<void> => {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
  };
  const sink: ZipSink = {
    recycles: true,
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
      await writeAll(data);
    },
    async flush() {
      if (staged > 0) {
        const n = staged;
        staged = 0;
        await writeAll(staging.subarray(0, n));
      }
    },
  };
  return sink;
}
