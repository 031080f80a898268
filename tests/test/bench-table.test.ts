import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `pnpm bench` (scripts/bench.mjs): its options, the tools it asks for before running anything, and the table it
// builds from the rows each benchmark script writes with --json. No timing here: the figures are made up.
const scripts = join(import.meta.dirname, "..", "..", "scripts", "lib");
const plan = await import(join(scripts, "bench-plan.mjs"));
const report = await import(join(scripts, "bench-report.mjs"));

const names = (selected: Array<{ name: string }>) => selected.map((b) => b.name);

describe("pnpm bench options", () => {
  it.each([
    { argv: [], selected: ["artifact", "sdk", "cli", "emulator"], rounds: undefined, out: "bench/results.md" },
    { argv: ["--only", "emulator,artifact"], selected: ["artifact", "emulator"], rounds: undefined },
    { argv: ["--", "--only", "cli", "--rounds", "2"], selected: ["cli"], rounds: 2 },
    { argv: ["--out", "/tmp/r.md"], selected: ["artifact", "sdk", "cli", "emulator"], out: "/tmp/r.md" },
  ])("$argv", ({ argv, selected, rounds, out }) => {
    const options = plan.parseOptions(argv);
    expect(names(options.selected)).toEqual(selected);
    expect(options.rounds).toBe(rounds);
    if (out !== undefined) {
      expect(options.out).toBe(out);
    }
  });

  it.each([
    { argv: ["--only", "artifact,zipper"], error: /unknown benchmark zipper \(known: artifact, sdk, cli, emulator\)/ },
    { argv: ["--only"], error: /--only needs a value/ },
    { argv: ["--rounds", "0"], error: /--rounds needs a whole number/ },
    { argv: ["--rounds", "two"], error: /--rounds needs a whole number/ },
    { argv: ["--fast"], error: /unknown option --fast/ },
  ])("refuses $argv", ({ argv, error }) => {
    expect(() => plan.parseOptions(argv)).toThrow(error);
  });

  it("passes --rounds only to the scripts that take it, and always asks for the JSON results", () => {
    const options = plan.parseOptions(["--rounds", "2"]);
    const args = Object.fromEntries(
      options.selected.map((b: { name: string }) => [b.name, plan.scriptArgs(b, options, "/r.json")]),
    );
    expect(args).toEqual({
      artifact: ["--json", "/r.json", "--rounds", "2"],
      sdk: ["--json", "/r.json", "--rounds", "2"],
      cli: ["--json", "/r.json"],
      emulator: ["--json", "/r.json"],
    });
    expect(plan.scriptArgs(options.selected[0], plan.parseOptions([]), "/r.json")).toEqual(["--json", "/r.json"]);
  });

  it("builds each package the selected benchmarks need once, with its dependencies", () => {
    expect(plan.buildFilters(plan.parseOptions(["--only", "sdk,cli"]).selected)).toEqual([
      "--filter=@peak-images/sdk...",
      "--filter=@peak-images/emulator...",
      "--filter=@peak-images/cli...",
    ]);
  });
});

describe("pnpm bench tool check", () => {
  const absent =
    (...apt: string[]) =>
    (tool: { apt: string }) =>
      !apt.includes(tool.apt);

  it.each([
    { only: "artifact", absent: ["zip", "python3-pathspec"], missing: ["zip", "python3-pathspec"] },
    { only: "sdk", absent: ["zip", "python3-pathspec", "curl"], missing: ["curl"] },
    { only: "artifact,sdk", absent: ["time"], missing: ["time"] },
    { only: "cli,emulator", absent: ["time", "zip", "curl", "python3", "python3-pathspec"], missing: [] },
  ])("--only $only without $absent asks for $missing", ({ only, absent: gone, missing }) => {
    const selected = plan.parseOptions(["--only", only]).selected;
    expect(plan.missingTools(selected, absent(...gone)).map((tool: { apt: string }) => tool.apt)).toEqual(missing);
  });

  it("names each missing tool's apt package and the line that installs them", () => {
    const message = plan.missingMessage([plan.tools.time, plan.tools.pathspec]);
    expect(message).toContain("GNU time (/usr/bin/time): apt package time");
    expect(message).toContain("the pathspec module of /usr/bin/python3: apt package python3-pathspec");
    expect(message).toContain("apt-get install time python3-pathspec");
  });

  it("finds a tool by its file, and a Python module by importing it", () => {
    expect(plan.toolPresent({ file: process.execPath })).toBe(true);
    expect(plan.toolPresent({ file: "/nonexistent/bin/zip" })).toBe(false);
    expect(plan.toolPresent({ pythonModule: "no_such_module_for_peak_bench" })).toBe(false);
  });
});

describe("pnpm bench table", () => {
  it.each([
    { target: { of: "ratio", op: "<=", limit: 1.15 }, ours: 110, reference: 100, ratio: 1.1, met: true },
    { target: { of: "ratio", op: "<=", limit: 1.15 }, ours: 120, reference: 100, ratio: 1.2, met: false },
    { target: { of: "ours", op: "<=", limit: 120 }, ours: 125, reference: 70, ratio: 125 / 70, met: false },
    { target: { of: "ours", op: "<", limit: 1 }, ours: 1, reference: 5, ratio: 0.2, met: false },
    { target: { of: "ours", op: ">=", limit: 3000 }, ours: 3000, reference: undefined, ratio: undefined, met: true },
    { target: undefined, ours: 5, reference: 2, ratio: 2.5, met: undefined },
  ])("target $target with ours $ours and reference $reference: met $met", (c) => {
    const r = report.row({
      what: "x",
      ours: c.ours,
      unit: "ms",
      reference: c.reference === undefined ? undefined : { name: "ref", value: c.reference },
      target: c.target,
    });
    if (c.ratio === undefined) {
      expect(r.ratio).toBeUndefined();
    } else {
      expect(r.ratio).toBeCloseTo(c.ratio);
    }
    expect(r.met).toBe(c.met);
  });

  it("refuses a target it cannot check", () => {
    expect(() => report.row({ what: "x", ours: 1, unit: "s", target: { of: "ours", op: "==", limit: 1 } })).toThrow(
      /unknown target operator ==/,
    );
  });

  it("prints one row per quantity: ours, the reference, the ratio, the target and whether it is met", () => {
    const rows = [
      report.row({
        what: "list",
        ours: 920,
        unit: "ms",
        reference: { name: "raw fetch", value: 1000 },
        target: { of: "ratio", op: "<=", limit: 1.15 },
      }),
      report.row({ what: "rss", ours: 125.4, unit: "MB", target: { of: "ours", op: "<=", limit: 120 } }),
      report.row({ what: "list rate", ours: 136.2, unit: "req/s" }),
    ].map((r, i) => ({ bench: i < 2 ? "sdk" : "emulator", ...r }));
    expect(report.renderTable(rows).split("\n")).toEqual([
      "| benchmark | what | ours | reference | ratio | target | result |",
      "|---|---|---:|---:|---:|---:|---|",
      "| sdk | list | 920 ms | 1000 ms (raw fetch) | 0.92x | <= 1.15x | met |",
      "| sdk | rss | 125 MB |  |  | <= 120 MB | NOT met |",
      "| emulator | list rate | 136 req/s |  |  |  |  |",
    ]);
    expect(report.targetCount(rows)).toEqual({ held: 2, met: 1 });
  });

  it("writes the machine, the load at both ends, the table, failures and each benchmark's own output", () => {
    const rows = [{ bench: "cli", ...report.row({ what: "peak --version", ours: 1.2, unit: "ms" }) }];
    const text = report.renderResults({
      command: "pnpm bench --only cli",
      started: { date: new Date("2026-01-02T03:04:05Z"), load: [1, 2, 3] },
      finished: { date: new Date("2026-01-02T03:07:05Z"), load: [4.5, 2, 3] },
      machine: { node: "v20.20.2", cpus: 2, cpuModel: "cpu", platform: "linux 6" },
      rows,
      failures: [{ bench: "emulator", reason: "exited 1 without results" }],
      outputs: [{ command: "node scripts/bench-cli.mjs", text: "peak start-up\n| a |\n" }],
    });
    expect(text).toContain("`pnpm bench --only cli` on 2026-01-02T03:04:05.000Z (3.0 min). Node v20.20.2, 2 CPUs");
    expect(text).toContain("1.00 2.00 3.00 at the start, 4.50 2.00 3.00 at the end");
    expect(text).toContain("move with the machine's load");
    expect(text).toContain(report.renderTable(rows));
    expect(text).toContain("**emulator did not run to the end**: exited 1 without results");
    expect(text).toContain("`node scripts/bench-cli.mjs`\n\n```\npeak start-up\n| a |\n```");
  });
});
