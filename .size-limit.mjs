import { readFileSync } from "node:fs";
import { join } from "node:path";

// Budgets of what a web app ships: each entry is found through its package's export map, the SDK's under the
// `browser` condition a bundler picks. Sizes are minified (esbuild) and gzipped, dependencies included.
function entry(dir, condition) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return join(dir, pkg.exports["."][condition].default);
}

export default [
  {
    name: "@peak-images/sdk (browser entry, with core and openapi-fetch)",
    path: entry("packages/sdk", "browser"),
    import: "{ getClient }",
    limit: "12 kB",
    gzip: true,
  },
  {
    name: "@peak-images/core (with openapi-fetch)",
    path: entry("packages/core", "import"),
    import: "*",
    limit: "8 kB",
    gzip: true,
  },
];
