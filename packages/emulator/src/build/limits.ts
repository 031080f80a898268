// What one build may cost the emulator. Uploads are hostile input: each limit turns a zip bomb, a huge Dockerfile
// or a pathological glob into a clear 400 or a failed build instead of memory or minutes of CPU.

const MiB = 1024 * 1024;

/** Largest Dockerfile read (inflated from the zip, or inline): 1 MiB, far above any real one. */
export const maxDockerfileBytes = MiB;

/** Most entries a zip may hold. */
export const maxZipEntries = 100_000;

/** Most folders (directory entries and parents of files) a zip may imply. */
export const maxZipFolders = 100_000;

/** Longest entry name, in characters (Linux's PATH_MAX). */
export const maxEntryNameLength = 4096;

/** Most Dockerfile instructions a build runs (Docker itself stops at 127 layers). */
export const maxInstructions = 1000;

/** Most local COPY/ADD sources a Dockerfile may name. */
export const maxSources = 10_000;

/** Longest `Step i/n : ...` text kept in the log; longer instructions are cut with an ellipsis. */
export const maxStepTextLength = 4096;

/**
 * Most name comparisons one build may spend matching COPY/ADD globs against the zip's entries (a comparison of a
 * long pattern segment with a long name counts once per 256 of their lengths multiplied).
 */
export const maxMatchComparisons = 5_000_000;

/** Longest glob segment (between two `/`) of a COPY/ADD source matched; a file name is at most 255 bytes. */
export const maxGlobSegmentLength = 1024;

/** Longest the Dockerfile parser may run for one build before the build fails. */
export const parseTimeoutMs = 30_000;

/** Heap of the parser's worker: a 1 MiB Dockerfile of the costliest shape needs about 400 MB. */
export const parserHeapMb = 1024;

/** `1048576` -> `1 MiB` for messages that name a limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) {
    return `${bytes / MiB} MiB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) {
    return `${bytes / 1024} KiB`;
  }
  return `${bytes} bytes`;
}
