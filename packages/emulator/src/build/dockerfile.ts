import { Copy, DockerfileParser } from "dockerfile-ast";

/** One Dockerfile instruction, as a build log step. */
export interface DockerfileStep {
  keyword: string;
  /** The instruction on one line, as Docker prints it: `COPY requirements.txt .`. */
  text: string;
  /** Local sources of a COPY/ADD (not `--from=`, not URLs, not heredocs), relative to the context. */
  localSources: string[];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith("git@");
}

/** The sources of a COPY/ADD, from the shell or the JSON (`["a", "b", "dest/"]`) form, flags already removed. */
function sourcesOf(argsFirstLine: string): string[] {
  const text = argsFirstLine.trim();
  let words: string[] = [];
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      words = Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      words = text.split(/\s+/);
    }
  } else {
    // Only the first line: a heredoc's body (`COPY <<EOF /x`) is not a list of sources.
    words = text.split(/\s+/).filter((w) => w !== "");
  }
  // The last word is the destination. Sources naming build variables cannot be resolved here; they are left
  // to the real builder.
  return words.slice(0, -1).filter((w) => !w.startsWith("<<") && !isRemote(w) && !w.includes("$"));
}

/** Splits a Dockerfile into steps (Docker's "Step i/n"), using dockerfile-ast for continuations and flags. */
export function parseDockerfile(content: string): DockerfileStep[] {
  const dockerfile = DockerfileParser.parse(content);
  const sourceLines = content.split(/\r?\n/);
  const steps: DockerfileStep[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArgumentsContent() ?? "";
    const firstLine = args.split("\n")[0] ?? "";
    // The raw text keeps flags (`--chown=...`) as Docker prints them; continuations become spaces, and a
    // heredoc body is left out.
    const range = instruction.getRange();
    const source = sourceLines
      .slice(range.start.line, range.end.line + 1)
      .join("\n")
      .slice(range.start.character)
      .replace(/[\\`]\r?\n/g, " ");
    const raw = (source.split("\n")[0] ?? "").replace(/^\s*\S+/, "");
    const text = oneLine(`${instruction.getInstruction().toUpperCase()}${raw}`);
    let localSources: string[] = [];
    if (keyword === "COPY" || keyword === "ADD") {
      const hasFrom = instruction instanceof Copy && instruction.getFromFlag() !== null;
      const flagged = /(^|\s)--from=/.test(args);
      localSources = hasFrom || flagged ? [] : sourcesOf(firstLine);
    }
    steps.push({ keyword, text, localSources });
  }
  return steps;
}
