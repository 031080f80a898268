/**
 * pathspec 0.11 `GitWildMatchPattern` (the Python SDK's matcher), translated line by line into an automaton
 * instead of a regex: the same normalisation of segments, the same pieces in the same order, and bracket classes
 * read the way Python's `re` reads the text pathspec builds. The differential test against pathspec keeps the two
 * in step.
 */
import type { Automaton, Node } from "./automaton.js";
import { compileAutomaton, nodes } from "./glushkov.js";
import { pyStrip } from "./python-text.js";

/** Raised for lines pathspec rejects; the caller adds file and line. */
export class PatternSyntaxError extends Error {}

/** What a pattern promises about the paths it matches, for the rule index and quick filters. */
export interface PatternKeys {
  /** Segments written without wildcards: a matching path has each of them as one of its segments. */
  literalSegments: string[];
  /** Last-dot suffixes (`.py` of `*.py`): a matching path has a segment whose own last-dot suffix is each of them. */
  extensions: string[];
  /** The first segment when the pattern starts with one written without wildcards: every match starts with it. */
  anchor: string | undefined;
  /** The longest run of literal characters in the pattern: every matching path contains it. */
  required: string;
  /** `*` or `**`: matches every relative path that has no newline (pathspec's `.` does not match one). */
  universal: boolean;
}

/**
 * One compiled pathspec line. Its automaton is built on first use: the rule index keeps most of a large ignore
 * file from ever running, so most rules never need one.
 */
export class CompiledPattern {
  private built: Automaton | undefined;

  constructor(
    /** pathspec's sense: true = a matching file is included. */
    readonly include: boolean,
    /** pathspec's `**\/` override: matches every path with a slash. */
    readonly anyNested: boolean,
    readonly keys: PatternKeys,
    private readonly node: () => Node,
  ) {}

  /** Matches a whole relative path, as pathspec's `regex.match` with its trailing `$`. */
  get automaton(): Automaton {
    this.built ??= compileAutomaton(this.node());
    return this.built;
  }
}

const { char, literal, notSlash, notNewline, seq, optional, star, plus } = nodes;
// Python `.` is "anything but \n"; pathspec's pieces use it for any number of folders.
const tail = () => optional(seq(char("/"), star(notNewline)));

interface SegmentGlob {
  /** The nodes, when asked for; translating only to check the pattern and read its keys builds none. */
  items: Node[];
  /** The segment's text when it has no wildcard or class; else null. */
  literal: string | null;
  /** The literal characters after the last wildcard or class. */
  suffix: string;
  /** Runs of literal characters between wildcards. */
  runs: string[];
}

/**
 * A bracket expression, read as Python's `re` reads the `[` + body + `]` pathspec writes: `]` first is a literal,
 * `a-z` is a range (an inverted one is an error, as in Python), `!` negates, and a leading `^` is a literal `^`
 * (pathspec escapes it). pathspec ends the body at its first `]` past a leading `]`, which is where Python's
 * reading ends too.
 */
function bracket(body: string[]): Node {
  let k = 0;
  let negated = false;
  const ranges: number[] = [];
  let pending: number | undefined;
  if (body[0] === "!") {
    negated = true;
    k = 1;
  } else if (body[0] === "^") {
    pending = 0x5e;
    k = 1;
  }
  const text = [...body.slice(k), "]"];
  let pos = 0;
  for (;;) {
    let code: number;
    if (pending !== undefined) {
      code = pending;
      pending = undefined;
    } else {
      const ch = text[pos++]!;
      if (ch === "]" && ranges.length > 0) {
        break;
      }
      code = ch.codePointAt(0)!;
    }
    if (text[pos] === "-" && pos + 1 < text.length) {
      const that = text[pos + 1]!;
      pos += 2;
      if (that === "]") {
        ranges.push(code, code, 0x2d, 0x2d);
        break;
      }
      const hi = that.codePointAt(0)!;
      if (hi < code) {
        throw new PatternSyntaxError(`bad character range ${String.fromCodePoint(code)}-${that}`);
      }
      ranges.push(code, hi);
    } else {
      ranges.push(code, code);
    }
  }
  return { kind: "test", test: { kind: "class", negated, ranges } };
}

// pathspec's _translate_segment_glob. Strings are joined from arrays: built by `+=` one character at a time, they
// are ropes that every Map lookup flattens again.
const GLOB_SYNTAX = /[\\*?[]/;

function translateSegmentGlob(segment: string, withNodes: boolean): SegmentGlob {
  if (!GLOB_SYNTAX.test(segment)) {
    // Most segments of a large ignore file are plain names.
    const items = withNodes ? [literal(segment)] : [];
    return { items, literal: segment, suffix: segment, runs: [segment] };
  }
  const chars = Array.from(segment);
  const items: Node[] = [];
  const runs: string[] = [];
  let run: string[] = [];
  let wild = false;
  const literalChar = (ch: string) => {
    run.push(ch);
  };
  const wildcard = (node: Node) => {
    const text = run.join("");
    if (withNodes) {
      items.push(literal(text), node);
    }
    wild = true;
    runs.push(text);
    run = [];
  };
  let escaping = false;
  let i = 0;
  const end = chars.length;
  while (i < end) {
    const ch = chars[i]!;
    i++;
    if (escaping) {
      escaping = false;
      literalChar(ch);
    } else if (ch === "\\") {
      escaping = true;
    } else if (ch === "*") {
      wildcard(star(notSlash));
    } else if (ch === "?") {
      wildcard(notSlash);
    } else if (ch === "[") {
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
        const node = bracket(chars.slice(i, j));
        wildcard(node);
        i = j + 1;
      } else {
        literalChar("[");
      }
    } else {
      literalChar(ch);
    }
  }
  if (escaping) {
    throw new PatternSyntaxError(`escape character with nothing to escape: ${JSON.stringify(segment)}`);
  }
  const suffix = run.join("");
  runs.push(suffix);
  if (withNodes) {
    items.push(literal(suffix));
  }
  return { items, literal: wild ? null : suffix, suffix, runs };
}

/** pathspec 0.11 `GitWildMatchPattern.pattern_to_regex`, piece for piece; null for comments and blank lines. */
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
  const override = segs.length === 2 && segs[0] === "**" && segs[1] === "";
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
  if (override) {
    const keys: PatternKeys = {
      literalSegments: [],
      extensions: [],
      anchor: undefined,
      required: "",
      universal: false,
    };
    return new CompiledPattern(include, true, keys, () => seq(plus(notNewline), char("/"), star(notNewline)));
  }
  // Translated once to check it (pathspec rejects a bad line up front) and read its keys, again when first run.
  const { keys } = translatePattern(segs, false);
  keys.universal = segs[0] === "**" && (segs.length === 1 || (segs.length === 2 && segs[1] === "*"));
  return new CompiledPattern(include, false, keys, () => translatePattern(segs, true).node);
}

// The pieces of pathspec's regex for normalised segments, in order; nodes only `withNodes`.
function translatePattern(segs: readonly string[], withNodes: boolean): { node: Node; keys: PatternKeys } {
  const out: Node[] = [];
  const keys: PatternKeys = { literalSegments: [], extensions: [], anchor: undefined, required: "", universal: false };
  let needSlash = false;
  const last = segs.length - 1;
  segs.forEach((seg, i) => {
    if (seg === "**") {
      if (i === 0 && i === last) {
        out.push(plus(notSlash), tail());
      } else if (i === 0) {
        out.push(optional(seq(plus(notNewline), char("/"))));
        needSlash = false;
      } else if (i === last) {
        out.push(char("/"), star(notNewline));
      } else {
        out.push(optional(seq(char("/"), plus(notNewline))));
        needSlash = true;
      }
      return;
    }
    if (needSlash) {
      out.push(char("/"));
    }
    if (seg === "*") {
      out.push(plus(notSlash));
    } else {
      const glob = translateSegmentGlob(seg, withNodes);
      out.push(...glob.items);
      for (const run of glob.runs) {
        if (run.length > keys.required.length) {
          keys.required = run;
        }
      }
      if (glob.literal !== null) {
        keys.literalSegments.push(glob.literal);
        if (i === 0) {
          keys.anchor = glob.literal;
        }
      } else if (glob.suffix.includes(".")) {
        keys.extensions.push(glob.suffix.slice(glob.suffix.lastIndexOf(".")));
      }
    }
    if (i === last) {
      out.push(tail());
    }
    needSlash = true;
  });
  return { node: seq(...out), keys };
}
