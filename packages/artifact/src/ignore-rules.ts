/**
 * A port of pathspec 0.11 `GitWildMatchPattern` (the Python SDK's matcher) plus the SDK's list construction:
 * the list starts with `*`, every ignore line is inverted (`x` -> `!x`, `!x` -> `x`), last match wins.
 * Porting the regex translation line by line, rather than wrapping the `ignore` package, is what makes the
 * differential test against pathspec pass: `ignore` follows git, which differs on `[!x]` matching `/`,
 * `\ ` escapes, `[^...]` and re-inclusion under excluded folders.
 */

/** Where an ignore rule came from, for preflight explanations. */
export interface RuleSource {
  /** Ignore file name as given (relative to the root), or `null` for the implicit leading `*`. */
  readonly file: string | null;
  /** 1-based line number in that file (0 for the implicit `*`). */
  readonly line: number;
  /** The line as written in the ignore file, trimmed. */
  readonly text: string;
}

/** One compiled pattern: `include` is pathspec's sense (true = the file is uploaded). */
export interface Rule {
  readonly include: boolean;
  readonly regex: RegExp;
  readonly source: RuleSource;
  /** Segment matcher used only to prove that nothing under a folder can match; null = cannot prove. */
  readonly segments: readonly SegmentMatcher[] | null;
  /** pathspec's `**\/` override (matches every path with a slash). */
  readonly anyNested: boolean;
}

type SegmentMatcher = "**" | RegExp;

/** Raised by {@link compilePattern} for lines pathspec rejects; the caller adds file and line. */
export class PatternSyntaxError extends Error {}

// Python's str.isspace() set, so trimming agrees with the SDK's `line.strip()` (JS trim() differs: BOM, \x1c-\x1f, \x85).
const PY_SPACE = new Set(
  [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
    0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ].map((c) => String.fromCharCode(c)),
);

/** Python's `str.strip()` with no arguments. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE.has(s[start]!)) {
    start++;
  }
  while (end > start && PY_SPACE.has(s[end - 1]!)) {
    end--;
  }
  return s.slice(start, end);
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function escapeLiteral(ch: string): string {
  return ch.replace(REGEX_SYNTAX, "\\$&");
}

interface SegmentGlob {
  source: string;
  /** True when a bracket expression could match `/`, so the pattern cannot be reasoned about per segment. */
  crossesSlash: boolean;
}

// pathspec's _translate_segment_glob, emitting JS (u-flag) regex syntax.
function translateSegmentGlob(pattern: string): SegmentGlob {
  const chars = Array.from(pattern);
  let escaping = false;
  let regex = "";
  let crossesSlash = false;
  let i = 0;
  const end = chars.length;
  while (i < end) {
    const char = chars[i]!;
    i++;
    if (escaping) {
      escaping = false;
      regex += escapeLiteral(char);
    } else if (char === "\\") {
      escaping = true;
    } else if (char === "*") {
      regex += "[^/]*";
    } else if (char === "?") {
      regex += "[^/]";
    } else if (char === "[") {
      let j = i;
      if (j < end && chars[j] === "!") {
        j++;
      }
      if (j < end && chars[j] === "]") {
        j++;
      }
      while (j < end && chars[j] !== "]") {
        j++;
      }
      if (j < end) {
        j++;
        let expr = "[";
        let negated = false;
        if (chars[i] === "!") {
          expr += "^";
          negated = true;
          i++;
        } else if (chars[i] === "^") {
          expr += "\\^";
          i++;
        }
        const body = chars.slice(i, j - 1);
        // Python reads a `]` right after `[` or `[^` as a literal; JS would close the class there.
        let content = "";
        body.forEach((c, k) => {
          if (c === "\\") {
            content += "\\\\";
          } else if (c === "]" && k === 0) {
            content += "\\]";
          } else if (c === "[" || c === "/") {
            content += `\\${c}`;
          } else {
            content += c;
          }
        });
        if (negated || body.includes("-")) {
          crossesSlash = true;
        }
        regex += `${expr}${content}]`;
        i = j;
      } else {
        regex += "\\[";
      }
    } else {
      regex += escapeLiteral(char);
    }
  }
  if (escaping) {
    throw new PatternSyntaxError(`escape character with nothing to escape: ${JSON.stringify(pattern)}`);
  }
  return { source: regex, crossesSlash };
}

/** Result of compiling one pathspec line: null for comments and blank lines. */
export interface CompiledPattern {
  include: boolean;
  source: string;
  segments: SegmentMatcher[] | null;
  anyNested: boolean;
}

// `.` in Python does not match "\n" only; JS `.` also skips \r and \u2028/9, so spell it out.
const ANY = "[^\\n]";
// Python's `$` also matches before one trailing newline.
const END = "(?=\\n?$)";

/** pathspec 0.11 `GitWildMatchPattern.pattern_to_regex`, line for line. */
export function compilePattern(raw: string): CompiledPattern | null {
  let pattern = pyStrip(raw);
  if (pattern.startsWith("#") || pattern === "/" || pattern === "") {
    return null;
  }
  let include = true;
  if (pattern.startsWith("!")) {
    include = false;
    pattern = pattern.slice(1);
  }
  const segs = pattern.split("/");
  for (let i = segs.length - 1; i > 0; i--) {
    if (segs[i - 1] === "**" && segs[i] === "**") {
      segs.splice(i, 1);
    }
  }
  let override: string | null = null;
  if (segs.length === 2 && segs[0] === "**" && segs[1] === "") {
    override = `^${ANY}+/${ANY}*`;
  }
  if (segs[0] === "") {
    segs.shift();
  } else if (segs.length === 1 || (segs.length === 2 && segs[1] === "")) {
    if (segs[0] !== "**") {
      segs.unshift("**");
    }
  }
  if (segs.length === 0) {
    throw new PatternSyntaxError("pattern is empty after normalisation");
  }
  if (segs[segs.length - 1] === "" && segs.length > 1) {
    segs[segs.length - 1] = "**";
  }
  if (override !== null) {
    return { include, source: override + END, segments: null, anyNested: true };
  }
  let out = "^";
  let needSlash = false;
  let crossesSlash = false;
  const segments: SegmentMatcher[] = [];
  const last = segs.length - 1;
  const tail = `(?:/${ANY}*)?`;
  segs.forEach((seg, i) => {
    if (seg === "**") {
      segments.push("**");
      if (i === 0 && i === last) {
        out += `[^/]+${tail}`;
      } else if (i === 0) {
        out += `(?:${ANY}+/)?`;
        needSlash = false;
      } else if (i === last) {
        out += `/${ANY}*`;
      } else {
        out += `(?:/${ANY}+)?`;
        needSlash = true;
      }
    } else if (seg === "*") {
      segments.push(/^[^/]+$/u);
      out += `${needSlash ? "/" : ""}[^/]+${i === last ? tail : ""}`;
      needSlash = true;
    } else {
      const glob = translateSegmentGlob(seg);
      crossesSlash ||= glob.crossesSlash;
      segments.push(new RegExp(`^${glob.source}$`, "u"));
      out += `${needSlash ? "/" : ""}${glob.source}${i === last ? tail : ""}`;
      needSlash = true;
    }
  });
  return { include, source: out + END, segments: crossesSlash ? null : segments, anyNested: false };
}

/** Splits an ignore file's text the way Python's universal-newline reading does. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") {
    lines.pop();
  }
  return lines;
}

/** The ordered rule list for a set of ignore files, built exactly like the Python SDK builds its PathSpec. */
export class RuleSet {
  readonly rules: readonly Rule[];

  constructor(rules: readonly Rule[]) {
    this.rules = rules;
  }

  /** Builds the SDK's list: `*`, then every line of every ignore file inverted. Throws PatternSyntaxError. */
  static fromIgnoreFiles(files: ReadonlyArray<{ name: string; text: string }>): RuleSet {
    const rules: Rule[] = [];
    const star = compilePattern("*")!;
    rules.push(toRule(star, { file: null, line: 0, text: "*" }));
    for (const { name, text } of files) {
      splitLines(text).forEach((rawLine, index) => {
        const line = pyStrip(rawLine);
        let sdkLine: string;
        if (line === "" || line.startsWith("#")) {
          sdkLine = line;
        } else if (line.startsWith("!")) {
          sdkLine = line.slice(1);
        } else {
          sdkLine = `!${line}`;
        }
        let compiled: CompiledPattern | null;
        try {
          compiled = compilePattern(sdkLine);
        } catch (error) {
          throw new PatternLineError(name, index + 1, line, error);
        }
        if (compiled !== null) {
          rules.push(toRule(compiled, { file: name, line: index + 1, text: line }, name, index + 1, line));
        }
      });
    }
    return new RuleSet(rules);
  }

  /** The last rule matching `path` (relative, `/`-separated), or undefined. */
  lastMatch(path: string): Rule | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.regex.test(path)) {
        return rule;
      }
    }
    return undefined;
  }

  /** Whether the SDK would upload the file at `path`. */
  includes(path: string): boolean {
    return this.lastMatch(path)?.include ?? false;
  }

  /**
   * True only when it is proven that no file under folder `dir` can be included, so the walk may skip it:
   * scanning from the last rule back, an exclude rule that matches every path under `dir` decides, unless a
   * later include rule could match something under it first.
   */
  excludesEverythingUnder(dir: string): boolean {
    const dirSegments = dir.split("/");
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.include) {
        if (mayMatchUnder(rule, dirSegments)) {
          return false;
        }
      } else if (coversEverythingUnder(rule, dir)) {
        return true;
      }
    }
    return true;
  }
}

/** Carries the file and line of a pattern pathspec would refuse. */
export class PatternLineError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly text: string,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

function toRule(compiled: CompiledPattern, source: RuleSource, file?: string, line?: number, text?: string): Rule {
  let regex: RegExp;
  try {
    regex = new RegExp(compiled.source, "u");
  } catch (error) {
    if (file !== undefined && line !== undefined && text !== undefined) {
      throw new PatternLineError(file, line, text, error);
    }
    throw error;
  }
  return { include: compiled.include, regex, source, segments: compiled.segments, anyNested: compiled.anyNested };
}

// Every pathspec regex is BODY followed by `(?:/.*)?` or `/.*` (or is the `**/` override), so matching the folder
// path itself means BODY matched the folder or one of its ancestors, and then every path below matches too.
function coversEverythingUnder(rule: Rule, dir: string): boolean {
  return rule.anyNested || rule.regex.test(dir);
}

// Runs the pattern's segments as an NFA over the folder's segments; a live state afterwards means some deeper
// path may match. Over-approximates on purpose (globs are assumed satisfiable, a final `**` may match zero).
function mayMatchUnder(rule: Rule, dirSegments: readonly string[]): boolean {
  const segs = rule.segments;
  if (segs === null) {
    return true;
  }
  const n = segs.length;
  const close = (states: Set<number>): Set<number> => {
    for (const s of [...states]) {
      let k = s;
      while (k < n && segs[k] === "**") {
        k++;
        states.add(k);
      }
    }
    return states;
  };
  let states = close(new Set([0]));
  for (const name of dirSegments) {
    const next = new Set<number>();
    for (const s of states) {
      if (s === n) {
        next.add(n);
        continue;
      }
      const seg = segs[s]!;
      if (seg === "**") {
        next.add(s);
      } else if (seg.test(name)) {
        next.add(s + 1);
      }
    }
    states = close(next);
    if (states.size === 0) {
      return false;
    }
  }
  return true;
}
