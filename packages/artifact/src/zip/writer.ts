import path from "node:path";
import { createDeflater, type Deflater } from "../deflate/pool.js";
import { BATCH_INFO_FIELDS } from "../deflate/tasks.js";
import { ArtifactTooLargeError } from "../errors.js";
import type { ZipPlan } from "../plan/plan.js";
import { BlockJob, type Piece, type Pools } from "./block-job.js";
import { Budget } from "./budget.js";
import { BufferPool } from "./buffer-pool.js";
import { CentralDirectory } from "./central-directory.js";
import {
  dataDescriptor,
  type EntryRecord,
  encodeName,
  localHeader,
  MAX_32,
  METHOD_STORE,
  toDosDateTime,
} from "./format.js";
import { BATCH_INPUT_BYTES, type BatchJob, batchError, JobPlanner } from "./job-plan.js";
import type { ZipSettings } from "./settings.js";
import type { ZipSink } from "./sinks.js";

/** How the writer reports jobs that read files, so whoever stops it can cancel them. */
type JobObserver = (job: { cancel(): void }, active: boolean) => void;

// Jobs (batches or big files) started ahead of the one being written.
const JOBS_AHEAD = 16;
// Raw bytes read ahead of the writer across all files; bounds memory whatever the file sizes.
const READ_AHEAD_BYTES = 4 * 1024 * 1024;
const POOL_KEEP_BYTES = 4 * 1024 * 1024;

// A streamed entry's sizes are known only after its data; entries that could pass 4 GiB (deflate may grow
// incompressible data a little) get zip64 sizes up front.
const mayPass32Bits = (size: number) => size * 1.01 + 1024 * 1024 >= MAX_32;

type Job = BatchJob | BlockJob;

/**
 * Writes one plan as a zip into a sink: jobs read and compress files ahead (bounded by the read-ahead budget) while
 * entries are written strictly in plan order; crossing `maxBytes` or `stopped()` ends it with that error.
 */
class ZipWriter {
  private offset = 0;
  private readonly entries: ZipPlan["entries"];
  private readonly rootPrefix: string;
  private readonly deflater: Deflater;
  private readonly pools: Pools = { input: new BufferPool(POOL_KEEP_BYTES), output: new BufferPool(POOL_KEEP_BYTES) };
  private readonly budget = new Budget(READ_AHEAD_BYTES);
  private readonly planner: JobPlanner;
  private readonly started: Job[] = [];
  private readonly central: CentralDirectory;
  private readonly totals: { files: number; bytes: number };
  private filesDone = 0;
  private bytesDone = 0;
  // Folder entries sit between files in name order; every entry before the next file not yet written is a folder.
  private nextEntry = 0;

  constructor(
    private readonly plan: ZipPlan,
    private readonly settings: ZipSettings,
    private readonly sink: ZipSink,
    private readonly stopped: () => Error | undefined,
    private readonly observe: JobObserver,
  ) {
    this.entries = plan.entries;
    // Concatenation, not path.join, whose normalising allocates several strings per call on this hot path.
    this.rootPrefix = plan.root.endsWith(path.sep) ? plan.root : plan.root + path.sep;
    this.totals = this.entries.fileTotals();
    this.deflater = createDeflater(this.totals.bytes, settings.level, settings.onWarning);
    this.planner = new JobPlanner(this.entries);
    let centralBytes = 0;
    for (let i = 0; i < this.entries.length; i++) {
      centralBytes += 46 + Buffer.byteLength(this.entries.names[i]!) + (this.entries.isDirectory(i) ? 1 : 0);
    }
    this.central = new CentralDirectory(centralBytes);
  }

  private absOf(i: number): string {
    const name = this.entries.names[i]!;
    return this.rootPrefix + (path.sep === "/" ? name : name.replaceAll("/", path.sep));
  }

  private async emit(data: Buffer): Promise<void> {
    const error = this.stopped();
    if (error !== undefined) {
      throw error;
    }
    if (this.offset + data.length > this.settings.maxBytes) {
      throw new ArtifactTooLargeError(this.settings.maxBytes, this.plan.root);
    }
    this.offset += data.length;
    await this.sink.write(data);
  }

  async run(): Promise<number> {
    try {
      this.startJobs();
      for (let job = this.started.shift(); job !== undefined; job = this.started.shift()) {
        this.startJobs();
        if (job.kind === "batch") {
          await this.writeBatch(job);
        } else {
          await this.writeBlocks(job);
        }
      }
      await this.writeFoldersBefore(this.entries.length);
      for (const data of this.central.finish(this.offset, this.settings.forceZip64 === true)) {
        await this.emit(data);
      }
      await this.sink.flush();
      return this.offset;
    } finally {
      for (const job of this.started) {
        if (job.kind === "block") {
          job.cancel();
        }
      }
      this.deflater.close();
    }
  }

  // Starts jobs ahead of the writer while the read-ahead budget allows; the next job to write always starts.
  private startJobs(): void {
    while (this.started.length < JOBS_AHEAD) {
      const next = this.planner.peek();
      if (next === null) {
        return;
      }
      if (next.kind === "block") {
        const { index } = next;
        const job = new BlockJob(
          index,
          this.absOf(index),
          this.entries.size(index),
          this.settings.level,
          this.deflater,
          this.budget,
          this.pools,
        );
        this.observe(job, true);
        job.start();
        this.started.push(job);
      } else {
        // Every batch takes a BATCH_INPUT_BYTES buffer (only a lone file of 512 KiB to 1 MiB needs more), so they
        // recycle.
        const outBytes = Math.max(BATCH_INPUT_BYTES, next.bytes);
        const cost = BufferPool.classFor(outBytes);
        if (!this.budget.tryAcquire(cost, this.started.length === 0)) {
          return;
        }
        const result = this.deflater.zipBatch({
          paths: next.indices.map((i) => this.absOf(i)),
          sizes: next.indices.map((i) => this.entries.size(i)),
          level: this.settings.level,
          out: this.pools.output.take(outBytes),
        });
        // Failures surface when the writer reaches this batch; until then the rejection is handled here.
        result.catch(() => {});
        this.started.push({ kind: "batch", indices: next.indices, cost, result });
      }
      this.planner.taken();
    }
  }

  private recordFor(i: number): EntryRecord {
    const { name, utf8 } = encodeName(this.entries.entryName(i));
    const { dosDate, dosTime } = toDosDateTime(new Date(this.entries.mtimeMs(i)));
    const directory = this.entries.isDirectory(i);
    return {
      name,
      utf8,
      method: METHOD_STORE,
      dataDescriptor: false,
      zip64: this.settings.forceZip64 === true && !directory,
      dosDate,
      dosTime,
      crc: 0,
      compressedSize: 0,
      size: 0,
      mode: this.entries.mode(i),
      directory,
      offset: this.offset,
    };
  }

  private finishEntry(record: EntryRecord): void {
    this.central.add(record);
    if (record.directory) {
      return;
    }
    this.filesDone++;
    this.bytesDone += record.size;
    this.settings.onProgress?.({
      files: this.filesDone,
      totalFiles: this.totals.files,
      bytes: this.bytesDone,
      totalBytes: this.totals.bytes,
      compressedBytes: this.offset,
    });
  }

  private async writeFoldersBefore(limit: number): Promise<void> {
    for (; this.nextEntry < limit; this.nextEntry++) {
      const record = this.recordFor(this.nextEntry);
      await this.emit(localHeader(record));
      this.finishEntry(record);
    }
  }

  private async writeBatch(job: BatchJob): Promise<void> {
    const result = await job.result;
    const out = result.out;
    for (let k = 0; k < job.indices.length; k++) {
      const i = job.indices[k]!;
      if (result.error !== undefined && k >= result.error.index) {
        throw batchError(this.absOf(i), result.error);
      }
      await this.writeFoldersBefore(i);
      const at = k * BATCH_INFO_FIELDS;
      const record = this.recordFor(i);
      record.method = result.info[at]!;
      record.crc = result.info[at + 1]!;
      record.size = result.info[at + 2]!;
      record.compressedSize = result.info[at + 3]!;
      await this.emit(localHeader(record));
      if (record.compressedSize > 0) {
        await this.emit(Buffer.from(out, result.info[at + 4]!, record.compressedSize));
      }
      this.finishEntry(record);
      this.nextEntry = i + 1;
    }
    this.budget.release(job.cost);
    this.pools.output.give(out);
  }

  private async writeBlocks(job: BlockJob): Promise<void> {
    await this.writeFoldersBefore(job.index);
    job.makeHead();
    await job.ready();
    const record = this.recordFor(job.index);
    record.method = job.method ?? METHOD_STORE;
    const emitPiece = async (piece: Piece) => {
      await this.emit(piece.data);
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
      record.zip64 ||= record.size >= MAX_32 || record.compressedSize >= MAX_32;
      await this.emit(localHeader(record));
      for (const piece of pieces) {
        await emitPiece(piece);
      }
    } else {
      record.dataDescriptor = true;
      record.zip64 ||= mayPass32Bits(this.entries.size(job.index));
      await this.emit(localHeader(record));
      for (let piece = await job.take(); piece !== null; piece = await job.take()) {
        record.compressedSize += piece.data.length;
        await emitPiece(piece);
      }
      record.crc = job.crc;
      record.size = job.size;
      if (!record.zip64 && (record.size >= MAX_32 || record.compressedSize >= MAX_32)) {
        // Unreachable: files cannot grow past their listed size, and the margin covers deflate's growth.
        throw new Error(`zip entry passed 4 GiB without zip64 sizes: ${job.abs}`);
      }
      await this.emit(dataDescriptor(record));
    }
    this.finishEntry(record);
    this.observe(job, false);
    this.nextEntry = job.index + 1;
  }
}

/** Produces the whole zip into `sink`; returns the number of bytes written. */
export function writeZip(
  plan: ZipPlan,
  settings: ZipSettings,
  sink: ZipSink,
  stopped: () => Error | undefined,
  observe: JobObserver = () => {},
): Promise<number> {
  return new ZipWriter(plan, settings, sink, stopped, observe).run();
}
