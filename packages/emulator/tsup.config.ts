import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

export default defineConfig(
  packageBuild({
    entry: ["src/index.ts", "src/bin.ts"],
    // Only the library entry has public types; the bin is run, never imported.
    dts: { entry: "src/index.ts" },
  }),
);
