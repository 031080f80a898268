#!/usr/bin/env node
// Start-up benchmark of the `peak` bin: median wall time of 10 runs of each command, side by side with `node -e 0`
// measured in the same rounds (interleaved, so machine noise hits every column alike). `peak images list` runs
// against the emulator's bin, started as its own process (seeded with 25 images: one full default page), so the
// benchmark process does not compete with it. Run by `pnpm bench:cli` (builds the CLI and the emulator first).
// `--json FILE` also writes each command's median against `node -e 0`, with the targets, for `pnpm bench`.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { jsonOption, row, writeRows } from "./lib/bench-report.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages", "cli", "dist", "bin.js");
const emulatorBin = path.join(root, "packages", "emulator", "dist", "bin.js");
const runs = 10;
const json = jsonOption(process.argv.slice(2));

const emulator = spawn(process.execPath, [emulatorBin, "--port", "0", "--seed-images", "25"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve, reject) => {
  emulator.on("exit", (code) => reject(new Error(`the emulator exited ${code}`)));
  createInterface({ input: emulator.stdout }).once("line", (line) => resolve(line.replace(/^listening on /, "")));
});
const env = { PATH: process.env.PATH, HOME: process.env.HOME, PEAK_BASE_URL: url, PEAK_API_KEY: "local-dev-key" };

const cases = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "peak --version", args: [bin, "--version"], target: 1.5 },
  { name: "peak images --help", args: [bin, "images", "--help"], target: 1.5 },
  { name: "peak images list", args: [bin, "images", "list"], target: 2.5 },
  // Reference: the same call as one bare fetch, no CLI, no SDK (Node 20 starts undici and compiles llhttp on first use).
  {
    name: "node -e 'await fetch(list)'",
    args: [
      "--input-type=module",
      "-e",
      `await (await fetch(process.env.PEAK_BASE_URL + "/image-management/api/v2/images", { headers: { authorization: "local-dev-key" } })).text();`,
    ],
  },
];

function time(args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      }
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

try {
  // Warm the file-system cache and the emulator once.
  for (const { args } of cases) {
    await time(args);
  }
  const samples = cases.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, { args }] of cases.entries()) {
      samples[i].push(await time(args));
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const medians = samples.map(median);
  const base = medians[0];
  console.log(
    `peak start-up (node ${process.version}, ${os.cpus().length} cpus, median of ${runs} runs each, interleaved)`,
  );
  console.log("| command | median ms | vs node -e 0 | target | |");
  console.log("|---|---:|---:|---:|---|");
  let missed = 0;
  const report = [];
  for (const [i, { name, target }] of cases.entries()) {
    const ratio = medians[i] / base;
    const measured = row({
      what: name,
      ours: medians[i],
      unit: "ms",
      reference: { name: cases[0].name, value: base },
      target: target === undefined ? undefined : { of: "ratio", op: "<=", limit: target },
    });
    const met = measured.met === undefined ? "" : measured.met ? "met" : "NOT met";
    if (met === "NOT met") {
      missed++;
    }
    if (i > 0) {
      report.push(measured);
    }
    console.log(
      `| ${name} | ${medians[i].toFixed(1)} | ${ratio.toFixed(2)}x | ${target ? `<= ${target}x` : ""} | ${met} |`,
    );
  }
  if (json !== undefined) {
    await writeRows(json, "cli", report);
  }
  process.exitCode = missed ? 1 : 0;
} finally {
  emulator.removeAllListeners("exit");
  emulator.kill("SIGTERM");
}
