#!/usr/bin/env node
// Packs every publishable workspace package with pnpm (so `workspace:` ranges are rewritten) and checks the
// tarball with publint (--strict) and are-the-types-wrong (node16 profile: ESM and CJS consumers).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack, publishablePackages, root } from "./lib/packages.mjs";

const out = mkdtempSync(join(tmpdir(), "peak-pack-"));
let failed = 0;

/** Export subpaths that are data files (e.g. the spec's openapi.yaml), which attw cannot type-check. */
function nonCodeEntrypoints(pkg) {
  const data = Object.keys(pkg.exports ?? {}).filter((key) => /\.(ya?ml|json)$/.test(key));
  return data.length ? ["--exclude-entrypoints", ...data] : [];
}
try {
  for (const { dir, pkg } of publishablePackages()) {
    const path = pack(dir, out);
    for (const [tool, args] of [
      ["publint", ["exec", "publint", "--strict", path]],
      ["attw", ["exec", "attw", path, "--profile", "node16", "--format", "ascii", ...nonCodeEntrypoints(pkg)]],
    ]) {
      try {
        execFileSync("pnpm", args, { cwd: root, stdio: "pipe" });
        console.log(`${pkg.name}: ${tool} ok`);
      } catch (error) {
        failed++;
        console.error(`${pkg.name}: ${tool} failed\n${error.stdout ?? ""}${error.stderr ?? ""}`);
      }
    }
    rmSync(path);
    // The built entry points must load at run time from both module systems, not only type-check.
    for (const [kind, code] of [
      ["require", `require(${JSON.stringify(join(root, dir, pkg.main))})`],
      ["import", `import(${JSON.stringify(join(root, dir, pkg.module))}).then(() => {})`],
    ]) {
      try {
        execFileSync(process.execPath, ["-e", code], { stdio: "pipe" });
        console.log(`${pkg.name}: ${kind} ok`);
      } catch (error) {
        failed++;
        console.error(`${pkg.name}: ${kind}() of the build failed\n${error.stderr ?? ""}`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
