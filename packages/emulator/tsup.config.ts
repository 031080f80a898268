import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

export default defineConfig(
  packageBuild({
    // The parser's worker is its own entry: src/build/worker-script.ts finds it next to the bundle.
    entry: { index: "src/index.ts", bin: "src/bin.ts", "parse-worker": "src/build/parse-worker.ts" },
    // Only the library entry has public types; the bin and the worker are run, never imported.
    dts: { entry: "src/index.ts" },
  }),
);
