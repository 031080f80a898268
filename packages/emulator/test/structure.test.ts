import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Relative imports of a file (type-only ones and re-exports included), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/\bfrom\s+"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1] ?? "");
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** Every import cycle of a graph (file -> the files it imports), each as the files around it. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        found.push(stack.slice(stack.indexOf(next)));
      } else if (state.get(next) === undefined && graph.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) {
    if (state.get(file) === undefined) {
      visit(file);
    }
  }
  return found;
}

describe("source layout", () => {
  const files = sourceFiles(srcDir);

  it("has no import cycles (type-only imports included)", () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    expect(cycles(graph).map((cycle) => cycle.map((f) => relative(srcDir, f)))).toEqual([]);
  });

  it("the cycle check finds cycles, long ones included", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c"], ["e"]]);
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("resolves every relative import to a file", () => {
    const known = new Set(files);
    const missing = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => !known.has(i))
        .map((i) => `${f} -> ${i}`),
    );
    expect(missing).toEqual([]);
  });

  it("writes the API base path nowhere (it comes from @peak-images/spec) and formats timestamps in one place", () => {
    const containing = (text: string) =>
      files.filter((f) => readFileSync(f, "utf8").includes(text)).map((f) => relative(srcDir, f));
    expect(containing("/image-management/api/v2")).toEqual([]);
    expect(containing("toISOString")).toEqual(["domain/time.ts"]);
  });

  it("keeps files short: over 300 lines only with a reason in the header", () => {
    const long = files.filter((f) => {
      const lines = readFileSync(f, "utf8").split("\n");
      return lines.length > 300 && !/longer than 300 lines/i.test(lines.slice(0, 10).join("\n"));
    });
    expect(long.map((f) => relative(srcDir, f))).toEqual([]);
  });
});
