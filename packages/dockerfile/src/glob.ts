/**
 * COPY/ADD sources match the way Docker matches them: each path segment with Go's `filepath.Match` (`*` and `?`
 * within a segment, `[...]` classes negated by `^`, `\` escapes; a malformed pattern matches nothing, where Docker
 * fails the build), plus a segment `**` that matches any number of folders. Go's algorithm places each run of
 * literals after a `*` at its first fit, so it never backtracks: matching costs at most pattern x name.
 */

/** Thrown for Go's `ErrBadPattern`; caught by {@link sourcePattern}. */
class BadPattern extends Error {}

// Go's getEsc: one (possibly escaped) character of a class; never `-` or `]`, never the last of the chunk.
function classChar(chunk: readonly string[], at: number): { code: number; next: number } {
  let i = at;
  if (i >= chunk.length || chunk[i] === "-" || chunk[i] === "]") {
    throw new BadPattern();
  }
  if (chunk[i] === "\\") {
    i++;
    if (i >= chunk.length) {
      throw new BadPattern();
    }
  }
  const code = chunk[i]!.codePointAt(0)!;
  if (i + 1 >= chunk.length) {
    throw new BadPattern();
  }
  return { code, next: i + 1 };
}

// Go's matchChunk: the chunk (no `*`) against the start of `s`; the rest of `s`, or undefined.
function matchChunk(chunk: readonly string[], s: readonly string[], from: number): number | undefined {
  let failed = false;
  let k = 0;
  let at = from;
  while (k < chunk.length) {
    if (!failed && at >= s.length) {
      failed = true;
    }
    const ch = chunk[k]!;
    if (ch === "[") {
      const code = failed ? -1 : s[at++]!.codePointAt(0)!;
      k++;
      let negated = false;
      if (chunk[k] === "^") {
        negated = true;
        k++;
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (chunk[k] === "]" && ranges > 0) {
          k++;
          break;
        }
        const lo = classChar(chunk, k);
        let hi = lo;
        if (chunk[lo.next] === "-") {
          hi = classChar(chunk, lo.next + 1);
        }
        k = hi.next;
        if (lo.code <= code && code <= hi.code) {
          match = true;
        }
        ranges++;
      }
      if (match === negated) {
        failed = true;
      }
    } else if (ch === "?") {
      if (!failed) {
        failed = s[at] === "/";
        at++;
      }
      k++;
    } else {
      if (ch === "\\") {
        k++;
        if (k >= chunk.length) {
          throw new BadPattern();
        }
      }
      if (!failed) {
        failed = chunk[k] !== s[at];
        at++;
      }
      k++;
    }
  }
  return failed ? undefined : at;
}

// Go's scanChunk: leading stars, then the chunk up to the next `*` outside a class.
function scanChunk(pattern: readonly string[], from: number): { star: boolean; chunk: string[]; next: number } {
  let i = from;
  let star = false;
  while (i < pattern.length && pattern[i] === "*") {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      if (i + 1 < pattern.length) {
        i++;
      }
    } else if (ch === "[") {
      inRange = true;
    } else if (ch === "]") {
      inRange = false;
    } else if (ch === "*" && !inRange) {
      break;
    }
  }
  return { star, chunk: pattern.slice(start, i), next: i };
}

/** Go's `filepath.Match` for one path segment (code points); throws BadPattern. */
function matchSegment(pattern: readonly string[], name: readonly string[]): boolean {
  let p = 0;
  let at = 0;
  outer: while (p < pattern.length) {
    const { star, chunk, next } = scanChunk(pattern, p);
    p = next;
    if (star && chunk.length === 0) {
      return !name.slice(at).includes("/");
    }
    const rest = matchChunk(chunk, name, at);
    if (rest !== undefined && (rest === name.length || p < pattern.length)) {
      at = rest;
      continue;
    }
    if (star) {
      for (let i = at; i < name.length && name[i] !== "/"; i++) {
        const t = matchChunk(chunk, name, i + 1);
        if (t !== undefined) {
          if (p >= pattern.length && t < name.length) {
            continue;
          }
          at = t;
          continue outer;
        }
      }
    }
    validate(pattern, p);
    return false;
  }
  return at === name.length;
}

// Go checks the rest of a pattern that failed to match, so a malformed one is always an error.
function validate(pattern: readonly string[], from: number): void {
  for (let p = from; p < pattern.length; ) {
    const { chunk, next } = scanChunk(pattern, p);
    matchChunk(chunk, [], 0);
    p = next;
  }
}

/** True when `pattern` has a wildcard (`*`, `?`, `[`) not escaped by `\`, as Docker decides it. */
export function isGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      i++;
    } else if (ch === "*" || ch === "?" || ch === "[") {
      return true;
    }
  }
  return false;
}

/** A COPY/ADD source (already relative to the context root) ready to match artifact paths. */
export interface SourcePattern {
  /** The source as given. */
  readonly source: string;
  /** It has wildcards; otherwise it names one file or folder. */
  readonly glob: boolean;
  /** False for a malformed glob (Go's ErrBadPattern, which fails a Docker build): it matches nothing. */
  readonly valid: boolean;
  /** True when `path` (a file or folder, `/`-separated, relative to the context root) is what the source names. */
  matches(path: string): boolean;
  /** True when the source names the file at `path` or one of its parent folders (so the copy includes it). */
  covers(path: string): boolean;
}

/**
 * Go's `filepath.Match` for one path segment, compiled: a function telling whether a file or folder name (no `/`)
 * matches it; undefined for a malformed segment (Go's ErrBadPattern), which matches nothing. `**` is not special
 * here (it is `*`): folders are the caller's.
 */
export function segmentMatcher(segment: string): ((name: string) => boolean) | undefined {
  const pattern = Array.from(segment);
  try {
    validate(pattern, 0);
  } catch {
    return undefined;
  }
  // Validated, so matching cannot throw.
  return (name) => matchSegment(pattern, Array.from(name));
}

type Segment = ((name: string) => boolean) | "**";

// Segments of a glob against a path's segments; `**` takes any number of them (memoised, so no backtracking).
function matchSegments(globs: readonly Segment[], names: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const from = (g: number, n: number): boolean => {
    const key = g * (names.length + 1) + n;
    const known = memo.get(key);
    if (known !== undefined) {
      return known;
    }
    const glob = globs[g];
    let result: boolean;
    if (glob === undefined) {
      result = n === names.length;
    } else if (glob === "**") {
      result = from(g + 1, n) || (n < names.length && from(g, n + 1));
    } else {
      result = n < names.length && glob(names[n]!) && from(g + 1, n + 1);
    }
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** Compiles a COPY/ADD source for matching against artifact paths. */
export function sourcePattern(source: string): SourcePattern {
  const trimmed = source.replace(/\/+$/, "");
  const parents = (path: string) => {
    const out = [path];
    for (let slash = path.lastIndexOf("/"); slash > 0; slash = path.lastIndexOf("/", slash - 1)) {
      out.push(path.slice(0, slash));
    }
    return out;
  };
  if (!isGlob(trimmed)) {
    const covers = (path: string) => trimmed === "" || path === trimmed || path.startsWith(`${trimmed}/`);
    return { source, glob: false, valid: true, matches: (path) => path === trimmed, covers };
  }
  const globs = trimmed.split("/").map((seg) => (seg === "**" ? "**" : segmentMatcher(seg)));
  const valid = globs.every((glob) => glob !== undefined);
  const matches = (path: string) => valid && matchSegments(globs as Segment[], path.split("/"));
  return { source, glob: true, valid, matches, covers: (path) => parents(path).some(matches) };
}
