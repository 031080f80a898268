import { createWriteStream, type Stats } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { archiverZip } from "./archiver-zip.js";
import { EntryTable, type ZipPlan } from "./entry-table.js";
import { ArtifactAbortedError, UnreadableFileError } from "./errors.js";
import { type SelectionOptions, selectFiles } from "./select.js";
import type { WalkResult } from "./walk.js";
import { ZIP32_LIMIT, ZIP32_MAX_ENTRIES } from "./zip-format.js";
import { fileSink, writeZip, type ZipProgress, type ZipSettings, zipEntries } from "./zip-stream.js";

/** The Python SDK's limit: 10 MiB of compressed zip. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Options of {@link createArtifactStream} and {@link writeArtifact}. */
export interface ArtifactOptions extends SelectionOptions {
  /** Limit on the compressed zip, in bytes; crossing it fails with ArtifactTooLargeError. Default 10 MiB. */
  maxBytes?: number | undefined;
  /** Deflate level 0-9 (0 stores everything). Default 6, as zlib and the Python SDK. */
  level?: number | undefined;
  /** Called after each file is written to the zip. */
  onProgress?: ((progress: ArtifactProgress) => void) | undefined;
  /** Aborts the zip; the stream is destroyed with ArtifactAbortedError. */
  signal?: AbortSignal | undefined;
}

/** Progress report: files and uncompressed bytes written so far, and zip bytes produced. */
export type ArtifactProgress = ZipProgress;

/** What {@link writeArtifact} wrote. */
export interface ArtifactSummary {
  /** Files in the zip (folder entries not counted). */
  files: number;
  /** Size of the zip in bytes. */
  bytes: number;
}

/** Lists the files the Python SDK would upload: relative, `/`-separated, sorted by code point. */
export async function listArtifactFiles(root: string, options: SelectionOptions = {}): Promise<string[]> {
  const { files } = await selectFiles(root, options);
  return files.names;
}

/** Files and their parent folder entries, in code-point order of the entry names (`dir/` for folders). */
export async function zipInputs(walked: WalkResult): Promise<ZipPlan> {
  const parents = new Set<string>();
  for (const name of walked.files.names) {
    let slash = name.lastIndexOf("/");
    while (slash > 0) {
      const dir = name.slice(0, slash);
      if (parents.has(dir)) {
        break;
      }
      parents.add(dir);
      slash = dir.lastIndexOf("/");
    }
  }
  const folders = new EntryTable();
  // In the order the files named them, so the same folder is reported first every time if several fail.
  for (const name of parents) {
    const abs = path.join(walked.root, name);
    let st: Stats;
    try {
      st = await stat(abs);
    } catch (error) {
      throw new UnreadableFileError(abs, error);
    }
    folders.addDirectory(name, st.mode, st.mtimeMs);
  }
  return { root: walked.root, entries: folders.concat(walked.files).sorted() };
}

// The fast writer has no zip64 records; leave room for headers and deflate's worst-case growth.
export function needsZip64(entries: EntryTable): boolean {
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    total += 128 + entries.names[i]!.length * 2 + (entries.isDirectory(i) ? 0 : entries.size(i) * 1.001 + 64);
  }
  return entries.length > ZIP32_MAX_ENTRIES || total >= ZIP32_LIMIT - 1024 * 1024;
}

/**
 * Zips the selected files into a Node `Readable` (not a web ReadableStream) while reading them. Errors, including
 * ArtifactTooLargeError and bad-input errors, arrive as the stream's `error` event.
 */
export function createArtifactStream(root: string, options: ArtifactOptions = {}): Readable {
  const { level, maxBytes } = checkOptions(options);
  const settings: ZipSettings = {
    level,
    maxBytes,
    onProgress: options.onProgress,
    fallback: (plan) => (needsZip64(plan.entries) ? archiverZip(plan, { level, maxBytes }) : null),
  };
  const stream = zipEntries(selectFiles(root, options).then(zipInputs), settings);
  const signal = options.signal;
  if (signal !== undefined) {
    const abort = () => stream.destroy(new ArtifactAbortedError(signal.reason));
    if (signal.aborted) {
      queueMicrotask(abort);
    } else {
      signal.addEventListener("abort", abort, { once: true });
      stream.once("close", () => signal.removeEventListener("abort", abort));
    }
  }
  return stream;
}

/** Writes the zip to `destPath` via a temporary name in the same folder, renamed at the end; never leaves a partial zip. */
export async function writeArtifact(
  root: string,
  destPath: string,
  options: ArtifactOptions = {},
): Promise<ArtifactSummary> {
  const { level, maxBytes } = checkOptions(options);
  const dest = path.resolve(destPath);
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.${Date.now()}.partial`);
  let files = 0;
  const userProgress = options.onProgress;
  const onProgress = (progress: ArtifactProgress) => {
    files = progress.files;
    userProgress?.(progress);
  };
  const signal = options.signal;
  const stopped = () => (signal?.aborted ? new ArtifactAbortedError(signal.reason) : undefined);
  let created = false;
  try {
    const aborted = stopped();
    if (aborted !== undefined) {
      throw aborted;
    }
    const plan = await zipInputs(await selectFiles(root, options));
    if (needsZip64(plan.entries)) {
      // Rare: only archiver writes zip64, and it streams.
      const stream = createArtifactStream(root, { ...options, onProgress });
      created = true;
      await pipeline(stream, createWriteStream(temp, { flags: "wx" }));
    } else {
      const handle = await open(temp, "wx");
      created = true;
      try {
        files = 0;
        await writeZip(plan, { level, maxBytes, onProgress }, fileSink(handle), stopped, () => {});
      } finally {
        await handle.close();
      }
    }
    const { size } = await stat(temp);
    await rename(temp, dest);
    return { files, bytes: size };
  } catch (error) {
    if (created) {
      await rm(temp, { force: true });
    }
    throw error;
  }
}

function checkOptions(options: ArtifactOptions): { level: number; maxBytes: number } {
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new RangeError(`level must be an integer from 0 to 9, got ${level}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(maxBytes > 0)) {
    throw new RangeError(`maxBytes must be a positive number, got ${maxBytes}`);
  }
  return { level, maxBytes };
}
