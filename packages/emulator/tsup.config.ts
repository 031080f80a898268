import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm", "cjs"],
  // Only the library entry has public types; the bin is run, never imported.
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  shims: true,
  target: "node20",
});
