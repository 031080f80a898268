import { allOptions, COMMANDS, GROUPS } from "../commands.js";
import type { RunContext } from "../context.js";
import type { CommandSpec, OptionSpec } from "../spec.js";

// Completion scripts generated from the command table, so every command and flag is in them.

const TOP = [...GROUPS.map((group) => group.name), "completion"];
const TOP_FLAGS = ["--version", "--help"];

function flagWords(spec: CommandSpec): string[] {
  return allOptions(spec).flatMap((option) => [`--${option.name}`, ...(option.short ? [`-${option.short}`] : [])]);
}

function key(spec: CommandSpec): string {
  return spec.path.length === 1 ? `${spec.path[0]} ` : spec.path.join(" ");
}

function withChoices(spec: CommandSpec): OptionSpec[] {
  return allOptions(spec).filter((option) => option.choices);
}

function takesFile(option: OptionSpec): boolean {
  return /FILE|PATH|OUT/.test(option.metavar ?? "");
}

function bash(): string {
  const groupCases = GROUPS.map(
    (group) =>
      `    ${group.name}) if [[ -z $cmd ]]; then COMPREPLY=($(compgen -W "${COMMANDS.filter(
        (spec) => spec.path[0] === group.name,
      )
        .map((spec) => spec.path[1])
        .join(" ")}" -- "$cur")); return; fi ;;`,
  ).join("\n");
  const choiceCases = COMMANDS.flatMap((spec) =>
    withChoices(spec).map(
      (option) =>
        `    "${key(spec)}|--${option.name}"${option.short ? ` | "${key(spec)}|-${option.short}"` : ""}) COMPREPLY=($(compgen -W "${option.choices!.join(" ")}" -- "$cur")); return ;;`,
    ),
  ).join("\n");
  const flagCases = COMMANDS.map((spec) => `    "${key(spec)}") opts="${flagWords(spec).join(" ")}" ;;`).join("\n");
  return `# bash completion for peak (source it, or save it as /etc/bash_completion.d/peak)
_peak() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local group="" cmd="" opts="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) if [[ -z $group ]]; then group="\${COMP_WORDS[i]}"; elif [[ -z $cmd ]]; then cmd="\${COMP_WORDS[i]}"; fi ;;
    esac
  done
  case "$group" in
    "") COMPREPLY=($(compgen -W "${[...TOP, ...TOP_FLAGS].join(" ")}" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
${groupCases}
  esac
  case "$group $cmd|$prev" in
${choiceCases}
  esac
  case "$group $cmd" in
${flagCases}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _peak peak
`;
}

function zshEscape(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/:/g, "\\:").replace(/'/g, "'\\''");
}

function zsh(): string {
  const groupCases = GROUPS.map((group) => {
    const entries = COMMANDS.filter((spec) => spec.path[0] === group.name)
      .map((spec) => `'${zshEscape(spec.path[1]!)}:${zshEscape(spec.summary)}'`)
      .join(" ");
    return `    ${group.name}) if [[ -z $cmd ]]; then local -a cmds; cmds=(${entries}); _describe command cmds; return; fi ;;`;
  }).join("\n");
  const choiceCases = COMMANDS.flatMap((spec) =>
    withChoices(spec).map(
      (option) =>
        `    "${key(spec)}|--${option.name}"${option.short ? `|"${key(spec)}|-${option.short}"` : ""}) compadd -- ${option.choices!.join(" ")}; return ;;`,
    ),
  ).join("\n");
  const flagCases = COMMANDS.map((spec) => {
    const entries = allOptions(spec)
      .map((option) => `'--${option.name}:${zshEscape(option.help)}'`)
      .join(" ");
    return `    "${key(spec)}") opts=(${entries}) ;;`;
  }).join("\n");
  const top = GROUPS.map((group) => `'${group.name}:${zshEscape(group.summary)}'`).join(" ");
  return `#compdef peak
# zsh completion for peak (save it as _peak in a folder of $fpath)
_peak() {
  local group="" cmd="" prev="\${words[CURRENT-1]}" i
  local -a opts
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      -*) ;;
      *) if [[ -z $group ]]; then group="\${words[i]}"; elif [[ -z $cmd ]]; then cmd="\${words[i]}"; fi ;;
    esac
  done
  case "$group" in
    "") local -a top; top=(${top} 'completion:Print a shell completion script'); _describe command top; compadd -- ${TOP_FLAGS.join(" ")}; return ;;
    completion) compadd -- bash zsh fish; return ;;
${groupCases}
  esac
  case "$group $cmd|$prev" in
${choiceCases}
  esac
  case "$group $cmd" in
${flagCases}
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then
    _describe flag opts
  else
    _files
  fi
}
if [[ "$funcstack[1]" = "_peak" ]]; then _peak "$@"; else compdef _peak peak; fi
`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function fish(): string {
  const lines = [
    "# fish completion for peak (save it as ~/.config/fish/completions/peak.fish)",
    "complete -c peak -f",
    `complete -c peak -n __fish_use_subcommand -l version -d ${fishQuote("Print the version")}`,
    `complete -c peak -n __fish_use_subcommand -s h -l help -d ${fishQuote("Show help")}`,
  ];
  for (const group of GROUPS) {
    lines.push(`complete -c peak -n __fish_use_subcommand -a ${group.name} -d ${fishQuote(group.summary)}`);
    const names = COMMANDS.filter((spec) => spec.path[0] === group.name).map((spec) => spec.path[1]!);
    for (const spec of COMMANDS.filter((candidate) => candidate.path[0] === group.name)) {
      lines.push(
        `complete -c peak -n "__fish_seen_subcommand_from ${group.name}; and not __fish_seen_subcommand_from ${names.join(" ")}" -a ${spec.path[1]} -d ${fishQuote(spec.summary)}`,
      );
    }
  }
  lines.push(
    `complete -c peak -n __fish_use_subcommand -a completion -d ${fishQuote("Print a shell completion script")}`,
  );
  lines.push(`complete -c peak -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"`);
  for (const spec of COMMANDS.filter((candidate) => candidate.path.length === 2)) {
    const condition = `"__fish_seen_subcommand_from ${spec.path[0]}; and __fish_seen_subcommand_from ${spec.path[1]}"`;
    for (const option of allOptions(spec)) {
      const value =
        option.type === "string"
          ? option.choices
            ? ` -x -a ${fishQuote(option.choices.join(" "))}`
            : takesFile(option)
              ? " -r -F"
              : " -x"
          : "";
      lines.push(
        `complete -c peak -n ${condition}${option.short ? ` -s ${option.short}` : ""} -l ${option.name}${value} -d ${fishQuote(option.help)}`,
      );
    }
    if (spec.positionals.some((positional) => positional.name === "FILE" || positional.name === "PATH")) {
      lines.push(`complete -c peak -n ${condition} -F`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** `peak completion bash|zsh|fish`. */
export async function run(ctx: RunContext): Promise<number> {
  const shell = ctx.positionals.SHELL as "bash" | "zsh" | "fish";
  ctx.io.stdout.write(shell === "bash" ? bash() : shell === "zsh" ? zsh() : fish());
  return 0;
}
