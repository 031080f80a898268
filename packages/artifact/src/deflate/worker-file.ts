/**
 * Where the deflate worker script is: `deflate-worker.cjs`, built next to this package's entry points (a `.cjs`
 * file runs as CommonJS wherever it is, so the ESM and the CommonJS build share it). A bundle that inlined this
 * package finds it only if the file was copied next to the bundle (the main script); without it, deflate runs on
 * the main thread.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The worker's file name, for README instructions and tests. */
export const DEFLATE_WORKER_FILE = "deflate-worker.cjs";

let override: string | undefined;
let located: string | null | undefined;

// Where to look: beside this module (import.meta.url; the CommonJS build shims it from __filename), then beside
// the main script, which is where a bundle that inlined this module runs from (its import.meta may be empty).
function candidates(): string[] {
  const dirs: string[] = [];
  try {
    dirs.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // No usable import.meta.url: an ESM build bundled into CommonJS.
  }
  if (typeof process.argv[1] === "string") {
    dirs.push(path.dirname(path.resolve(process.argv[1])));
  }
  return dirs.map((dir) => path.join(dir, DEFLATE_WORKER_FILE));
}

/** The worker script's absolute path, or undefined when it cannot be found. */
export function deflateWorkerFile(): string | undefined {
  if (override !== undefined) {
    return override;
  }
  if (located === undefined) {
    located = candidates().find((file) => existsSync(file)) ?? null;
  }
  return located ?? undefined;
}

/** Points at a worker script built elsewhere: the test setup runs the sources, which have no built file beside them. */
export function useDeflateWorkerFile(file: string): void {
  override = file;
}
