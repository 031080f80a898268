#!/usr/bin/env node
// `pnpm bench`: every package's benchmark, one after another (the machine has 2 cores: in parallel they would
// measure each other), then one table of ratios against their references and targets, printed and written to
// bench/results.md with the date, the Node version, the CPUs and the load average at the start and the end.
// Each benchmark's own output goes to stderr as it runs (and into the results file); stdout gets the table.
// Exits 1 when a tool is missing, the build fails or a benchmark does not run to the end; a missed target is a
// result (NOT met in the table), not a failure.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildFilters, missingMessage, missingTools, parseOptions, scriptArgs, usage } from "./lib/bench-plan.mjs";
import { loadText, renderResults, renderTable, targetCount } from "./lib/bench-report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const argv = process.argv.slice(2);

let options;
try {
  options = parseOptions(argv);
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const missing = missingTools(options.selected);
if (missing.length > 0) {
  console.error(missingMessage(missing));
  process.exit(1);
}

const started = { date: new Date(), load: os.loadavg() };
console.error(
  `building the packages ${options.selected.map((b) => b.name).join(", ")} need${options.selected.length === 1 ? "s" : ""} (turbo)`,
);
const build = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", ...buildFilters(options.selected), "--output-logs=errors-only"],
  { cwd: repo, stdio: ["ignore", 2, 2] },
);
if (build.status !== 0) {
  console.error(`pnpm bench: the build failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}

/** Runs one benchmark script: its stdout to our stderr as it comes, and kept; resolves with its exit. */
function run(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, script), ...args], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk) => {
      process.stderr.write(chunk);
      text += chunk;
    });
    child.on("error", (error) => resolve({ text, reason: error.message }));
    child.on("close", (code, signal) => resolve({ text, code, signal }));
  });
}

const scratch = await mkdtemp(path.join(os.tmpdir(), "peak-bench-"));
const rows = [];
const failures = [];
const outputs = [];
try {
  for (const bench of options.selected) {
    const json = path.join(scratch, `${bench.name}.json`);
    const args = scriptArgs(bench, options, json);
    const shown = [`node scripts/${bench.script}`, ...args.filter((arg) => arg !== json && arg !== "--json")];
    console.error(`\n=== ${bench.name}: ${shown.join(" ")}`);
    const ran = await run(bench.script, args);
    outputs.push({ command: shown.join(" "), text: ran.text });
    // A script that misses a target may exit 1 (bench-cli does); its results file says it ran to the end.
    if (existsSync(json)) {
      rows.push(...JSON.parse(await readFile(json, "utf8")).rows.map((r) => ({ bench: bench.name, ...r })));
    } else {
      const reason = ran.reason ?? `exited ${ran.code ?? ran.signal} without results`;
      failures.push({ bench: bench.name, reason });
      console.error(`pnpm bench: ${bench.name} ${reason}`);
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const finished = { date: new Date(), load: os.loadavg() };
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
  platform: `${os.platform()} ${os.release()}`,
};
const command = ["pnpm bench", ...argv.filter((arg) => arg !== "--")].join(" ");
const out = path.resolve(repo, options.out);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, renderResults({ command, started, finished, machine, rows, failures, outputs }));

const { held, met } = targetCount(rows);
console.log(
  `\n${command}: node ${machine.node}, ${machine.cpus} CPUs, load average ${loadText(started.load)} at the start, ${loadText(finished.load)} at the end`,
);
console.log(renderTable(rows));
console.log(
  `${met} of ${held} targets met (figures move with the machine's load). Written to ${out.startsWith(`${repo}${path.sep}`) ? path.relative(repo, out) : out}.`,
);
for (const failure of failures) {
  console.log(`${failure.bench} did not run to the end: ${failure.reason}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
