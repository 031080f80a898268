/**
 * Where the deflate worker script is: `deflate-worker.cjs`, built next to this package's entry points (a `.cjs`
 * file runs as CommonJS wherever it is, so the ESM and the CommonJS build share it). A bundle that inlined this
 * package finds it only if the file was copied next to the bundle; without it, deflate runs on the main thread.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The worker's file name, for README instructions and tests. */
export const DEFLATE_WORKER_FILE = "deflate-worker.cjs";

let override: string | undefined;
let located: string | null | undefined;

// This module's own file: __filename in CommonJS (the CJS build, or a CommonJS bundle), import.meta.url in ESM.
function thisFile(): string | undefined {
  if (typeof __filename === "string") {
    return __filename;
  }
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return undefined;
  }
}

/** The worker script's absolute path, or undefined when it cannot be found. */
export function deflateWorkerFile(): string | undefined {
  if (override !== undefined) {
    return override;
  }
  if (located === undefined) {
    const here = thisFile();
    const candidate = here === undefined ? undefined : path.join(path.dirname(here), DEFLATE_WORKER_FILE);
    located = candidate !== undefined && existsSync(candidate) ? candidate : null;
  }
  return located ?? undefined;
}

/** Points at a worker script built elsewhere: the test setup runs the sources, which have no built file beside them. */
export function useDeflateWorkerFile(file: string): void {
  override = file;
}
