import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

// The two builds run side by side, so neither cleans `dist` (the build script empties it first).
export default defineConfig([
  packageBuild({ clean: false }),
  // The browser entry: no Node built-ins and no artifact code; ESM only, as bundlers consume it.
  packageBuild({ entry: ["src/browser.ts"], format: ["esm"], platform: "browser", target: "es2022", clean: false }),
]);
