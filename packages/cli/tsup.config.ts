import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

// The two builds run side by side, so neither cleans `dist` (the build script empties it first).
export default defineConfig([
  // ESM: the `peak` bin and the library entry (`main(argv)`), split into chunks so that each command, and yaml,
  // nunjucks, cli-progress and the SDK, load only when a command needs them.
  packageBuild({
    entry: ["src/index.ts", "src/bin.ts"],
    format: ["esm"],
    splitting: true,
    dts: { entry: "src/index.ts" },
    sourcemap: false,
    clean: false,
    // The SDK, core and openapi-fetch are bundled in and tree-shaken by rollup, which drops imports of external
    // packages whose bindings go unused: commands that upload nothing never load the artifact package
    // (`peak images list` measured ~9% faster, see the README).
    noExternal: ["@peak-images/sdk", "@peak-images/core", "openapi-fetch"],
    treeshake: { moduleSideEffects: "no-external" },
  }),
  // CommonJS: the library entry only.
  packageBuild({ format: ["cjs"], sourcemap: false, clean: false }),
]);
