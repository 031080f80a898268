import type { FlagValues } from "./args.js";
import type { DryRunState } from "./dry-run-state.js";
import type { CommandSpec } from "./spec.js";

/** Where a command writes, and what it knows about the terminal. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** Everything a command gets: its parsed arguments, the streams, the output format and the Ctrl-C signal. */
export interface RunContext {
  spec: CommandSpec;
  flags: FlagValues;
  positionals: Record<string, string | number | undefined>;
  io: Io;
  /** The `-o` format (the command's default when not given). */
  output: "json" | "yaml" | "table";
  /** Whether `-o` was given. */
  outputGiven: boolean;
  /** Colour escapes allowed on stdout (a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Fires on Ctrl-C. */
  signal: AbortSignal;
  /** Set by --dry-run: the request captured instead of sent. */
  dryRun: DryRunState | undefined;
}

/** A string flag's value, or undefined. */
export function str(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

/** A numeric flag's value, or undefined. */
export function num(flags: FlagValues, name: string): number | undefined {
  const value = flags[name];
  return typeof value === "number" ? value : undefined;
}

/** A repeatable flag's values, or undefined when not given. */
export function list<T extends string | number>(flags: FlagValues, name: string): T[] | undefined {
  const value = flags[name];
  return Array.isArray(value) && value.length > 0 ? (value as T[]) : undefined;
}
