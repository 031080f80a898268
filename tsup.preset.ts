import type { Options } from "tsup";

/** The build every package shares: ESM + CJS with .d.ts/.d.cts for Node 20, `import.meta.url` shimmed in CJS. */
export function packageBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    shims: true,
    target: "node20",
    ...overrides,
  };
}
