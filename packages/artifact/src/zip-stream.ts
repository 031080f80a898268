import { type FileHandle, open } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { BATCH_INFO_FIELDS, type BatchResult, GREW } from "./batch.js";
import { BufferPool } from "./buffer-pool.js";
import { looksIncompressible } from "./compressibility.js";
import { crc32 } from "./crc32.js";
import { createDeflater, type Deflater, FINAL_EMPTY_BLOCK } from "./deflate-pool.js";
import type { ZipPlan } from "./entry-table.js";
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
  onProgress?: ((progress: ZipProgress) => void) | undefined;
  /** Returns another writer's output for plans this writer cannot hold (zip64 sizes); its bytes are forwarded. */
  fallback?: ((plan: ZipPlan) => Readable | null) | undefined;
}

// Files up to one block are read and deflated whole, many to a batch; larger ones are cut into blocks that
// deflate in parallel, each primed with the previous 32 KiB and sync-flushed so the blocks concatenate.
const BLOCK = 1024 * 1024;
// A batch of small files holds up to this many bytes or files: one worker message and one promise per batch.
const BATCH_BYTES = 512 * 1024;
const BATCH_FILES = 256;
// Jobs (batches or big files) started ahead of the one being written.
const JOBS_AHEAD = 16;
// Room for deflate's worst case: zlib's deflateBound for raw streams, the sync-flush marker, and a margin. It keeps
// a block's output buffer in the same 1 MiB size class as its input.
const outSize = (n: number) => n + (n >> 12) + (n >> 14) + (n >> 25) + 1024;
const WINDOW = 32 * 1024;
const BLOCK_COST = 2 * BLOCK;
// Raw bytes read ahead of the writer across all files; bounds memory whatever the file sizes.
const READ_AHEAD_BYTES = 4 * 1024 * 1024;
// Blocks of the file being written that may be in flight at once.
const HEAD_BLOCKS = 2;
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
  /** Takes `n` when it fits, nothing is taken, or `force` (the job the writer waits on); false otherwise. */
  tryAcquire(n: number, force = false): boolean {
    if (!force && this.used > 0 && this.used + n > this.limit) {
      return false;
    }
    this.used += n;
    return true;
  }
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

// Reads and compresses one big file ahead of the writer, block by block, keeping its output until the writer
// takes it.
class BlockJob {
  readonly kind = "block";
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
    readonly index: number,
    readonly abs: string,
    private readonly level: number,
    private readonly deflater: Deflater,
    private readonly budget: Budget,
    private readonly pools: Pools,
  ) {}

  start(): void {
    this.runBlocks().then(
      () => {
        this.done = true;
        this.changed.notify();
      },
      (error: unknown) => {
        this.error = error instanceof ArtifactError ? error : new UnreadableFileError(this.abs, error);
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

  private deflatePiece(input: ArrayBuffer, dictionaryLength: number, length: number) {
    return this.deflater.deflate({
      input,
      dictionaryLength,
      length,
      out: this.pools.output.take(outSize(length)),
      level: this.level,
    });
  }

  // Each block buffer holds the previous 32 KiB (the deflate dictionary) and then up to BLOCK - WINDOW new bytes.
  private async runBlocks(): Promise<void> {
    const { input: inputPool, output: outputPool } = this.pools;
    const handle: FileHandle = await open(this.abs, "r");
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
              this.deflatePiece(input, dictionaryLength, bytesRead).then((r) => {
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
  private buffer: Buffer;
  private length = 0;
  constructor(expected: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(expected, 1024));
  }
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

/** Where the zip bytes go; the writer reuses a piece's buffer once `write` has resolved. */
export interface ZipSink {
  write(data: Buffer): Promise<void>;
  /** Writes out anything the sink has batched. */
  flush(): Promise<void>;
}

// Pieces smaller than this are batched: thousands of 50-byte headers would otherwise cost a write each.
const SMALL_PIECE = 16 * 1024;
const BATCH = 256 * 1024;

// A batch of whole small files (plan indices, in order) being read and compressed by the deflater.
interface BatchJob {
  readonly kind: "batch";
  readonly indices: number[];
  readonly cost: number;
  readonly result: Promise<BatchResult>;
}

type Job = BatchJob | BlockJob;

// The next job's files, decided before the budget allows starting it.
type JobSpec = { kind: "batch"; indices: number[]; bytes: number } | { kind: "block"; index: number };

function batchError(abs: string, error: NonNullable<BatchResult["error"]>): ArtifactError {
  if (error.code === GREW) {
    return new ArtifactError("UNREADABLE_FILE", `File grew while it was being zipped: ${abs}`, { path: abs });
  }
  return new UnreadableFileError(abs, Object.assign(new Error(error.message), { code: error.code }));
}

/** Produces the whole zip into `sink`; returns the number of bytes written. */
export async function writeZip(
  plan: ZipPlan,
  settings: ZipSettings,
  sink: ZipSink,
  stopped: () => Error | undefined,
  onJob: (job: { cancel(): void }, active: boolean) => void,
): Promise<number> {
  const { entries, root } = plan;
  const count = entries.length;
  // Concatenation, not path.join, whose normalising allocates several strings per call on this hot path.
  const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
  const absOf = (i: number) =>
    rootPrefix + (path.sep === "/" ? entries.names[i]! : entries.names[i]!.replaceAll("/", path.sep));
  let offset = 0;
  const emit = async (data: Buffer): Promise<void> => {
    const error = stopped();
    if (error !== undefined) {
      throw error;
    }
    if (offset + data.length > settings.maxBytes) {
      throw new ArtifactTooLargeError(settings.maxBytes, root);
    }
    offset += data.length;
    await sink.write(data);
  };

  const totals = entries.fileTotals();
  const deflater = createDeflater(totals.bytes, settings.level);
  const pools: Pools = { input: new BufferPool(POOL_KEEP_BYTES), output: new BufferPool(POOL_KEEP_BYTES) };
  const budget = new Budget(READ_AHEAD_BYTES);
  const started: Job[] = [];

  // Plans jobs in zip order: consecutive small files form a batch; a file over one block is a job of its own.
  let scan = 0;
  let spec: JobSpec | null | undefined;
  const nextSpec = (): JobSpec | null => {
    if (spec !== undefined) {
      return spec;
    }
    const indices: number[] = [];
    let bytes = 0;
    for (; scan < count && indices.length < BATCH_FILES; scan++) {
      if (entries.isDirectory(scan)) {
        continue;
      }
      const size = entries.size(scan);
      if (size > BLOCK && indices.length === 0) {
        spec = { kind: "block", index: scan++ };
        return spec;
      }
      if (indices.length > 0 && (size > BLOCK || bytes + size > BATCH_BYTES)) {
        break;
      }
      indices.push(scan);
      bytes += size;
    }
    spec = indices.length === 0 ? null : { kind: "batch", indices, bytes };
    return spec;
  };

  // Starts jobs ahead of the writer while the read-ahead budget allows; the next job to write always starts.
  const startJobs = (): void => {
    while (started.length < JOBS_AHEAD) {
      const next = nextSpec();
      if (next === null) {
        return;
      }
      if (next.kind === "block") {
        const job = new BlockJob(next.index, absOf(next.index), settings.level, deflater, budget, pools);
        onJob(job, true);
        job.start();
        started.push(job);
      } else {
        // Every batch takes a BATCH_BYTES buffer (only a lone file of 512 KiB to 1 MiB needs more), so they recycle.
        const outBytes = Math.max(BATCH_BYTES, next.bytes);
        const cost = BufferPool.classFor(outBytes);
        if (!budget.tryAcquire(cost, started.length === 0)) {
          return;
        }
        const result = deflater.zipBatch({
          paths: next.indices.map(absOf),
          sizes: next.indices.map((i) => entries.size(i)),
          level: settings.level,
          out: pools.output.take(outBytes),
        });
        // Failures surface when the writer reaches this batch; until then the rejection is handled here.
        result.catch(noop);
        started.push({ kind: "batch", indices: next.indices, cost, result });
      }
      spec = undefined;
    }
  };

  // Central headers are kept as bytes, not objects: tens of thousands of live records would grow the JS heap.
  // Sized up front (46 bytes plus the name per entry), so it never grows by copying.
  let centralBytes = 0;
  for (let i = 0; i < count; i++) {
    centralBytes += 46 + Buffer.byteLength(entries.names[i]!) + (entries.isDirectory(i) ? 1 : 0);
  }
  const central = new GrowingBuffer(centralBytes);
  let written = 0;
  let filesDone = 0;
  let bytesDone = 0;
  const recordFor = (i: number): EntryRecord => {
    const { name, utf8 } = encodeName(entries.entryName(i));
    const { dosDate, dosTime } = toDosDateTime(new Date(entries.mtimeMs(i)));
    return {
      name,
      utf8,
      method: METHOD_STORE,
      dataDescriptor: false,
      dosDate,
      dosTime,
      crc: 0,
      compressedSize: 0,
      size: 0,
      mode: entries.mode(i),
      directory: entries.isDirectory(i),
      offset,
    };
  };
  const finishEntry = (record: EntryRecord): void => {
    central.append(centralHeader(record));
    written++;
    if (record.directory) {
      return;
    }
    filesDone++;
    bytesDone += record.size;
    settings.onProgress?.({
      files: filesDone,
      totalFiles: totals.files,
      bytes: bytesDone,
      totalBytes: totals.bytes,
      compressedBytes: offset,
    });
  };
  // Folder entries sit between files in name order; every entry before `limit` not yet written is a folder.
  let nextEntry = 0;
  const writeFoldersBefore = async (limit: number): Promise<void> => {
    for (; nextEntry < limit; nextEntry++) {
      const record = recordFor(nextEntry);
      await emit(localHeader(record));
      finishEntry(record);
    }
  };

  const writeBatch = async (job: BatchJob): Promise<void> => {
    const result = await job.result;
    const out = result.out;
    for (let k = 0; k < job.indices.length; k++) {
      const i = job.indices[k]!;
      if (result.error !== undefined && k >= result.error.index) {
        throw batchError(absOf(i), result.error);
      }
      await writeFoldersBefore(i);
      const at = k * BATCH_INFO_FIELDS;
      const record = recordFor(i);
      record.method = result.info[at]!;
      record.crc = result.info[at + 1]!;
      record.size = result.info[at + 2]!;
      record.compressedSize = result.info[at + 3]!;
      await emit(localHeader(record));
      if (record.compressedSize > 0) {
        await emit(Buffer.from(out, result.info[at + 4]!, record.compressedSize));
      }
      finishEntry(record);
      nextEntry = i + 1;
    }
    budget.release(job.cost);
    pools.output.give(out);
  };

  const writeBlocks = async (job: BlockJob): Promise<void> => {
    await writeFoldersBefore(job.index);
    job.makeHead();
    await job.ready();
    const record = recordFor(job.index);
    record.method = job.method ?? METHOD_STORE;
    const emitPiece = async (piece: Piece) => {
      await emit(piece.data);
      piece.done();
    };
    if (job.done) {
      // Everything is read already: the local header can carry the real CRC and sizes.
      const pieces: Piece[] = [];
      for (let piece = await job.take(); piece !== null; piece = await job.take()) {
        pieces.push(piece);
      }
      record.crc = job.crc;
      record.size = job.size;
      record.compressedSize = pieces.reduce((sum, p) => sum + p.data.length, 0);
      await emit(localHeader(record));
      for (const piece of pieces) {
        await emitPiece(piece);
      }
    } else {
      record.dataDescriptor = true;
      await emit(localHeader(record));
      for (let piece = await job.take(); piece !== null; piece = await job.take()) {
        record.compressedSize += piece.data.length;
        await emitPiece(piece);
      }
      record.crc = job.crc;
      record.size = job.size;
      await emit(dataDescriptor(record));
    }
    finishEntry(record);
    onJob(job, false);
    nextEntry = job.index + 1;
  };

  try {
    startJobs();
    for (let job = started.shift(); job !== undefined; job = started.shift()) {
      startJobs();
      if (job.kind === "batch") {
        await writeBatch(job);
      } else {
        await writeBlocks(job);
      }
    }
    await writeFoldersBefore(count);
    const centralStart = offset;
    const directory = central.bytes();
    await emit(directory);
    await emit(endOfCentralDirectory(written, directory.length, centralStart));
    await sink.flush();
    return offset;
  } finally {
    for (const job of started) {
      if (job.kind === "block") {
        job.cancel();
      }
    }
    deflater.close();
  }
}

/**
 * Writes the entries as a zip into a Node Readable while reading: files are read ahead and deflated on worker
 * threads, entries still come out in the given order, and crossing `maxBytes` destroys the stream with
 * ArtifactTooLargeError before more of the folder is read.
 */
export function zipEntries(planned: Promise<ZipPlan>, settings: ZipSettings): Readable {
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

  // A Readable's consumer keeps what it is given for as long as it likes, so it only ever gets copies.
  const sink = stagingSink(async (data) => {
    if (!readable.push(data)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }, true);

  const run = async (): Promise<void> => {
    const plan = await planned;
    const other = settings.fallback?.(plan) ?? null;
    if (other !== null) {
      readable.once("close", () => other.destroy());
      let offset = 0;
      for await (const chunk of other) {
        if (stopped !== undefined) {
          throw stopped;
        }
        offset += (chunk as Buffer).length;
        if (offset > settings.maxBytes) {
          throw new ArtifactTooLargeError(settings.maxBytes, plan.root);
        }
        await sink.write(chunk as Buffer);
      }
      await sink.flush();
    } else {
      await writeZip(
        plan,
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
 * Copies pieces under SMALL_PIECE into a staging buffer written out whole (thousands of 50-byte headers would
 * otherwise cost a write each). With `handsOver`, `output` keeps what it is given: it gets a fresh staging buffer
 * each time and copies of big pieces; otherwise `output` is done with a buffer once its promise resolves.
 */
function stagingSink(output: (data: Buffer) => Promise<void>, handsOver: boolean): ZipSink {
  let staging = Buffer.allocUnsafeSlow(BATCH);
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
          staging = Buffer.allocUnsafeSlow(BATCH);
        }
        await output(full);
      }
    },
  };
  return sink;
}
