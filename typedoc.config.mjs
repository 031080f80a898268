import { OptionDefaults } from "typedoc";

/**
 * The typed API reference (`pnpm run docs`, written to docs/api): one entry point per package (core's own typedoc.json
 * adds its body-check subpath), warnings are errors.
 * @type {Partial<import("typedoc").TypeDocOptions>}
 */
export default {
  name: "peak-images",
  entryPointStrategy: "packages",
  entryPoints: [
    "spec",
    "packages/core",
    "packages/dockerfile",
    "packages/artifact",
    "packages/emulator",
    "packages/sdk",
    "packages/cli",
  ],
  packageOptions: {
    entryPoints: ["src/index.ts"],
    // Source links need a hosted git remote; clones (CI's included) may have none.
    disableSources: true,
    disableGit: true,
    // openapi-typescript writes @description and @constant in the generated types.
    blockTags: [...OptionDefaults.blockTags, "@description", "@constant"],
  },
  out: "docs/api",
  readme: "none",
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false },
  excludePrivate: true,
  excludeInternal: true,
};
