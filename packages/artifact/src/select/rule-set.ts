/**
 * The Python SDK's rule list: it starts with `*`, every ignore line is inverted (`x` -> `!x`, `!x` -> `x`), and the
 * last matching line decides. Each line is a pathspec pattern (pathspec-pattern.ts); the index (rule-index.ts)
 * picks the few rules worth running for a path.
 */
import { type CompiledPattern, compilePattern } from "./pathspec-pattern.js";
import { pyStrip, splitLines } from "./python-text.js";
import { RuleIndex } from "./rule-index.js";

/** Where an ignore rule came from, for preflight explanations. */
export interface RuleSource {
  /** Ignore file name as given (relative to the root), or `null` for the implicit leading `*`. */
  readonly file: string | null;
  /** 1-based line number in that file (0 for the implicit `*`). */
  readonly line: number;
  /** The line as written in the ignore file, trimmed. */
  readonly text: string;
}

/** One compiled pattern (`include` is pathspec's sense: true = the file is uploaded) and where it came from. */
export type Rule = CompiledPattern & { readonly source: RuleSource };

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

/** The ordered rule list for a set of ignore files, built exactly like the Python SDK builds its PathSpec. */
export class RuleSet {
  readonly rules: readonly Rule[];
  private readonly index: RuleIndex;
  // Positions of the include rules, ascending, for the pruning check: those that start with a segment written
  // without wildcards filed under it (they can only match under a folder whose path starts so), the rest apart.
  private readonly anchoredIncludes = new Map<string, number[]>();
  private readonly floatingIncludes: number[] = [];

  private constructor(rules: Rule[]) {
    this.rules = rules;
    this.index = new RuleIndex(rules);
    rules.forEach((rule, i) => {
      if (!rule.include) {
        return;
      }
      const anchor = rule.keys.anchor;
      if (anchor === undefined) {
        this.floatingIncludes.push(i);
        return;
      }
      const list = this.anchoredIncludes.get(anchor);
      if (list === undefined) {
        this.anchoredIncludes.set(anchor, [i]);
      } else {
        list.push(i);
      }
    });
  }

  /** Builds the SDK's list: `*`, then every line of every ignore file inverted. Throws PatternLineError. */
  static fromIgnoreFiles(files: ReadonlyArray<{ name: string; text: string }>): RuleSet {
    const rules: Rule[] = [];
    rules.push(Object.assign(compilePattern("*")!, { source: { file: null, line: 0, text: "*" } }));
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
          rules.push(Object.assign(compiled, { source: { file: name, line: index + 1, text: line } }));
        }
      });
    }
    return new RuleSet(rules);
  }

  /** The last rule matching `path` (relative, `/`-separated), or undefined. */
  lastMatch(path: string): Rule | undefined {
    const plain = !path.includes("\n");
    const found = this.index.findLast(path, (i) => {
      const { keys, automaton } = this.rules[i]!;
      if (keys.universal && plain) {
        return true;
      }
      // A literal run the pattern needs is a cheap test that rules most candidates out before any automaton runs.
      return path.includes(keys.required) && automaton.run(path, "full");
    });
    return found === -1 ? undefined : this.rules[found];
  }

  /** Whether the SDK would upload the file at `path`. */
  includes(path: string): boolean {
    return this.lastMatch(path)?.include ?? false;
  }

  /**
   * True only when it is proven that no file under folder `dir` can be included, so the walk may skip it: find
   * the last exclude rule that matches every path below the folder (one that matches the folder itself does, as
   * every pathspec pattern ends in "the folder and anything under it"; `dir/` does too), after which only a later
   * include rule could bring a file back; running an include rule over `dir/` says exactly whether any path
   * starting so can still match it. (Not exact for names holding a newline, which pathspec's `.` does not match.)
   */
  excludesEverythingUnder(dir: string): boolean {
    const prefix = `${dir}/`;
    const covering = this.index.findLast(dir, (i) => {
      const rule = this.rules[i]!;
      return (
        !rule.include && (rule.anyNested || rule.automaton.run(dir, "exact") || rule.automaton.acceptsAllAfter(prefix))
      );
    });
    const top = dir.slice(0, (dir.indexOf("/") + 1 || dir.length + 1) - 1);
    for (const list of [this.floatingIncludes, this.anchoredIncludes.get(top) ?? []]) {
      for (let k = list.length - 1; k >= 0 && list[k]! > covering; k--) {
        const rule = this.rules[list[k]!]!;
        if (rule.keys.universal || rule.automaton.run(prefix, "prefix")) {
          return false;
        }
      }
    }
    return true;
  }
}
