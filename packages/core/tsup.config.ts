import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.preset.js";

// Two entries: the request-body check is its own subpath (`@peak-images/core/body-check`), so the main entry does not
// carry the spec's schemas and their interpreter into apps that never check a body.
export default defineConfig(packageBuild({ entry: ["src/index.ts", "src/body-check.ts"] }));
