import type { BatchResult } from "../deflate/tasks.js";
import { GREW } from "../deflate/tasks.js";
import { type ArtifactError, fileGrewError, NotARegularFileError, UnreadableFileError } from "../errors.js";
import type { EntryTable } from "../plan/entry-table.js";
import { BLOCK_BYTES } from "./block-job.js";

/** A batch of small files holds at most this many bytes of file data: one worker message per batch. */
export const BATCH_INPUT_BYTES = 512 * 1024;
/** ... and at most this many files. */
const BATCH_FILES = 256;

/** A batch of whole small files (plan indices, in order) being read and compressed by the deflater. */
export interface BatchJob {
  readonly kind: "batch";
  readonly indices: number[];
  /** Budget held until the batch is written. */
  readonly cost: number;
  readonly result: Promise<BatchResult>;
}

/** The next job's files, decided before the budget allows starting it. */
type JobSpec = { kind: "batch"; indices: number[]; bytes: number } | { kind: "block"; index: number };

/**
 * Cuts the plan into jobs in zip order: consecutive small files form a batch (up to BATCH_INPUT_BYTES or
 * BATCH_FILES); a file over one block is a job of its own. Folders are skipped (the writer emits them).
 */
export class JobPlanner {
  private scan = 0;
  private pending: JobSpec | null | undefined;

  constructor(private readonly entries: EntryTable) {}

  /** The next job, the same one until {@link taken}; null when every file has a job. */
  peek(): JobSpec | null {
    if (this.pending !== undefined) {
      return this.pending;
    }
    const { entries } = this;
    const indices: number[] = [];
    let bytes = 0;
    for (; this.scan < entries.length && indices.length < BATCH_FILES; this.scan++) {
      if (entries.isDirectory(this.scan)) {
        continue;
      }
      const size = entries.size(this.scan);
      if (size > BLOCK_BYTES && indices.length === 0) {
        this.pending = { kind: "block", index: this.scan++ };
        return this.pending;
      }
      if (indices.length > 0 && (size > BLOCK_BYTES || bytes + size > BATCH_INPUT_BYTES)) {
        break;
      }
      indices.push(this.scan);
      bytes += size;
    }
    this.pending = indices.length === 0 ? null : { kind: "batch", indices, bytes };
    return this.pending;
  }

  /** The job returned by peek() has started. */
  taken(): void {
    this.pending = undefined;
  }
}

/** The typed error for a file a batch could not read. */
export function batchError(abs: string, error: NonNullable<BatchResult["error"]>): ArtifactError {
  if (error.code === GREW) {
    return fileGrewError(abs);
  }
  if (error.code === "NOT_A_REGULAR_FILE") {
    return new NotARegularFileError(abs, error.message);
  }
  return new UnreadableFileError(abs, Object.assign(new Error(error.message), { code: error.code }));
}
