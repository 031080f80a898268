// Global setup: the sources have no built deflate-worker.cjs beside them, so the tests build one from
// src/deflate/worker.ts (as tsup does for the package) and point the pool at it (see use-worker.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    deflateWorker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "peak-artifact-worker-"));
  const outfile = path.join(dir, "deflate-worker.cjs");
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/deflate/worker.ts");
  await build({
    entryPoints: [src],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
  project.provide("deflateWorker", outfile);
  return () => rmSync(dir, { recursive: true, force: true });
}
