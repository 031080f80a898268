import { parseArgs } from "node:util";
import { allOptions } from "./commands.js";
import { UsageError } from "./errors.js";
import type { CommandSpec, OptionSpec } from "./spec.js";

/** Parsed flag values by long name: strings, booleans, lists (repeatable flags) or numbers (int flags). */
export type FlagValues = Record<string, string | boolean | number | string[] | number[] | undefined>;

/** A command's parsed arguments. */
export interface ParsedArgs {
  flags: FlagValues;
  positionals: Record<string, string | number | undefined>;
}

const INT = /^[1-9][0-9]{0,15}$/;

/** A positive integer from text, or a usage error naming where it came from. */
export function positiveInt(text: string, what: string): number {
  const value = Number(text);
  if (!INT.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(`${what} must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

function flagName(option: OptionSpec): string {
  return `--${option.name}`;
}

function checkChoice(value: string, choices: readonly string[] | undefined, what: string, isOutput: boolean): void {
  if (choices && !choices.includes(value)) {
    const offered = choices.join(", ");
    throw new UsageError(
      isOutput
        ? `-o ${value} is not offered by this command: use one of ${offered}`
        : `${what} must be one of ${offered}, got ${JSON.stringify(value)}`,
    );
  }
}

function convert(option: OptionSpec, raw: string | boolean | (string | boolean)[] | undefined) {
  if (raw === undefined || option.type === "boolean") {
    return raw as boolean | undefined;
  }
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  const split = option.commaSplit
    ? values.flatMap((value) =>
        value
          .split(",")
          .map((part) => part.trim())
          .filter((part) => part !== ""),
      )
    : values;
  for (const value of split) {
    checkChoice(value, option.choices, flagName(option), option.name === "output");
  }
  if (option.int) {
    const numbers = split.map((value) => positiveInt(value, flagName(option)));
    return option.multiple ? numbers : numbers[0];
  }
  return option.multiple ? split : split[0];
}

/** Suggests the closest known flag for a mistyped one (edit distance up to 2). */
function closest(unknown: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const distance = editDistance(unknown, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) {
    return 3;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function translateParseError(error: unknown, options: readonly OptionSpec[]): UsageError {
  const { code, message } = error as { code?: string; message: string };
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    const bare = flag.replace(/^-+/, "").split("=")[0] ?? "";
    const suggestion = closest(
      bare,
      options.map((option) => option.name),
    );
    return new UsageError(`unknown flag ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ""}`, {
      showUsage: true,
    });
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // e.g. "Option '--name <value>' argument missing" or "Option '--wait' does not take an argument"
    return new UsageError(message.replace(/^Option /, "flag ").replace(/\.$/, ""), { showUsage: true });
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new UsageError(message.replace(/\.$/, ""), { showUsage: true });
  }
  return new UsageError(message, { showUsage: true });
}

/** Parses a command's arguments (after its name) strictly: unknown flags, bad numbers and choices are usage errors. */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = allOptions(spec);
  const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const option of options) {
    config[option.name] = {
      type: option.type,
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    throw translateParseError(error, options);
  }
  const flags: FlagValues = {};
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  if (values.help) {
    return { flags: { help: true }, positionals: {} };
  }
  // --generate prints samples and needs nothing else.
  const lenient = values.generate === true;
  for (const option of options) {
    const value = convert(option, values[option.name]);
    if (value === undefined && option.required && !lenient) {
      throw new UsageError(`missing required flag ${flagName(option)} ${option.metavar ?? ""}`.trim(), {
        showUsage: true,
      });
    }
    flags[option.name] = value;
  }
  const positionals: Record<string, string | number | undefined> = {};
  const given = parsed.positionals;
  if (given.length > spec.positionals.length) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(given[spec.positionals.length])}${
        spec.positionals.length === 0 ? ": this command takes no arguments" : ""
      }`,
      { showUsage: true },
    );
  }
  spec.positionals.forEach((positional, index) => {
    const text = given[index];
    if (text === undefined) {
      if (positional.required && !lenient) {
        throw new UsageError(`missing argument ${positional.name}`, { showUsage: true });
      }
      return;
    }
    checkChoice(text, positional.choices, positional.name, false);
    positionals[positional.name] = positional.int ? positiveInt(text, positional.name) : text;
  });
  return { flags, positionals };
}
