import { describe, expect, it } from "vitest";
import { listArtifactFiles } from "../src/index.js";
import { compilePattern } from "../src/select/pathspec-pattern.js";
import { RuleIndex } from "../src/select/rule-index.js";
import { RuleSet } from "../src/select/rule-set.js";
import { tempTrees } from "./helpers.js";

const tree = tempTrees();

// Patterns that made the regex engine backtrack exponentially against a long run of `a` with no `b`.
const HOSTILE = [
  "a*a*a*a*a*a*a*a*b",
  "!**/**/**/**/**/a*a*a*a*a*a*a*a*b",
  "*a*a*a*a*a*a*a*a*a*a*a*[!a]",
  "**/a*a*a*a*a*a*/**/b",
];

describe("matching costs time linear in the path, whatever the pattern", () => {
  it("lists a folder whose names defeat a backtracking matcher", async () => {
    const long = "a".repeat(70);
    const root = await tree({
      ".dockerignore": "a*a*a*a*a*a*a*a*b\n",
      [long]: "x",
      [`${long}b`]: "excluded",
    });
    expect(await listArtifactFiles(root)).toEqual([".dockerignore", long]);
  });

  it("walks deep folders of such names under a ** re-include", async () => {
    const seg = "a".repeat(70);
    const files: Record<string, string> = { ".dockerignore": "*\n!**/**/**/**/**/a*a*a*a*a*a*a*a*b\n" };
    for (let depth = 1; depth <= 3; depth++) {
      files[`${Array.from({ length: depth }, () => seg).join("/")}/${seg}c`] = "x";
    }
    files[`${seg}/${seg}/${seg}b`] = "kept";
    expect(await listArtifactFiles(await tree(files))).toEqual([`${seg}/${seg}/${seg}b`]);
  });

  it.each(HOSTILE)("%s: steps grow linearly with the path length", (line) => {
    const pattern = compilePattern(line)!;
    const steps = (n: number) => {
      const budget = { steps: 0 };
      pattern.automaton.run("a".repeat(n), "full", budget);
      pattern.automaton.run(`${"a/".repeat(n / 2)}x`, "prefix", budget);
      return budget.steps;
    };
    const small = steps(200);
    const big = steps(1600);
    // Eight times the input, about eight times the work (a backtracking matcher: astronomically more); never
    // more than the automaton's size per character.
    expect(big).toBeLessThanOrEqual(9 * small);
    expect(big).toBeLessThanOrEqual(2 * 1601 * pattern.automaton.size);
  });

  it("the pruning check stays linear on such patterns too", () => {
    const rules = RuleSet.fromIgnoreFiles([{ name: ".dockerignore", text: `*\n${HOSTILE.join("\n")}\n` }]);
    const deep = Array.from({ length: 40 }, () => "a".repeat(40)).join("/");
    expect(rules.excludesEverythingUnder(deep)).toBe(false);
    expect(rules.includes(`${deep}/b`)).toBe(false);
    expect(rules.includes(`${deep}/${"a".repeat(10)}b`)).toBe(true);
  });
});

describe("the rule index runs few rules per path", () => {
  // 10,000 ignore lines as a big generated file has them: folders, files by name and by extension.
  const lines = Array.from({ length: 10_000 }, (_, i) => {
    switch (i % 4) {
      case 0:
        return `build${i}/`;
      case 1:
        return `src/gen/file${i}.ts`;
      case 2:
        return `*.ext${i}`;
      default:
        return `!keep${i}`;
    }
  });

  it("visits only rules whose written segments or extension the path has", () => {
    const compiled = lines.map((line) => compilePattern(line)!);
    const index = new RuleIndex(compiled);
    const visited = (path: string) => {
      let count = 0;
      index.findLast(path, () => {
        count++;
        return false;
      });
      return count;
    };
    expect(visited("src/app/main.py")).toBe(0);
    expect(visited("src/gen/file5.ts")).toBe(1);
    expect(visited("a/b/build0/x.ext2")).toBe(2);
    // `src` and `gen` are in 2,500 rules each, but every rule is filed under its rarest segment (`file5.ts`).
    expect(visited("src/gen/other.ts")).toBe(0);
  });

  it("and still finds the last matching rule, as a scan of every rule would", () => {
    const rules = RuleSet.fromIgnoreFiles([{ name: ".dockerignore", text: `${lines.join("\n")}\n*.ext2\n` }]);
    const scan = (path: string) => [...rules.rules].reverse().find((r) => r.automaton.run(path, "full"));
    for (const path of ["src/gen/file5.ts", "x/build0/y", "a.ext2", "keep3", "keep3/x", "src/app/main.py"]) {
      expect(rules.lastMatch(path), path).toBe(scan(path));
    }
  });
});
