#!/usr/bin/env node
// Benchmark of @peak-images/sdk against the emulator, side by side in one run:
//  1. listing 10,000 images at pageSize 100 with `for await` vs a hand-written fetch loop (target <= 1.15x);
//  2. createImage from a generated ~200 MB folder vs writeArtifact alone plus the same zip uploaded by curl
//     (targets: wall <= 1.2x, peak RSS of the SDK process <= 120 MB).
// The emulator runs as its own process (its CPU and memory are not counted).
// Usage: pnpm bench:sdk [--rounds N] [--json FILE] (--json also writes the figures and targets, for `pnpm bench`)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { jsonOption, row, writeRows } from "./lib/bench-report.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 5;
const KEY = "bench-key";
const TIME = "/usr/bin/time";
const json = jsonOption(args);
const targets = { list: 1.15, upload: 1.2, uploadRssMb: 120 };
const report = [];
const mark = (met) => (met ? "met" : "NOT met");

for (const tool of [TIME, "/usr/bin/curl"]) {
  if (!existsSync(tool)) {
    console.error(`needs ${tool} (apt-get install ${path.basename(tool)})`);
    process.exit(1);
  }
}
const built = ["sdk", "emulator", "artifact"].every((name) =>
  existsSync(path.join(repo, `packages/${name}/dist/index.js`)),
);
if (!built) {
  console.error("building the packages first");
  spawnSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@peak-images/sdk", "--filter=@peak-images/emulator"], {
    cwd: repo,
    stdio: "inherit",
  });
}
const { getClient } = await import(path.join(repo, "packages/sdk/dist/index.js"));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Starts the emulator bin and resolves with its URL once it prints its one line. */
function startEmulator() {
  const bin = path.join(repo, "packages/emulator/dist/bin.js");
  const child = spawn(
    process.execPath,
    [bin, "--port", "0", "--api-key", KEY, "--seed-images", "10000", "--build-ms", "0", "--max-artifact-mb", "2048"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.once("data", (chunk) => {
      const match = /listening on (\S+)/.exec(String(chunk));
      match ? resolve({ url: match[1], stop: () => child.kill("SIGTERM") }) : reject(new Error(String(chunk)));
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

async function rawList(url) {
  const ids = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${url}/image-management/api/v2/images?pageSize=100&pageNumber=${page}`, {
      headers: { authorization: KEY },
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const body = await response.json();
    for (const image of body.images) {
      ids.push(image.id);
    }
    if (body.images.length === 0 || page >= body.pageCount) {
      return ids;
    }
  }
}

async function sdkList(client) {
  const ids = [];
  for await (const image of client.listImages({ pageSize: 100 })) {
    ids.push(image.id);
  }
  return ids;
}

async function timed(fn) {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** A ~200 MB folder: source-like text and random binary (stored uncompressed), kept between runs. */
async function generatedFolder() {
  const root = path.join(os.tmpdir(), "peak-sdk-bench", "upload-200mb-v1");
  if (existsSync(path.join(root, ".complete"))) {
    return root;
  }
  await rm(root, { recursive: true, force: true });
  const alphabet = Buffer.from("abcdefghijklmnopqrstuvwxyz  \n  etaoin shrdlu ;(){}=");
  for (let i = 0; i < 400; i++) {
    const dir = path.join(root, `pkg${i % 20}`);
    await mkdir(dir, { recursive: true });
    const bytes = randomBytes(512 * 1024);
    if (i % 5 !== 0) {
      for (let j = 0; j < bytes.length; j++) {
        bytes[j] = alphabet[bytes[j] % alphabet.length];
      }
    }
    await writeFile(path.join(dir, `file${i}.${i % 5 === 0 ? "bin" : "txt"}`), bytes);
  }
  await writeFile(path.join(root, "Dockerfile"), "FROM python:3.12-slim\nCOPY . /app\n");
  await writeFile(path.join(root, ".complete"), "");
  return root;
}

/** Runs a command under GNU time: wall seconds and peak RSS in MB. */
function timedProcess(command, commandArgs) {
  const result = spawnSync(TIME, ["-f", "%e %M", command, ...commandArgs], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(" ")} failed:\n${result.stderr}`);
  }
  const [wall, kb] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { wall, rss: kb / 1024, stdout: result.stdout };
}

const emulator = await startEmulator();
try {
  console.log(
    `peak-images SDK benchmark (node ${process.version}, ${os.cpus().length} cpus), emulator at ${emulator.url}\n`,
  );

  const client = getClient({ baseUrl: emulator.url, apiKey: KEY });
  // Warm both paths (and the emulator's JIT) before timing.
  await rawList(emulator.url);
  await sdkList(client);
  const raw = [];
  const sdk = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["raw", "sdk"] : ["sdk", "raw"];
    for (const which of order) {
      const { ms, result } = await timed(() => (which === "raw" ? rawList(emulator.url) : sdkList(client)));
      if (result.length !== 10_000 || new Set(result).size !== 10_000) {
        throw new Error(`${which} listed ${result.length} images`);
      }
      (which === "raw" ? raw : sdk).push(ms);
    }
  }
  const listRatio = median(sdk) / median(raw);
  console.log(`list 10,000 images at pageSize 100 (median of ${rounds} rounds, alternating)`);
  console.log("| way | ms | vs raw fetch |\n|---|---:|---:|");
  console.log(`| raw fetch loop | ${median(raw).toFixed(0)} | 1.00x |`);
  console.log(`| sdk for await | ${median(sdk).toFixed(0)} | ${listRatio.toFixed(2)}x |`);
  const listRow = row({
    what: "list 10,000 images: for await vs raw fetch loop",
    ours: median(sdk),
    unit: "ms",
    reference: { name: "raw fetch", value: median(raw) },
    target: { of: "ratio", op: "<=", limit: targets.list },
  });
  report.push(listRow);
  console.log(`target <= ${targets.list}x: ${mark(listRow.met)}\n`);

  const folder = await generatedFolder();
  const scratch = await import("node:fs/promises").then((fs) => fs.mkdtemp(path.join(os.tmpdir(), "peak-sdk-bench-")));
  const zip = path.join(scratch, "artifact.zip");
  const uploads = [];
  const baselines = [];
  try {
    const uploadRounds = Math.min(rounds, 3);
    for (let round = 0; round < uploadRounds; round++) {
      const name = `bench-upload-${Date.now()}-${round}`;
      uploads.push(
        timedProcess(process.execPath, [
          path.join(repo, "scripts/bench-sdk-upload.mjs"),
          emulator.url,
          KEY,
          folder,
          name,
        ]),
      );
      const zipped = timedProcess(process.execPath, [path.join(repo, "scripts/bench-artifact-run.mjs"), folder, zip]);
      const curl = timedProcess("/usr/bin/curl", [
        "-sS",
        "--fail",
        "-H",
        `Authorization: ${KEY}`,
        "-F",
        `artifact=@${zip};filename=artifact.zip;type=application/zip`,
        "-F",
        `name=${name}-curl`,
        "-F",
        "type=workflow",
        `${emulator.url}/image-management/api/v2/images`,
      ]);
      baselines.push({ wall: zipped.wall + curl.wall, zip: zipped.wall, curl: curl.wall, rss: zipped.rss });
    }
    const zipBytes = (await stat(zip)).size;
    const sdkWall = median(uploads.map((u) => u.wall));
    const baseWall = median(baselines.map((b) => b.wall));
    const sdkRss = Math.max(...uploads.map((u) => u.rss));
    const baseRss = Math.max(...baselines.map((b) => b.rss));
    console.log(
      `createImage from a ${(400 * 0.5).toFixed(0)} MB folder (zip ${(zipBytes / 1e6).toFixed(0)} MB; median of ${uploadRounds}, peak RSS = max)`,
    );
    console.log("| way | wall s | peak RSS MB | vs baseline |\n|---|---:|---:|---:|");
    console.log(
      `| writeArtifact + curl upload | ${baseWall.toFixed(2)} (${median(baselines.map((b) => b.zip)).toFixed(2)} + ${median(baselines.map((b) => b.curl)).toFixed(2)}) | ${baseRss.toFixed(0)} (zip step) | 1.00x |`,
    );
    console.log(
      `| sdk createImage | ${sdkWall.toFixed(2)} | ${sdkRss.toFixed(0)} | ${(sdkWall / baseWall).toFixed(2)}x |`,
    );
    const wallRow = row({
      what: "createImage from 200 MB: wall vs writeArtifact + curl",
      ours: sdkWall,
      unit: "s",
      reference: { name: "writeArtifact + curl", value: baseWall },
      target: { of: "ratio", op: "<=", limit: targets.upload },
    });
    const rssRow = row({
      what: "createImage from 200 MB: peak RSS vs writeArtifact's",
      ours: sdkRss,
      unit: "MB",
      reference: { name: "writeArtifact", value: baseRss },
      target: { of: "ours", op: "<=", limit: targets.uploadRssMb },
    });
    report.push(wallRow, rssRow);
    console.log(
      `targets: wall <= ${targets.upload}x: ${mark(wallRow.met)}; peak RSS <= ${targets.uploadRssMb} MB: ${mark(rssRow.met)}`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
} finally {
  emulator.stop();
}
if (json !== undefined) {
  await writeRows(json, "sdk", report);
}
