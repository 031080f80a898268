// The publishable workspace packages and their tarballs, shared by the package checks and the tarball smoke test.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The repository root. */
export const root = new URL("../..", import.meta.url).pathname;

/** Every workspace package that is published (not private): `{ dir, pkg }`, dir relative to the root. */
export function publishablePackages() {
  const dirs = ["spec", ...readdirSync(join(root, "packages")).map((name) => join("packages", name))];
  return dirs
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) }))
    .filter(({ pkg }) => !pkg.private);
}

/** Packs a package with pnpm (which rewrites `workspace:` ranges) into `out`; returns the tarball's path. */
export function pack(dir, out) {
  const printed = execFileSync("pnpm", ["pack", "--pack-destination", out], {
    cwd: join(root, dir),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tarball = printed
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .findLast((line) => line.endsWith(".tgz"));
  if (!tarball) {
    throw new Error(`pnpm pack printed no tarball for ${dir}:\n${printed}`);
  }
  return tarball.startsWith("/") ? tarball : join(out, tarball);
}
