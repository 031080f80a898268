// What `pnpm bench` runs: each benchmark's script, the packages it needs built, the system tools it needs (with the
// Debian package that provides each), and the command-line options.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Every benchmark, in the order `pnpm bench` runs them (one after another: they would skew each other). */
export const benchmarks = [
  {
    name: "artifact",
    script: "bench-artifact.mjs",
    rounds: true,
    builds: ["@peak-images/artifact"],
    tools: ["time", "zip", "python3", "pathspec"],
  },
  {
    name: "sdk",
    script: "bench-sdk.mjs",
    rounds: true,
    builds: ["@peak-images/sdk", "@peak-images/emulator"],
    tools: ["time", "curl"],
  },
  {
    name: "cli",
    script: "bench-cli.mjs",
    rounds: false,
    builds: ["@peak-images/cli", "@peak-images/emulator"],
    tools: [],
  },
  { name: "emulator", script: "bench-emulator.mjs", rounds: false, builds: ["@peak-images/emulator"], tools: [] },
];

/** The system tools the benchmarks call, where they look for them, and the apt package that installs each. */
export const tools = {
  time: { what: "GNU time (/usr/bin/time)", apt: "time", file: "/usr/bin/time" },
  zip: { what: "Info-ZIP zip (/usr/bin/zip)", apt: "zip", file: "/usr/bin/zip" },
  curl: { what: "curl (/usr/bin/curl)", apt: "curl", file: "/usr/bin/curl" },
  python3: { what: "Python 3 (/usr/bin/python3)", apt: "python3", file: "/usr/bin/python3" },
  pathspec: { what: "the pathspec module of /usr/bin/python3", apt: "python3-pathspec", pythonModule: "pathspec" },
};

export const usage = `Usage: pnpm bench [--only ${benchmarks.map((b) => b.name).join(",")}] [--rounds N] [--out FILE]
  --only    run these benchmarks only (comma-separated; default: all, in this order)
  --rounds  passed to the benchmarks that take it (artifact, sdk); others keep their own counts
  --out     where to write the results (default: bench/results.md)`;

/** Whether a tool is there: its file exists, or /usr/bin/python3 imports its module. */
export function toolPresent(tool) {
  if (tool.pythonModule !== undefined) {
    return (
      existsSync(tools.python3.file) &&
      spawnSync(tools.python3.file, ["-c", `import ${tool.pythonModule}`], { stdio: "ignore" }).status === 0
    );
  }
  return existsSync(tool.file);
}

/** The tools the selected benchmarks need that are not there (each once). */
export function missingTools(selected, present = toolPresent) {
  const needed = [...new Set(selected.flatMap((b) => b.tools))];
  return needed.map((name) => tools[name]).filter((tool) => !present(tool));
}

/** What to tell the user about missing tools: each one, and the apt-get line that installs them all. */
export function missingMessage(missing) {
  const lines = missing.map((tool) => `  ${tool.what}: apt package ${tool.apt}`);
  const packages = [...new Set(missing.map((tool) => tool.apt))].join(" ");
  return `pnpm bench needs tools that are missing:\n${lines.join("\n")}\ninstall them with: apt-get install ${packages}`;
}

function value(argv, at, name) {
  const next = argv[at + 1];
  if (next === undefined || next.startsWith("--")) {
    throw new Error(`${name} needs a value`);
  }
  return next;
}

/** The options of `pnpm bench`: the benchmarks to run (in run order), the rounds to pass on, the output file. */
export function parseOptions(argv) {
  const options = { selected: benchmarks, rounds: undefined, out: "bench/results.md", help: false };
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at];
    if (arg === "--") {
      // pnpm passes it on from `pnpm bench -- --only sdk`.
    } else if (arg === "--help" || arg === "-h") {
      options.help = true;
    } else if (arg === "--only") {
      const names = value(argv, at++, arg).split(",");
      const unknown = names.filter((name) => !benchmarks.some((b) => b.name === name));
      if (unknown.length > 0) {
        throw new Error(`unknown benchmark ${unknown.join(", ")} (known: ${benchmarks.map((b) => b.name).join(", ")})`);
      }
      options.selected = benchmarks.filter((b) => names.includes(b.name));
    } else if (arg === "--rounds") {
      const rounds = Number(value(argv, at++, arg));
      if (!Number.isInteger(rounds) || rounds < 1) {
        throw new Error("--rounds needs a whole number of at least 1");
      }
      options.rounds = rounds;
    } else if (arg === "--out") {
      options.out = value(argv, at++, arg);
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

/** The arguments a benchmark's script is run with: where to write its JSON, and the rounds if it takes them. */
export function scriptArgs(bench, options, jsonFile) {
  const rounds = bench.rounds && options.rounds !== undefined ? ["--rounds", String(options.rounds)] : [];
  return ["--json", jsonFile, ...rounds];
}

/** The turbo filters that build what the selected benchmarks need (each package with its dependencies). */
export function buildFilters(selected) {
  return [...new Set(selected.flatMap((b) => b.builds))].map((name) => `--filter=${name}...`);
}
