import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

// The deflate worker is a script of its own, started by file name from either build: one CommonJS file serves
// both (a .cjs file runs as CommonJS wherever it is). The main build's clean leaves it alone.
export default defineConfig([
  packageBuild({ clean: ["!deflate-worker.cjs*"] }),
  {
    entry: { "deflate-worker": "src/deflate/worker.ts" },
    format: ["cjs"],
    target: "node20",
    sourcemap: true,
    clean: false,
    dts: false,
  },
]);
