#!/usr/bin/env node
// Benchmark of @peak-images/artifact against `zip -q -6` and the Python SDK's own pipeline (pathspec + zipfile).
// Generates deterministic folders under $TMPDIR/peak-artifact-bench (kept between runs; --clean removes them),
// runs each tool as a whole process under /usr/bin/time for wall time and peak RSS, and prints a table.
// Usage: pnpm bench:artifact [--rounds N] [--only typical|large|large4|patterns] [--stream] [--clean] [--json FILE]
// --stream adds a row for createArtifactStream piped to a file (writeArtifact is the row the targets are about).
// --json also writes writeArtifact's figures against both references, with the targets, for `pnpm bench`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { jsonOption, row, writeRows } from "./lib/bench-report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const dist = path.join(repo, "packages/artifact/dist/index.js");
// The Python SDK's pipeline and the PRNG are the ones the artifact tests use.
const pythonSdk = path.join(repo, "packages/artifact/test/reference/python_sdk.py");
const { mulberry32: rng } = await import(path.join(repo, "packages/artifact/test/reference/mulberry32.mjs"));
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 3;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const base = path.join(os.tmpdir(), "peak-artifact-bench");
const VERSION = "v1";
const json = jsonOption(args);
// The package README's targets: wall against one reference per case, peak RSS, and the 10,000-line ignore file.
const targets = {
  typical: { python: 0.35 },
  large: { zip: 1.0, rssMb: 100 },
  large4: { zip: 1.0, rssMb: 100 },
  patterns: { wallS: 1 },
};
const report = [];

if (args.includes("--clean")) {
  await rm(base, { recursive: true, force: true });
  console.error(`removed ${base}`);
  process.exit(0);
}

const TIME = "/usr/bin/time";
if (!existsSync(TIME)) {
  console.error("needs GNU time at /usr/bin/time (apt-get install time)");
  process.exit(1);
}
if (!existsSync(dist)) {
  console.error("building @peak-images/artifact first");
  spawnSync("pnpm", ["--filter", "@peak-images/artifact", "build"], { cwd: repo, stdio: "inherit" });
}
const { listArtifactFiles } = await import(dist);

const WORDS =
  "const let function return import export from async await if else for while class interface type extends new this value result error data file path name index count items list map set get options config default string number boolean true false null undefined await promise stream buffer zip deflate".split(
    " ",
  );

function text(r, bytes) {
  const lines = [];
  let size = 0;
  let indent = 0;
  while (size < bytes) {
    const n = 3 + Math.floor(r() * 9);
    const words = [];
    for (let i = 0; i < n; i++) {
      words.push(WORDS[Math.floor(r() * WORDS.length)]);
    }
    if (r() < 0.1) {
      words.push(String(Math.floor(r() * 100000)));
    }
    indent = Math.max(0, Math.min(6, indent + (r() < 0.3 ? 1 : r() < 0.3 ? -1 : 0)));
    const line = `${"  ".repeat(indent)}${words.join(" ")};`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

function random(r, bytes) {
  const buf = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i += 4) {
    buf.writeUInt32LE((r() * 4294967296) >>> 0, Math.min(i, bytes - 4));
  }
  return buf;
}

async function put(root, rel, content) {
  const abs = path.join(root, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(abs, content);
}

async function generateTypical(root) {
  const r = rng(1);
  await put(root, ".dockerignore", "node_modules\n.git\ncoverage\ndata\n**/*.log\n.env\n");
  await put(root, "Dockerfile", "FROM node:20\nCOPY src/ /app/src/\nCOPY package.json /app/\n");
  await put(root, "package.json", '{ "name": "bench" }\n');
  for (let i = 0; i < 400; i++) {
    await put(root, `src/mod${i % 20}/file${i}.ts`, text(r, 1000 + Math.floor(r() * 7000)));
  }
  const small = [];
  for (let p = 0; p < 2000; p++) {
    for (let f = 0; f < 20; f++) {
      small.push(put(root, `node_modules/pkg${p}/lib/f${f}.js`, text(r, 200 + Math.floor(r() * 800))));
    }
    if (small.length > 2000) {
      await Promise.all(small.splice(0));
    }
  }
  for (let i = 0; i < 5000; i++) {
    small.push(put(root, `.git/objects/${(i % 256).toString(16)}/${i}`, random(r, 300)));
    small.push(put(root, `coverage/lcov-report/src/f${i}.html`, text(r, 500)));
    if (small.length > 2000) {
      await Promise.all(small.splice(0));
    }
  }
  await Promise.all(small.splice(0));
  for (let i = 0; i < 50; i++) {
    await put(root, `data/part${i}.bin`, random(r, 1024 * 1024));
  }
}

async function generateLarge(root, copies) {
  await put(root, ".dockerignore", "*.log\n");
  await put(root, "Dockerfile", "FROM python:3.11\nCOPY . /app\n");
  for (let c = 0; c < copies; c++) {
    const r = rng(100 + c);
    const jobs = [];
    // ~3,000 text files (~75 MB) and ~1,000 random binaries (~45 MB) plus a few big files (~10 MB).
    for (let i = 0; i < 3000; i++) {
      jobs.push(put(root, `c${c}/src/pkg${i % 50}/m${i}.py`, text(r, 5000 + Math.floor(r() * 40000))));
      if (jobs.length > 200) {
        await Promise.all(jobs.splice(0));
      }
    }
    for (let i = 0; i < 995; i++) {
      jobs.push(put(root, `c${c}/assets/a${i % 20}/b${i}.dat`, random(r, 10000 + Math.floor(r() * 80000))));
      if (jobs.length > 200) {
        await Promise.all(jobs.splice(0));
      }
    }
    await Promise.all(jobs.splice(0));
    await put(root, `c${c}/big/log-like.txt`, text(r, 4 * 1024 * 1024));
    await put(root, `c${c}/big/dump.sql`, text(r, 3 * 1024 * 1024));
    await put(root, `c${c}/big/blob1.bin`, random(r, 2 * 1024 * 1024));
    await put(root, `c${c}/big/blob2.bin`, random(r, 1024 * 1024));
    await put(root, `c${c}/big/model.bin`, random(r, 1024 * 1024));
  }
}

// 2,000 files under a .dockerignore of 10,000 lines, as a generated ignore file has them: folders, files by path,
// extensions, re-includes, ** patterns and a few wildcards. Matching is most of the work here.
async function generatePatterns(root) {
  const r = rng(7);
  const lines = [];
  for (let i = 0; i < 10_000; i++) {
    const kinds = [
      `build${i}/`,
      `src/gen/file${i}.ts`,
      `*.ext${i}`,
      `!src/keep${i}.txt`,
      `/tmp${i}`,
      `**/cache${i}/**`,
      `docs/**/draft${i}.md`,
      `logs/*.log${i}`,
      `node_modules/pkg${i}`,
      i % 100 === 9 ? `tmp${i}*` : `data/*/part${i}.csv`,
    ];
    lines.push(kinds[i % 10]);
  }
  await put(root, ".dockerignore", `${lines.join("\n")}\n`);
  const files = [];
  for (let i = 0; i < 1000; i++) {
    files.push(`src/mod${i % 40}/f${i}.ts`);
  }
  for (let k = 0; k < 200; k++) {
    files.push(`src/gen/file${10 * k + 1}.ts`, `src/keep${10 * k + 3}.txt`, `docs/a/b/draft${10 * k + 6}.md`);
    files.push(`data/x${k % 7}/part${10 * k + 9}.csv`, `logs/app.log${10 * k + 7}`);
  }
  for (const file of files) {
    await put(root, file, text(r, 500 + Math.floor(r() * 1500)));
  }
}

async function ensure(name, generate) {
  const root = path.join(base, VERSION, name);
  const marker = path.join(base, VERSION, `${name}.done`);
  if (!existsSync(marker)) {
    console.error(`generating ${name} in ${root} ...`);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    await generate(root);
    await writeFile(marker, "ok\n");
  }
  return root;
}

function timed(cmd, argv, options = {}) {
  const result = spawnSync(TIME, ["-f", "%e %M", cmd, ...argv], { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} failed: ${result.stderr}`);
  }
  const last = result.stderr.trim().split("\n").pop();
  const [wall, rssKb] = last.split(" ").map(Number);
  return { wall, rss: rssKb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(label, root) {
  const out = path.join(base, "out");
  await mkdir(out, { recursive: true });
  const files = await listArtifactFiles(root);
  const listFile = path.join(out, `${label}.list`);
  await writeFile(listFile, `${files.join("\n")}\n`);
  const input = files.length;
  const tools = {
    "@peak-images/artifact": (z) => timed(process.execPath, [path.join(here, "bench-artifact-run.mjs"), root, z]),
    ...(args.includes("--stream")
      ? {
          "@peak-images/artifact-stream": (z) =>
            timed(process.execPath, [path.join(here, "bench-artifact-run.mjs"), root, z, "--stream"]),
        }
      : {}),
    "zip -q -6": (z) => timed("/bin/sh", ["-c", `cd "$0" && /usr/bin/zip -q -6 "$1" -@ < "$2"`, root, z, listFile]),
    "python sdk (pathspec+zipfile)": (z) => timed("/usr/bin/python3", [pythonSdk, "zip", root, z]),
  };
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(tools)) {
      const z = path.join(out, `${label}.${i}.${name.split(" ")[0].replace(/\W/g, "")}.zip`);
      await rm(z, { force: true });
      const m = run(z);
      m.size = (await stat(z)).size;
      samples[name].push(m);
      await rm(z, { force: true });
    }
  }
  const rows = Object.entries(samples).map(([name, ms]) => ({
    name,
    wall: median(ms.map((m) => m.wall)),
    rss: Math.max(...ms.map((m) => m.rss)),
    size: median(ms.map((m) => m.size)),
  }));
  const zip = rows.find((r) => r.name.startsWith("zip"));
  const py = rows.find((r) => r.name.startsWith("python"));
  console.log(`\n${label}: ${input} files uploaded (median of ${rounds} runs, peak RSS = max)`);
  console.log("| tool | wall s | peak RSS MB | zip MB | vs zip -6 | vs python |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.wall.toFixed(2)} | ${r.rss.toFixed(0)} | ${(r.size / 1048576).toFixed(1)} | ${(r.wall / zip.wall).toFixed(2)}x | ${(r.wall / py.wall).toFixed(2)}x |`,
    );
  }
  report.push(
    ...reportRows(
      label,
      input,
      rows.find((r) => r.name === "@peak-images/artifact"),
      zip,
      py,
    ),
  );
}

/** The combined table's rows for one case: writeArtifact's wall against zip and Python, and its peak RSS. */
function reportRows(label, input, ours, zip, py) {
  const target = targets[label];
  const ratio = (limit) => (limit === undefined ? undefined : { of: "ratio", op: "<=", limit });
  // "python sdk (pathspec+zipfile)" is the row's name in the table above; the short one fits the combined table.
  const short = (tool) => tool.name.replace(/ \(.*\)$/, "");
  const wall = (reference, limit) =>
    row({
      what: `${label} (${input} files): writeArtifact wall vs ${short(reference)}`,
      ours: ours.wall,
      unit: "s",
      reference: { name: short(reference), value: reference.wall },
      target: limit,
    });
  const rows = [wall(zip, ratio(target.zip)), wall(py, ratio(target.python))];
  if (target.wallS !== undefined) {
    rows.push(
      row({
        what: `${label}: writeArtifact wall`,
        ours: ours.wall,
        unit: "s",
        target: { of: "ours", op: "<", limit: target.wallS },
      }),
    );
  }
  if (target.rssMb !== undefined) {
    rows.push(
      row({
        what: `${label}: writeArtifact peak RSS vs ${short(py)}`,
        ours: ours.rss,
        unit: "MB",
        reference: { name: short(py), value: py.rss },
        target: { of: "ours", op: "<=", limit: target.rssMb },
      }),
    );
  }
  return rows;
}

const cases = [
  ["typical", () => ensure("typical", generateTypical)],
  ["large", () => ensure("large", (root) => generateLarge(root, 1))],
  ["large4", () => ensure("large4", (root) => generateLarge(root, 4))],
  ["patterns", () => ensure("patterns", generatePatterns)],
];
console.log(`node ${process.version}, ${os.cpus().length} cpus, ${os.platform()} ${os.release()}`);
for (const [label, make] of cases) {
  if (only === undefined || only === label) {
    await bench(label, await make());
  }
}
if (json !== undefined) {
  await writeRows(json, "artifact", report);
}
