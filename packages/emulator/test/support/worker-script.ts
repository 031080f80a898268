// Under vitest the emulator runs from its TypeScript sources, which a worker thread cannot load: vitest.config.ts
// points the emulator's worker-script module here, and the parser's worker runs a bundle of the current sources.
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { WorkerScript } from "../../src/build/worker-script.js";

let code: string | undefined;

/** The Dockerfile parser's worker, bundled (once per test file) from `src/build/parse-worker.ts`. */
export function parseWorkerScript(): WorkerScript {
  code ??=
    buildSync({
      entryPoints: [fileURLToPath(new URL("../../src/build/parse-worker.ts", import.meta.url))],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      logLevel: "silent",
    }).outputFiles[0]?.text ?? "";
  return { kind: "code", code };
}
