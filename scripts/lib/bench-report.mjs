// The machine-readable side of the benchmarks: given `--json <file>`, each bench script writes its figures there as
// rows (what, our figure, the reference figure, the target), and `pnpm bench` (scripts/bench.mjs) puts every
// script's rows into one table. Without `--json` the scripts print only their own tables, as before.
import { writeFile } from "node:fs/promises";

/** The file given after `--json` on the command line, or undefined when there is none. */
export function jsonOption(argv) {
  const at = argv.indexOf("--json");
  if (at === -1) {
    return undefined;
  }
  const file = argv[at + 1];
  if (file === undefined || file.startsWith("--")) {
    throw new Error("--json needs a file name");
  }
  return file;
}

const compare = {
  "<=": (value, limit) => value <= limit,
  "<": (value, limit) => value < limit,
  ">=": (value, limit) => value >= limit,
};

/**
 * One measured quantity: `ours` (in `unit`), the optional `reference` ({ name, value } in the same unit) it is
 * compared with, and the optional `target` ({ of: "ratio" | "ours", op: "<=" | "<" | ">=", limit }) it is held to.
 */
export function row({ what, ours, unit, reference, target }) {
  const ratio = reference === undefined ? undefined : ours / reference.value;
  if (target !== undefined && !compare[target.op]) {
    throw new Error(`unknown target operator ${target.op}`);
  }
  const measured = target?.of === "ratio" ? ratio : ours;
  const met = target === undefined ? undefined : compare[target.op](measured, target.limit);
  return { what, ours, unit, reference, ratio, target, met };
}

/** Writes a benchmark's rows to `file` as JSON ({ bench, rows }). */
export async function writeRows(file, bench, rows) {
  await writeFile(file, `${JSON.stringify({ bench, rows }, null, 2)}\n`);
}

/** A figure with as many decimals as its size needs (2 under 10, 1 under 100, none above). */
export function figure(value) {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return value.toFixed(digits);
}

function targetText(target, unit) {
  if (target === undefined) {
    return "";
  }
  return target.of === "ratio" ? `${target.op} ${target.limit}x` : `${target.op} ${target.limit} ${unit}`;
}

function result(met) {
  return met === undefined ? "" : met ? "met" : "NOT met";
}

/** The rows of every benchmark ({ bench, ...row }) as one markdown table. */
export function renderTable(rows) {
  const lines = [
    "| benchmark | what | ours | reference | ratio | target | result |",
    "|---|---|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    const reference = r.reference === undefined ? "" : `${figure(r.reference.value)} ${r.unit} (${r.reference.name})`;
    const ratio = r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`;
    lines.push(
      `| ${r.bench} | ${r.what} | ${figure(r.ours)} ${r.unit} | ${reference} | ${ratio} | ${targetText(r.target, r.unit)} | ${result(r.met)} |`,
    );
  }
  return lines.join("\n");
}

/** The three load averages (1, 5, 15 min) as text. */
export const loadText = (averages) => averages.map((n) => n.toFixed(2)).join(" ");

/** How many rows have a target, and how many of those met it. */
export function targetCount(rows) {
  const held = rows.filter((r) => r.met !== undefined);
  return { held: held.length, met: held.filter((r) => r.met).length };
}

/**
 * The results file: when and where it was measured (date, Node, CPUs, load average at start and end), the table,
 * the benchmarks that failed to run, and each benchmark's own output.
 */
export function renderResults({ command, started, finished, machine, rows, failures, outputs }) {
  const { held, met } = targetCount(rows);
  const minutes = ((finished.date - started.date) / 60_000).toFixed(1);
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`${command}\` on ${started.date.toISOString()} (${minutes} min). Node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.platform}.`,
    `Load average (1, 5, 15 min): ${loadText(started.load)} at the start, ${loadText(finished.load)} at the end.`,
    "",
    "The figures move with the machine's load: it is shared, and a ratio can move by far more than 15% between two runs.",
    "Each ratio is our figure over the reference figure, measured in the same run; a target on a ratio is checked",
    "against the ratio, any other target against our figure.",
    "",
    renderTable(rows),
    "",
    `${met} of ${held} targets met.`,
  ];
  for (const failure of failures) {
    lines.push("", `**${failure.bench} did not run to the end**: ${failure.reason}`);
  }
  lines.push("", "## Each benchmark's own output");
  for (const output of outputs) {
    lines.push("", `\`${output.command}\``, "", "```", output.text.trimEnd(), "```");
  }
  return `${lines.join("\n")}\n`;
}
