import { readFileSync } from "node:fs";
import { join } from "node:path";

// Budgets of what a web app ships (`pnpm size`): each entry is found through its package's export map, the SDK's
// under the `browser` condition a bundler picks; sizes are minified (esbuild) and gzipped, dependencies included.
// What each part adds to the SDK bundle (gzipped; the bundle without it is that much smaller): openapi-fetch 2.2 kB,
// core's own code 4.1 kB, the request-body check 1.2 kB (the spec's schemas as data 0.6 kB, their interpreter 0.6 kB),
// the SDK's own code 3.7 kB. Core is measured as a core user imports it: its whole main entry (`*`), which does not
// carry the body check (that is the `@peak-images/core/body-check` subpath, which the SDK imports).
function entry(dir, condition, subpath = ".") {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return join(dir, pkg.exports[subpath][condition].default);
}

export default [
  {
    name: "@peak-images/sdk browser entry, with core and openapi-fetch",
    path: entry("packages/sdk", "browser"),
    import: "{ getClient }",
    gzip: true,
    limit: "12 kB",
  },
  {
    name: "@peak-images/core, the whole main entry, with openapi-fetch",
    path: entry("packages/core", "import"),
    import: "*",
    gzip: true,
    limit: "8 kB",
  },
  {
    name: "@peak-images/core/body-check (schema data and interpreter)",
    path: entry("packages/core", "import", "./body-check"),
    import: "{ requestBodyIssues }",
    gzip: true,
    limit: "1.5 kB",
  },
];
