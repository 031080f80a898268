import { parseCommandArgs } from "./args.js";
import { COMMANDS, GROUPS } from "./commands.js";
import type { Io, RunContext } from "./context.js";
import { EXIT, UsageError } from "./errors.js";
import { commandHelp, groupHelp, rootHelp } from "./help.js";
import { colorEnabled } from "./io/color.js";
import { reportError } from "./report-error.js";
import type { CommandSpec } from "./spec.js";
import { VERSION } from "./version.js";

/** Global flags that take a value, so their value is not taken for a command name when they come first. */
const VALUE_FLAGS = new Set(["--stage", "--base-url", "--output", "-o"]);

/** How {@link main} is wired to the outside; by default the process's streams and environment. */
export interface MainOptions {
  io?: Io;
  /** Aborts the running command (Ctrl-C); it then exits 130. */
  signal?: AbortSignal;
}

function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}

/** Splits argv into the command words and the rest (flags and positional arguments), keeping their order. */
function splitCommand(argv: readonly string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let wanted = 2;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token.startsWith("-") && token !== "-") {
      rest.push(token);
      if (words.length < wanted && VALUE_FLAGS.has(token) && i + 1 < argv.length) {
        rest.push(argv[++i]!);
      }
      continue;
    }
    if (words.length < wanted) {
      words.push(token);
      // `completion` is a command of its own, not a group.
      if (words.length === 1 && !GROUPS.some((group) => group.name === token)) {
        wanted = 1;
      }
      continue;
    }
    rest.push(token);
  }
  return { words, rest };
}

function findCommand(words: readonly string[]): CommandSpec | undefined {
  return COMMANDS.find((spec) => spec.path.length === words.length && spec.path.every((word, i) => word === words[i]));
}

function wantsHelp(rest: readonly string[]): boolean {
  return rest.includes("--help") || rest.includes("-h");
}

/** Runs `peak` with the given arguments (without `node` and the script) and resolves with the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const signal = options.signal ?? new AbortController().signal;
  const { words, rest } = splitCommand(argv);
  const debug = rest.includes("--debug");
  let ctx: RunContext | undefined;
  try {
    if (words.length === 0) {
      if (rest.includes("--version") || rest.includes("-V")) {
        io.stdout.write(`${VERSION}\n`);
        return EXIT.ok;
      }
      if (rest.length === 0 || wantsHelp(rest)) {
        io.stdout.write(rootHelp());
        return EXIT.ok;
      }
      throw new UsageError(`unknown flag ${rest[0]}: run 'peak --help' for the commands`);
    }
    const [first] = words;
    const group = GROUPS.find((candidate) => candidate.name === first);
    if (group && words.length === 1) {
      if (wantsHelp(rest) || rest.length === 0) {
        io.stdout.write(groupHelp(group.name));
        return EXIT.ok;
      }
      throw new UsageError(
        `missing command after 'peak ${group.name}': run 'peak ${group.name} --help' for its commands`,
      );
    }
    const spec = findCommand(words);
    if (!spec) {
      throw new UsageError(
        group
          ? `unknown command 'peak ${words.join(" ")}': run 'peak ${group.name} --help' for its commands`
          : `unknown command '${first}': run 'peak --help' for the commands`,
      );
    }
    const parsed = parseCommandArgs(spec, rest);
    if (parsed.flags.help) {
      io.stdout.write(commandHelp(spec));
      return EXIT.ok;
    }
    const output = (parsed.flags.output as RunContext["output"] | undefined) ?? spec.outputs[0] ?? "json";
    ctx = {
      spec,
      flags: parsed.flags,
      positionals: parsed.positionals,
      io,
      output: spec.outputs.length > 0 ? output : "json",
      outputGiven: spec.outputs.length > 0 && parsed.flags.output !== undefined,
      color: colorEnabled(io, parsed.flags["no-color"] === true),
      signal,
      dryRun: parsed.flags["dry-run"] === true ? { resolvedWith: [], captured: undefined } : undefined,
    };
    const command = await spec.load();
    return (await command.run(ctx)) ?? EXIT.ok;
  } catch (error) {
    if (ctx?.dryRun?.captured) {
      const { printDryRun } = await import("./dry-run.js");
      try {
        await printDryRun(ctx, ctx.dryRun);
        return EXIT.ok;
      } catch (inner) {
        return reportError(inner, { io, debug, words });
      }
    }
    return reportError(error, { io, debug, words });
  }
}
