#!/usr/bin/env node
// After `changeset version` bumps package.json versions: rewrites the VERSION constant that a package keeps in
// src/version.ts (sent in the User-Agent, printed by `peak --version`) so it matches, then regenerates core's.
// Each package's test checks the constant against package.json; this keeps a release from failing them.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const constant = /export const VERSION = "[^"]*";/;

for (const name of readdirSync(join(root, "packages"))) {
  const file = join(root, "packages", name, "src", "version.ts");
  if (!existsSync(file)) {
    continue;
  }
  const { version } = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
  const text = readFileSync(file, "utf8");
  const next = text.replace(constant, `export const VERSION = ${JSON.stringify(version)};`);
  if (next !== text) {
    writeFileSync(file, next);
    console.log(`packages/${name}/src/version.ts: ${version}`);
  }
}
execFileSync("node", [join(root, "scripts", "generate.mjs")], { stdio: "inherit" });
