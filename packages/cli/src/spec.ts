import type { RunContext } from "./context.js";

/** One `--flag` of a command. */
export interface OptionSpec {
  /** Long name without the dashes, e.g. `params-file`. */
  name: string;
  /** One-letter alias without the dash, e.g. `v`. */
  short?: string;
  /** `boolean` flags take no value; `string` flags take one (`--x v` or `--x=v`). */
  type: "string" | "boolean";
  /** May be given several times; the values are collected in order. */
  multiple?: boolean;
  /** Each value is also split on commas (`--tags a,b --tags c` is a, b, c), as the Python CLI does. */
  commaSplit?: boolean;
  /** Values must be positive integers. */
  int?: boolean;
  /** Values must be one of these. */
  choices?: readonly string[];
  /** The command cannot run without it. */
  required?: boolean;
  /** Placeholder shown in help, e.g. `PATH`. */
  metavar?: string;
  /** One-line help. */
  help: string;
}

/** A positional argument. */
export interface PositionalSpec {
  name: string;
  required: boolean;
  /** Must be a positive integer (image ids). */
  int?: boolean;
  choices?: readonly string[];
  help: string;
}

/** What a command module exports. */
export interface CommandModule {
  /** Runs the command; resolves with the exit code (0 when nothing is returned). */
  run(ctx: RunContext): Promise<number | undefined>;
}

/** One runnable command, e.g. `peak images create`. */
export interface CommandSpec {
  /** The words that name it, e.g. `["images", "create"]`. */
  path: readonly string[];
  summary: string;
  /** Longer help, shown under the usage line. */
  description?: string;
  positionals: readonly PositionalSpec[];
  options: readonly OptionSpec[];
  /** Output formats `-o` accepts; the first is the default. Empty: the command has no `-o`. */
  outputs: readonly ("json" | "yaml" | "table")[];
  /** Which global flags apply: `api` (stage, base URL, dry run, debug), `local` (debug, colour) or `none`. */
  globals: "api" | "local" | "none";
  examples: readonly string[];
  /** Loads the command's module (kept lazy so start-up only pays for the command that runs). */
  load: () => Promise<CommandModule>;
}

/** A group of commands, e.g. `peak images`. */
export interface GroupSpec {
  name: string;
  summary: string;
  description: string;
}
