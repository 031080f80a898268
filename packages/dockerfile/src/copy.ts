import { processWord, splitWords } from "./words.js";

/** What a COPY/ADD source refers to. */
export type CopySourceKind =
  /** A path (or glob) in the build context. */
  | "local"
  /** A path in another stage or image (`--from`). */
  | "stage"
  /** A URL or git repository (ADD). */
  | "remote"
  /** A heredoc (`<<EOF`): its content is in the Dockerfile. */
  | "heredoc"
  /** Built from `$VARIABLES`: known only with the build arguments. */
  | "variable";

/** One source of a COPY/ADD. */
export interface CopySource {
  /** The source as BuildKit reads it: JSON-decoded in the exec form, quotes and escapes removed in the shell form. */
  value: string;
  kind: CopySourceKind;
}

/** A `--name=value` (or bare `--name`) flag of a COPY/ADD. */
export interface CopyFlag {
  name: string;
  /** null for a flag written without `=` (`--link`). */
  value: string | null;
}

/** A COPY or ADD instruction's arguments. */
export interface CopyInstruction {
  /** `exec` for the JSON array form (`COPY ["a b.txt", "/x/"]`), else `shell`. */
  form: "shell" | "exec";
  /** Flags in order (`--from`, `--chown`, `--chmod`, `--link`, `--exclude`, ...). */
  flags: CopyFlag[];
  /** The `--from` stage or image, if any. */
  from: string | undefined;
  sources: CopySource[];
  /** The last argument; undefined when there is none. */
  destination: string | undefined;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;
// Flags come first: `--name=value` or a bare `--name`.
const FLAG = /^--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/;

function kindOf(value: string, variable: boolean, from: string | undefined): CopySourceKind {
  if (value.startsWith("<<")) {
    return "heredoc";
  }
  if (variable) {
    return "variable";
  }
  if (from !== undefined) {
    return "stage";
  }
  return REMOTE.test(value) || value.startsWith("git@") ? "remote" : "local";
}

// The JSON array form, when the arguments are one (BuildKit falls back to the shell form otherwise).
function execForm(text: string): string[] | undefined {
  if (!text.startsWith("[")) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string") ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the arguments of a COPY/ADD (everything after the keyword, on one logical line). */
export function readCopy(args: string, escapeChar: string): CopyInstruction {
  const flags: CopyFlag[] = [];
  let rest = args.trim();
  for (;;) {
    const flag = FLAG.exec(rest);
    if (flag === null) {
      break;
    }
    flags.push({ name: flag[1]!, value: flag[2] ?? null });
    rest = rest.slice(flag[0].length);
  }
  const from = flags.find((f) => f.name === "from")?.value ?? undefined;
  const exec = execForm(rest);
  const words =
    exec !== undefined
      ? exec.map((value) => ({ value, variable: value.includes("$") }))
      : splitWords(rest).map((word) =>
          word.startsWith("<<") ? { value: word, variable: false } : processWord(word, escapeChar),
        );
  const sources = words.slice(0, -1).map(({ value, variable }) => ({ value, kind: kindOf(value, variable, from) }));
  return {
    form: exec === undefined ? "shell" : "exec",
    flags,
    from,
    sources,
    destination: words.at(-1)?.value,
  };
}
