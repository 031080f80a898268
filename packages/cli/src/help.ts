import { allOptions, COMMANDS, GROUPS } from "./commands.js";
import type { CommandSpec, OptionSpec } from "./spec.js";
import { VERSION } from "./version.js";

const ENVIRONMENT = [
  ["PEAK_API_KEY", "API key sent as Authorization (API_KEY, the Python CLI's variable, is read when it is unset)"],
  ["STAGE", "Peak stage when --stage is not given (default prod)"],
  ["PEAK_BASE_URL", "service root when --base-url is not given (e.g. the local emulator)"],
  ["NO_COLOR", "no colours (as --no-color); FORCE_COLOR=1 forces them"],
];

const EXIT_CODES =
  "0 ok, 1 failure (API error, failed build, preflight), 2 usage error, 4 missing or rejected credentials, 130 interrupted";

function columns(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)));
  return rows
    .map(([left, right]) =>
      left.length > width
        ? `${" ".repeat(indent)}${left}\n${" ".repeat(indent + width + 2)}${right}`
        : `${" ".repeat(indent)}${left.padEnd(width)}  ${right}`,
    )
    .join("\n");
}

function flagLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.type === "string" ? ` ${option.metavar ?? "VALUE"}` : ""}`;
  return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}

/** `peak --help`. */
export function rootHelp(): string {
  return [
    `peak ${VERSION}: Peak's Image Management API from the command line (same commands and YAML files as the Python peak CLI).`,
    "",
    "Usage: peak <group> <command> [arguments] [flags]",
    "",
    "Groups:",
    columns([
      ...GROUPS.map((group) => [group.name, group.summary] as const),
      ["completion", "Print a shell completion script (bash, zsh or fish)."],
    ]),
    "",
    "Flags:",
    columns([
      ["--version", "Print the version."],
      ["-h, --help", "Show help (also after any command)."],
    ]),
    "",
    "Environment:",
    columns(ENVIRONMENT.map(([name, text]) => [name!, text!] as const)),
    "",
    `Exit codes: ${EXIT_CODES}.`,
    "",
    "Run 'peak <group> --help' for the commands of a group, 'peak <group> <command> --help' for one command.",
    "",
  ].join("\n");
}

/** `peak images --help`. */
export function groupHelp(name: string): string {
  const group = GROUPS.find((candidate) => candidate.name === name)!;
  const commands = COMMANDS.filter((spec) => spec.path[0] === name);
  return [
    `${group.summary} ${group.description}`,
    "",
    `Usage: peak ${name} <command> [arguments] [flags]`,
    "",
    "Commands:",
    columns(commands.map((spec) => [spec.path[1]!, spec.summary] as const)),
    "",
    `Run 'peak ${name} <command> --help' for the arguments, flags and examples of a command.`,
    "",
  ].join("\n");
}

/** The usage line of a command. */
export function usageLine(spec: CommandSpec): string {
  const args = spec.positionals.map((positional) => (positional.required ? positional.name : `[${positional.name}]`));
  return `peak ${[...spec.path, ...args].join(" ")} [flags]`;
}

/** `peak <group> <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const all = allOptions(spec);
  const own = all.filter((option) => spec.options.includes(option) || option.name === "output");
  const globals = all.filter((option) => !own.includes(option));
  const sections = [spec.summary];
  if (spec.description) {
    sections.push("", spec.description);
  }
  sections.push("", `Usage: ${usageLine(spec)}`);
  if (spec.positionals.length > 0) {
    sections.push(
      "",
      "Arguments:",
      columns(spec.positionals.map((positional) => [positional.name, positional.help] as const)),
    );
  }
  const describe = (option: OptionSpec) =>
    [
      flagLabel(option),
      `${option.help}${option.required ? " (required)" : ""}${option.multiple && !/repeatable/.test(option.help) ? " (repeatable)" : ""}`,
    ] as const;
  if (own.length > 0) {
    sections.push("", "Flags:", columns(own.map(describe)));
  }
  sections.push("", "Global flags:", columns(globals.map(describe)));
  if (spec.globals === "api") {
    sections.push(
      "",
      "Credentials come from PEAK_API_KEY (or API_KEY) only: there is no flag, keys stay out of shell history.",
    );
  }
  sections.push("", "Examples:", ...spec.examples.map((example) => `  $ ${example}`), "");
  return sections.join("\n");
}
