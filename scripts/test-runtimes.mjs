#!/usr/bin/env node
// Runs package suites under the other runtimes the SDK claims: Node 22 (SDK, core, artifact) and Bun (SDK, core).
// Both come from the npm registry as packages that ship their binary, pinned here, installed once into a cache
// folder (.cache/runtimes, ignored by git); vitest itself runs on that runtime, and so do its workers.
// Usage: node scripts/test-runtimes.mjs [node22|bun ...]   (after `pnpm build`)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { arch } from "node:os";
import { delimiter, dirname, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const cache = join(root, ".cache", "runtimes");
const cpu = { x64: { node: "x64", bun: "x64" }, arm64: { node: "arm64", bun: "aarch64" } }[arch()];
if (process.platform !== "linux" || cpu === undefined) {
  console.error(`test-runtimes: Linux x64 or arm64 only (this is ${process.platform} ${arch()})`);
  process.exit(1);
}

const RUNTIMES = {
  node22: {
    pkg: `node-linux-${cpu.node}`,
    version: "22.23.5",
    bin: "bin/node",
    args: [],
    suites: ["packages/sdk", "packages/core", "packages/artifact"],
  },
  bun: {
    pkg: `@oven/bun-linux-${cpu.bun}`,
    version: "1.4.5",
    bin: "bin/bun",
    // --bun: run vitest (a Node script) on Bun itself, not on the node found in PATH.
    args: ["--bun"],
    suites: ["packages/sdk", "packages/core"],
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in RUNTIMES)) {
    console.error(`test-runtimes: unknown runtime ${name} (known: ${Object.keys(RUNTIMES).join(", ")})`);
    process.exit(2);
  }
}
const selected = Object.entries(RUNTIMES).filter(([name]) => wanted.length === 0 || wanted.includes(name));

/** Installs the pinned runtime packages into the cache folder unless they are there already. */
function install() {
  const missing = selected.filter(([, rt]) => {
    const manifest = join(cache, "node_modules", rt.pkg, "package.json");
    return !existsSync(manifest) || JSON.parse(readFileSync(manifest, "utf8")).version !== rt.version;
  });
  if (missing.length === 0) {
    return;
  }
  mkdirSync(cache, { recursive: true });
  const dependencies = Object.fromEntries(Object.values(RUNTIMES).map((rt) => [rt.pkg, rt.version]));
  writeFileSync(join(cache, "package.json"), `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`);
  console.log(
    `installing ${Object.entries(dependencies)
      .map(([n, v]) => `${n}@${v}`)
      .join(", ")} into ${cache}`,
  );
  const npm = spawnSync(
    "npm",
    ["install", "--no-fund", "--no-audit", "--no-package-lock", "--ignore-scripts", "--loglevel=error"],
    { cwd: cache, stdio: "inherit" },
  );
  if (npm.status !== 0) {
    console.error("test-runtimes: npm install of the runtimes failed");
    process.exit(1);
  }
}

install();
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const results = [];
for (const [name, rt] of selected) {
  const bin = join(cache, "node_modules", rt.pkg, rt.bin);
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim();
  for (const suite of rt.suites) {
    console.log(`\n--- ${suite} under ${name} (${version})`);
    const started = Date.now();
    // The runtime's folder first in PATH, so a test that starts `node` gets this runtime too.
    const run = spawnSync(bin, [...rt.args, vitest, "run"], {
      cwd: join(root, suite),
      stdio: "inherit",
      env: { ...process.env, PATH: `${dirname(bin)}${delimiter}${process.env.PATH}` },
    });
    results.push({ name, version, suite, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
  }
}

console.log("\n| runtime | suite | result | time |\n|---|---|---|---|");
for (const r of results) {
  console.log(`| ${r.name} ${r.version} | ${r.suite} | ${r.ok ? "passed" : "FAILED"} | ${r.seconds.toFixed(1)} s |`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
