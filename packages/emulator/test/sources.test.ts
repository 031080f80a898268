import { afterAll, describe, expect, it } from "vitest";
import { openArtifact } from "../src/build/artifact.js";
import { maxGlobSegmentLength } from "../src/build/limits.js";
import { ParsePool } from "../src/build/parse-pool.js";
import { GlobSegmentTooLong, MatchBudget, MatchBudgetExceeded, sourceExists } from "../src/build/sources.js";
import { makeZip } from "./helpers.js";
import { parseWorkerScript } from "./support/worker-script.js";

const pool = new ParsePool(parseWorkerScript(), 30_000);
afterAll(() => pool.close());

describe("the parser's worker posts what a build needs of each step", () => {
  it.each([
    {
      name: "flags kept in the text; --from, URLs and heredocs not local sources",
      dockerfile:
        'FROM a AS b\nCOPY --from=b /x /y\nCOPY --chmod=755 run.sh /\nADD http://e.com/f /f\nCOPY <<EOF /z\nhi\nEOF\nADD ["a b.txt", "/"]\n',
      steps: [
        ["FROM", "FROM a AS b", []],
        ["COPY", "COPY --from=b /x /y", []],
        ["COPY", "COPY --chmod=755 run.sh /", ["run.sh"]],
        ["ADD", "ADD http://e.com/f /f", []],
        ["COPY", "COPY <<EOF /z", []],
        ["ADD", 'ADD ["a b.txt", "/"]', ["a b.txt"]],
      ],
    },
    {
      // Docker reads shell-form words with their quotes removed; the emulator used to look for `"a.txt"`.
      name: "shell-form sources lose their quotes",
      dockerfile: "FROM a\nCOPY \"a.txt\" 'b.txt' /x/\n",
      steps: [
        ["FROM", "FROM a", []],
        ["COPY", "COPY \"a.txt\" 'b.txt' /x/", ["a.txt", "b.txt"]],
      ],
    },
    {
      // Docker skips comment lines inside a continuation; the emulator used to cut the step text at the comment.
      name: "a comment line inside a continuation is dropped",
      dockerfile: "FROM a\nCOPY a.txt \\\n# note\n  b.txt /x/\n",
      steps: [
        ["FROM", "FROM a", []],
        ["COPY", "COPY a.txt b.txt /x/", ["a.txt", "b.txt"]],
      ],
    },
    {
      // Shell-form words are unescaped: `a\*b` is the glob a*b (the emulator used to keep the backslash).
      name: "shell-form sources lose their escapes",
      dockerfile: "FROM a\nCOPY a\\*b /x/\n",
      steps: [
        ["FROM", "FROM a", []],
        ["COPY", "COPY a\\*b /x/", ["a*b"]],
      ],
    },
    {
      name: "# escape=` makes the backtick the continuation",
      dockerfile: "# escape=`\nFROM a\nCOPY a.txt `\n  b.txt /x/\n",
      steps: [
        ["FROM", "FROM a", []],
        ["COPY", "COPY a.txt b.txt /x/", ["a.txt", "b.txt"]],
      ],
    },
  ])("$name", async ({ dockerfile, steps }) => {
    const parsed = await pool.parse(dockerfile);
    // Exactly keyword, text and local sources: nothing else crosses from the worker.
    expect(parsed.steps).toEqual(steps.map(([keyword, text, localSources]) => ({ keyword, text, localSources })));
  });
});

const { index } = await openArtifact(
  makeZip({
    "app/main.py": "",
    "app/req.txt": "",
    "README.md": "",
    "a b.txt": "",
    "a*b": "",
    abc: "",
    "x[a": "",
    "src/deep/er/x.py": "",
    "empty/": "",
  }),
);
const exists = (path: string, budget = 10_000) => sourceExists(index, path, new MatchBudget(budget));

describe("sources are matched in the zip's folder tree with Docker's rules", () => {
  it.each([
    ["", true],
    ["app", true],
    ["app/main.py", true],
    ["app/*.txt", true],
    ["app/[mr]*.py", true],
    ["*.md", true],
    ["*/main.py", true],
    ["*", true],
    ["empty", true],
    ["e*", true],
    ["a b.txt", true],
    ["*.toml", false],
    ["app/?.py", false],
    ["*/*/x", false],
    // ** takes any number of folders, none included (it used to be one folder, like *).
    ["**/README.md", true],
    ["**/x.py", true],
    ["src/**/x.py", true],
    ["src/**", true],
    ["src/**/**/er", true],
    ["**/*.py", true],
    ["**/nothing", false],
    ["app/**/*.txt", true],
    // A file ends a path whose remaining segments are all **, as @peak-images/dockerfile matches it.
    ["ab*/**", true],
    // Go's classes negate with ^ only: [!a] is the class of ! and a (it used to negate).
    ["[!a]bc", true],
    ["[!b]pp", false],
    ["[^a]pp", false],
    ["[^x]pp", true],
    // A malformed class matches nothing: Docker fails the build (it used to be a literal [).
    ["x[a", false],
    // Escapes: a source without an unescaped wildcard is a literal name, as Docker takes it (the escaped one used to
    // match a*b); in a glob, an escaped character matches itself.
    ["a\\*b", false],
    ["[a]\\*b", true],
    ["[a]\\*c", false],
  ])("sourceExists(%j) is %s", async (path, found) => {
    expect(await exists(path)).toBe(found);
  });

  it("spends a comparison for every entry ** visits and every name it tests", async () => {
    // "", app, src, src/deep, src/deep/er, empty: ** visits the 13 names listed in them, then `x.py` is one
    // lookup in each of those 6 folders.
    await expect(exists("**/x.py", 19)).resolves.toBe(true);
    await expect(exists("**/x.py", 18)).rejects.toBeInstanceOf(MatchBudgetExceeded);
  });

  it("counts a comparison of a long pattern with a name once per 256 of their lengths (plus one) multiplied", async () => {
    // A short segment: one per name of the root (8 of them).
    await expect(exists("*.toml", 8)).resolves.toBe(false);
    await expect(exists("*.toml", 7)).rejects.toBeInstanceOf(MatchBudgetExceeded);
    // 256 characters against names of 3, 9, 7, 3, 3, 3, 3 and 5 characters: 5 + 11 + 9 + 5 + 5 + 5 + 5 + 7.
    const long = `${"?".repeat(255)}*`;
    await expect(exists(long, 52)).resolves.toBe(false);
    await expect(exists(long, 51)).rejects.toBeInstanceOf(MatchBudgetExceeded);
  });

  it(`refuses a glob segment longer than ${maxGlobSegmentLength} characters`, async () => {
    await expect(exists(`app/${"*".repeat(maxGlobSegmentLength)}`)).resolves.toBe(true);
    await expect(exists(`app/${"*".repeat(maxGlobSegmentLength + 1)}`)).rejects.toBeInstanceOf(GlobSegmentTooLong);
  });
});
