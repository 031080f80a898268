import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compilePattern, PatternSyntaxError } from "../src/select/pathspec-pattern.js";

// One pathspec line against one path: does it match (null: pathspec rejects the line)? Each row is also run
// through Debian's python3-pathspec below, so the table cannot drift from the matcher the Python SDK uses.
const rows: Array<[pattern: string, path: string, matches: boolean | null]> = [
  ["foo", "foo", true],
  ["foo", "a/foo", true],
  ["foo", "a/foo/b", true],
  ["foo", "afoo", false],
  ["/foo", "a/foo", false],
  ["foo/", "foo", false],
  ["foo/", "foo/x", true],
  ["a/b", "x/a/b", false],
  ["a/**/b", "a/b", true],
  ["a/**/b", "a/x/y/b", true],
  ["**/b", "b", true],
  ["**", "a/b", true],
  ["**/", "a", false],
  ["**/", "a/b", true],
  ["*", "a/b", true],
  ["a/*", "a", false],
  ["a/*", "a/b/c", true],
  ["*.py", "src/x.py", true],
  ["*.py", "src/x.pyc", false],
  ["?", "a", true],
  ["?", "ab", false],
  ["[ab]", "b", true],
  ["[!a]", "b", true],
  ["[!a]", "/", true],
  ["x[!a]y", "x/y", true],
  ["x[a-c]y", "xby", true],
  ["x[c-a]y", "xby", null],
  ["[]a]", "]", true],
  ["[]a]", "a", true],
  ["[!]a]", "b", true],
  ["[!]a]", "]", false],
  ["[^a]", "^", true],
  ["[^a]", "a", true],
  ["[^a]", "b", false],
  ["[^]", "^", true],
  ["[a-]", "-", true],
  ["[\\]", "\\", true],
  ["[", "[", true],
  ["a[b", "a[b", true],
  ["\\#a", "#a", true],
  ["\\!a", "!a", true],
  ["\\*", "*", true],
  ["\\*", "a", false],
  ["a\\", "a", null],
  ["a ", "a", true],
  ["a\\ ", "a ", null],
  ["é*", "é.txt", true],
  ["?", "\u{1F600}", true],
  ["*", "a\nb", true],
  ["*", "a\n/b\n/c", false],
  ["**", "a/b/c", true],
  ["**", "a\n/b\n/c", false],
  ["a/*", "a/b/c\nd", false],
  ["a", "a\n", true],
  ["a*", "ab\nc", true],
  ["a*a*a*a*a*a*a*a*b", "a".repeat(70), false],
];

function pythonMatches(cases: Array<[string, string]>): Array<boolean | null> {
  const script = `
import json, sys
from pathspec.patterns.gitwildmatch import GitWildMatchPattern
out = []
for pattern, path in json.load(sys.stdin):
    try:
        out.append(GitWildMatchPattern(pattern).match_file(path) is not None)
    except Exception:
        out.append(None)
json.dump(out, sys.stdout)
`;
  const result = spawnSync("/usr/bin/python3", ["-W", "ignore", "-c", script], {
    input: JSON.stringify(cases),
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`python failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as Array<boolean | null>;
}

function ours(pattern: string, path: string): boolean | null {
  try {
    return compilePattern(pattern)?.automaton.run(path, "full") ?? false;
  } catch (error) {
    if (error instanceof PatternSyntaxError) {
      return null;
    }
    throw error;
  }
}

describe("pathspec patterns, one line against one path", () => {
  it.each(rows)("%j against %j -> %s", (pattern, path, matches) => {
    expect(ours(pattern, path)).toBe(matches);
  });

  it("every row agrees with python3-pathspec", () => {
    // The backtracking row would take pathspec's regex far too long; it is checked above only.
    const checked = rows.filter(([pattern]) => !pattern.startsWith("a*a*"));
    const python = pythonMatches(checked.map(([pattern, path]) => [pattern, path]));
    const disagreements = checked.filter(([, , matches], i) => python[i] !== matches);
    expect(disagreements).toEqual([]);
  });
});
