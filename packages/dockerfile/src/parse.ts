import { DockerfileParser } from "dockerfile-ast";
import { type CopyInstruction, readCopy } from "./copy.js";

/** One Dockerfile instruction, as a build runs it. */
export interface DockerfileStep {
  /** The instruction keyword, upper case: `COPY`. */
  keyword: string;
  /**
   * The instruction on one line as a build log prints it (`Step i/n : COPY --chown=1:1 a b /app/`): the keyword
   * upper case, flags kept, continuation lines joined (comment lines inside them dropped), heredoc bodies left out,
   * runs of whitespace as one space.
   */
  text: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /**
   * For COPY and ADD, the sources to find in the build context, as written (quotes removed): not `--from` copies,
   * URLs, git sources, heredocs, or sources built from `$VARIABLES`. Empty for every other instruction.
   */
  localSources: string[];
  /** The parsed COPY or ADD; undefined for other instructions. */
  copy: CopyInstruction | undefined;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/**
 * The logical first line of an instruction starting at `line`, `column`: lines ending in the escape character
 * continue it (comment and blank lines inside a continuation are skipped, as Docker does); the lines after it
 * (a heredoc body) are not part of it.
 */
function logicalLine(lines: readonly string[], line: number, column: number, escapeChar: string): string {
  const continued = new RegExp(`${escapeRegex(escapeChar)}[ \\t]*$`);
  const parts: string[] = [];
  for (let k = line; k < lines.length; k++) {
    const text = k === line ? lines[k]!.slice(column) : lines[k]!;
    if (k > line && (/^\s*#/.test(text) || text.trim() === "")) {
      continue;
    }
    const end = continued.exec(text);
    if (end === null) {
      parts.push(text);
      break;
    }
    parts.push(text.slice(0, end.index));
  }
  return parts.join(" ");
}

/**
 * Reads a Dockerfile (dockerfile-ast finds the instructions, parser directives and heredocs) into its steps, with
 * the COPY/ADD sources a build would look for in its context. Never throws: malformed instructions come back as
 * steps with what could be read of them.
 */
export function parseDockerfile(content: string): DockerfileStep[] {
  const dockerfile = DockerfileParser.parse(content);
  const escapeChar = dockerfile.getEscapeCharacter();
  const lines = content.split(/\r\n|\r|\n/);
  return dockerfile.getInstructions().map((instruction) => {
    const keyword = instruction.getKeyword();
    const start = instruction.getRange().start;
    const logical = logicalLine(lines, start.line, start.character, escapeChar);
    // Everything after the keyword as written.
    const args = logical.replace(/^\s*\S+/, "");
    const copy = keyword === "COPY" || keyword === "ADD" ? readCopy(args, escapeChar) : undefined;
    return {
      keyword,
      text: oneLine(`${keyword}${args}`),
      line: start.line + 1,
      localSources: copy === undefined ? [] : copy.sources.filter((s) => s.kind === "local").map((s) => s.value),
      copy,
    };
  });
}
