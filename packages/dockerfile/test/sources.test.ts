import { describe, expect, it } from "vitest";
import { isGlob, joinInside, segmentMatcher, sourceExists, sourcePattern } from "../src/index.js";

// Go's own filepath.Match table (path/filepath/match_test.go); null: ErrBadPattern, which matches nothing here.
const goMatch: Array<[pattern: string, name: string, matches: boolean | null]> = [
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ab/c", false],
  ["a*/b", "abc/b", true],
  ["a*/b", "a/c/b", false],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["a*b?c*x", "abxbbxdbxebxczzy", false],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[e-g]", "abc", false],
  ["ab[^c]", "abc", false],
  ["ab[^b-d]", "abc", false],
  ["ab[^e-g]", "abc", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "ab", false],
  ["a?b", "a☺b", true],
  ["a[^a]b", "a☺b", true],
  ["a???b", "a☺b", false],
  ["a[^a][^a][^a]b", "a☺b", false],
  ["[a-ζ]*", "α", true],
  ["*[a-ζ]", "A", false],
  ["a?b", "a/b", false],
  ["a*b", "a/b", false],
  ["[\\]a]", "]", true],
  ["[\\-]", "-", true],
  ["[x\\-]", "x", true],
  ["[x\\-]", "-", true],
  ["[x\\-]", "z", false],
  ["[\\-x]", "x", true],
  ["[\\-x]", "-", true],
  ["[\\-x]", "a", false],
  ["[]a]", "]", null],
  ["[-]", "-", null],
  ["[x-]", "x", null],
  ["[x-]", "-", null],
  ["[-x]", "x", null],
  // ["\\", "a", ErrBadPattern] is left out: without a wildcard Docker takes the source as a literal name.
  ["[a-b-c]", "a", null],
  ["[", "a", null],
  ["[^", "a", null],
  ["[^bc", "a", null],
  ["a[", "a", null],
  ["a[", "ab", null],
  ["a/b[", "x", null],
  ["*x", "xxx", true],
  // Docker's `!` is not negation (Go's classes negate with ^ only).
  ["[!a]", "!", true],
  ["[!a]", "b", false],
  // ** takes any number of folders.
  ["**/*.py", "a.py", true],
  ["**/*.py", "src/deep/a.py", true],
  ["src/**", "src", true],
  ["src/**/test", "src/a/b/test", true],
  ["src/**/test", "lib/a/test", false],
  // Linear however hostile the pattern.
  ["a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000), false],
];

describe("COPY/ADD globs match with Go's filepath.Match, per segment, plus **", () => {
  it.each(goMatch)("%j against %j -> %s", (pattern, name, expected) => {
    const compiled = sourcePattern(pattern);
    expect(compiled.glob || !isGlob(pattern)).toBe(true);
    if (expected === null) {
      expect(compiled.valid).toBe(false);
      expect(compiled.matches(name)).toBe(false);
    } else {
      expect(compiled.valid).toBe(true);
      expect(compiled.matches(name)).toBe(compiled.glob ? expected : pattern === name);
    }
  });

  // The rows within one segment, through the per-segment matcher the emulator walks folders with.
  it.each(goMatch.filter(([pattern, name]) => !pattern.includes("/") && !name.includes("/") && pattern !== "**/*.py"))(
    "segmentMatcher(%j) on %j -> %s",
    (pattern, name, expected) => {
      const matcher = segmentMatcher(pattern);
      if (expected === null) {
        expect(matcher).toBeUndefined();
      } else {
        expect(matcher?.(name)).toBe(expected);
      }
    },
  );

  it.each([
    // An escape is Go's even without a wildcard: the segment names `a*b` (sourcePattern takes such a source as a
    // literal path, as Docker does; a segment of a glob path is matched).
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    // ** is * within one segment: folders are the caller's.
    ["**", "anything", true],
    ["", "", true],
    ["", "a", false],
  ])("segmentMatcher(%j) on %j is %s", (segment, name, expected) => {
    expect(segmentMatcher(segment)?.(name)).toBe(expected);
  });

  it.each([
    ["a\\*b", false],
    ["a*b", true],
    ["a?", true],
    ["[ab]", true],
    ["plain/path.txt", false],
  ])("isGlob(%j) is %s", (pattern, glob) => {
    expect(isGlob(pattern)).toBe(glob);
  });

  it("a source covers the files under the folder it names", () => {
    expect(sourcePattern("src").covers("src/a/b.py")).toBe(true);
    expect(sourcePattern("src/").covers("src/a/b.py")).toBe(true);
    expect(sourcePattern("src").covers("srcx/a.py")).toBe(false);
    expect(sourcePattern("s*").covers("src/a/b.py")).toBe(true);
    expect(sourcePattern("*/a").covers("src/a/b.py")).toBe(true);
    expect(sourcePattern("*/b.py").covers("src/a/b.py")).toBe(false);
    expect(sourcePattern("").covers("anything")).toBe(true);
  });
});

describe("context paths", () => {
  const index = { files: new Set(["app/main.py", "app/req.txt", "README.md", "a b.txt"]), dirs: new Set(["app"]) };
  it.each([
    ["app", true],
    ["app/main.py", true],
    ["app/*.txt", true],
    ["app/[mr]*.py", true],
    ["*.md", true],
    ["*.txt", true],
    ["app/?.py", false],
    ["**/*.py", true],
    ["a b.txt", true],
    ["missing", false],
    ["", true],
  ])("sourceExists(%j) is %s", (path, exists) => {
    expect(sourceExists(index, path)).toBe(exists);
  });

  it.each([
    ["app", "../README.md", "README.md"],
    [".", "../x", undefined],
    ["app", "./src/../main.py", "app/main.py"],
    ["", "/abs/file", "abs/file"],
    ["ctx", "dir//sub/", "ctx/dir/sub"],
    [".", ".", ""],
  ])("joinInside(%j, %j) is %j", (base, relative, joined) => {
    expect(joinInside(base, relative)).toBe(joined);
  });
});
