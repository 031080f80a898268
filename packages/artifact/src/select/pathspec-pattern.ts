/**
 * pathspec 0.11 `GitWildMatchPattern` (the Python SDK's matcher), translated line by line into an automaton
 * instead of a regex: the same normalisation of segments, the same pieces in the same order, and bracket classes
 * read the way Python's `re` reads the text pathspec builds. The differential test against pathspec keeps the two
 * in step.
 */
import { type Automaton, compileAutomaton, type Node, nodes } from "./automaton.js";
import { pyStrip } from "./python-text.js";

/** Raised for lines pathspec rejects; the caller adds file and line. */
export class PatternSyntaxError extends Error {}

/** One compiled pathspec line. */
export interface CompiledPattern {
  /** pathspec's sense: true = a matching file is included. */
  include: boolean;
  /** Matches a whole relative path, as pathspec's `regex.match` with its trailing `$`. */
  automaton: Automaton;
  /** pathspec's `**\/` override: matches every path with a slash. */
  anyNested: boolean;
  /** Segments written without wildcards: a matching path has each of them as one of its segments. */
  literalSegments: string[];
  /** Last-dot suffixes (`.py` of `*.py`): a matching path has a segment whose own last-dot suffix is each of them. */
  extensions: string[];
}

const { char, notSlash, notNewline, seq, optional, star, plus } = nodes;
// Python `.` is "anything but \n"; pathspec's pieces use it for any number of folders.
const tail = () => optional(seq(char("/"), star(notNewline)));

interface SegmentGlob {
  items: Node[];
  /** The segment's text when it has no wildcard, class or escape-free special character; else null. */
  literal: string | null;
  /** The literal characters after the last wildcard or class. */
  suffix: string;
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

// pathspec's _translate_segment_glob.
function translateSegmentGlob(segment: string): SegmentGlob {
  const chars = Array.from(segment);
  const items: Node[] = [];
  let literal: string | null = "";
  let suffix = "";
  const literalChar = (ch: string) => {
    items.push(char(ch));
    if (literal !== null) {
      literal += ch;
    }
    suffix += ch;
  };
  const wildcard = (node: Node) => {
    items.push(node);
    literal = null;
    suffix = "";
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
        wildcard(bracket(chars.slice(i, j)));
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
  return { items, literal, suffix };
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
  const compiled = (node: Node, anyNested: boolean, literalSegments: string[] = [], extensions: string[] = []) => ({
    include,
    automaton: compileAutomaton(node),
    anyNested,
    literalSegments,
    extensions,
  });
  if (override) {
    return compiled(seq(plus(notNewline), char("/"), star(notNewline)), true);
  }
  const out: Node[] = [];
  const literalSegments: string[] = [];
  const extensions: string[] = [];
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
      const glob = translateSegmentGlob(seg);
      out.push(...glob.items);
      if (glob.literal !== null) {
        literalSegments.push(glob.literal);
      } else if (glob.suffix.includes(".")) {
        extensions.push(glob.suffix.slice(glob.suffix.lastIndexOf(".")));
      }
    }
    if (i === last) {
      out.push(tail());
    }
    needSlash = true;
  });
  return compiled(seq(...out), false, literalSegments, extensions);
}
