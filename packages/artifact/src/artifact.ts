import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { type Destination, type Output, openDestination, outputsFilter } from "./destination.js";
import { ArtifactAbortedError } from "./errors.js";
import { planZip, type ZipPlan } from "./plan/plan.js";
import { resolveRoot, type SelectionOptions, selectFiles } from "./select/select.js";
import { zipEntries } from "./zip/readable.js";
import type { ZipProgress } from "./zip/settings.js";
import { fileSink } from "./zip/sinks.js";
import { writeZip } from "./zip/writer.js";

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

// The walk's files less the zip's own outputs, and their folders.
async function planArtifact(root: string, options: SelectionOptions, outputs: () => Output[]): Promise<ZipPlan> {
  const walked = await selectFiles(root, options);
  const isOutput = outputsFilter(walked.root, outputs());
  const names = walked.files.names;
  return planZip(
    walked.root,
    walked.files.filter((i) => !isOutput(names[i]!)),
  );
}

/**
 * Zips the selected files into a Node `Readable` (not a web ReadableStream) while reading them. Errors, including
 * ArtifactTooLargeError and bad-input errors, arrive as the stream's `error` event. Piped (`pipe`, `pipeline`) into
 * a file stream inside the root, the stream leaves that file out.
 */
export function createArtifactStream(root: string, options: ArtifactOptions = {}): Readable {
  const { level, maxBytes } = checkOptions(options);
  const outputs: Output[] = [];
  const stream = zipEntries(
    planArtifact(root, options, () => outputs),
    { level, maxBytes, onProgress: options.onProgress, onWarning: options.onWarning },
  );
  // The file a caller pipes into is created while the folder is walked; the plan (made after the walk) skips it.
  const pipe = stream.pipe.bind(stream);
  stream.pipe = ((destination: NodeJS.WritableStream, pipeOptions?: { end?: boolean }) => {
    const file = (destination as { path?: unknown }).path;
    if (typeof file === "string") {
      outputs.push({ path: path.resolve(file), temps: false });
    }
    return pipe(destination, pipeOptions);
  }) as Readable["pipe"];
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

/**
 * Writes the zip to `destPath` via a temporary name in the same folder, renamed at the end; never leaves a partial
 * zip. The destination is checked before any work; inside the root, it (and its temporary files) are left out.
 */
export async function writeArtifact(
  root: string,
  destPath: string,
  options: ArtifactOptions = {},
): Promise<ArtifactSummary> {
  const { level, maxBytes } = checkOptions(options);
  resolveRoot(root);
  const signal = options.signal;
  const stopped = () => (signal?.aborted ? new ArtifactAbortedError(signal.reason) : undefined);
  const aborted = stopped();
  if (aborted !== undefined) {
    throw aborted;
  }
  let files = 0;
  const onProgress = (progress: ArtifactProgress) => {
    files = progress.files;
    options.onProgress?.(progress);
  };
  const out: Destination = await openDestination(destPath);
  let open = true;
  try {
    const plan = await planArtifact(root, options, () => [{ path: out.dest, temps: true }]);
    await writeZip(plan, { level, maxBytes, onProgress, onWarning: options.onWarning }, fileSink(out.handle), stopped);
    open = false;
    await out.handle.close();
    const { size } = await stat(out.temp);
    await rename(out.temp, out.dest);
    return { files, bytes: size };
  } catch (error) {
    if (open) {
      await out.handle.close();
    }
    await rm(out.temp, { force: true });
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
