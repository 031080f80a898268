import { afterAll, describe, expect, it } from "vitest";
import { listArtifactFiles } from "../src/index.js";
import { makeTree, pythonSelect, removeTree, type TreeNode } from "./helpers.js";
import { mulberry32 } from "./reference/mulberry32.mjs";

const NAMES = [
  "a",
  "b",
  "ab",
  "node_modules",
  "src",
  "keep",
  "x.py",
  "y.txt",
  "Y.TXT",
  ".env",
  "sp ace",
  "é",
  "#h",
  "!b",
  "a.b",
  "c",
];
const PIECES = [
  ...NAMES,
  "*",
  "**",
  "?",
  "*.py",
  "a*",
  "[ab]",
  "[!a]*",
  "[a-c]*",
  "\\#h",
  "\\!b",
  "x.p?",
  "node_*",
  "*.txt",
  "[^a]b",
];

interface Case {
  seed: number;
  tree: string[];
  ignore: string;
}

function generate(seed: number): Case {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const files = new Set<string>();
  const dirs = new Set<string>();
  const count = 4 + Math.floor(r() * 20);
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(r() * 4);
    const segs = Array.from({ length: depth }, () => pick(NAMES));
    const file = segs.join("/");
    const parents = segs.slice(0, -1).map((_, k) => segs.slice(0, k + 1).join("/"));
    if (dirs.has(file) || parents.some((p) => files.has(p))) {
      continue;
    }
    files.add(file);
    for (const p of parents) {
      dirs.add(p);
    }
  }
  const lines: string[] = [];
  const lineCount = 1 + Math.floor(r() * 6);
  for (let i = 0; i < lineCount; i++) {
    const roll = r();
    if (roll < 0.05) {
      lines.push(`# comment ${pick(NAMES)}`);
      continue;
    }
    if (roll < 0.08) {
      lines.push("");
      continue;
    }
    const segCount = 1 + Math.floor(r() * 3);
    let pattern = Array.from({ length: segCount }, () => pick(PIECES)).join("/");
    if (r() < 0.2) {
      pattern = `/${pattern}`;
    }
    if (r() < 0.2) {
      pattern = `${pattern}/`;
    }
    if (r() < 0.35) {
      pattern = `!${pattern}`;
    }
    if (r() < 0.1) {
      pattern = `${pattern}  `;
    }
    lines.push(pattern);
  }
  const eol = r() < 0.2 ? "\r\n" : "\n";
  return { seed, tree: [...files], ignore: lines.join(eol) + eol };
}

const CASES = 400;
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map(removeTree));
});

describe("differential test against the Python SDK's pathspec selection", () => {
  it(`selects the same files as /usr/bin/python3 + pathspec on ${CASES} seeded random trees`, async () => {
    const cases = Array.from({ length: CASES }, (_, i) => generate(1000 + i));
    const built = await Promise.all(
      cases.map(async (c) => {
        const tree: Record<string, TreeNode> = { ".dockerignore": c.ignore };
        for (const f of c.tree) {
          tree[f] = f;
        }
        const root = await makeTree(tree);
        roots.push(root);
        return root;
      }),
    );
    const python = pythonSelect(built.map((root) => ({ root, ignoreFiles: [".dockerignore"] })));
    const ours = await Promise.all(
      built.map((root) =>
        listArtifactFiles(root, { ignoreFiles: [".dockerignore"] }).then(
          (files) => ({ files }),
          (error: unknown) => ({ error: String(error) }),
        ),
      ),
    );
    const mismatches = cases
      .map((c, i) => ({ seed: c.seed, ignore: c.ignore, ours: ours[i]!, python: python[i]! }))
      .filter(({ ours: o, python: p }) =>
        "error" in o || p.error !== undefined
          ? !("error" in o && p.error !== undefined)
          : JSON.stringify(o.files) !== JSON.stringify(p.files),
      );
    expect(mismatches.slice(0, 3)).toEqual([]);
    // The generator must actually exercise both outcomes, or the comparison proves little.
    const sizes = python.map((p) => p.files?.length ?? -1);
    expect(sizes.filter((n) => n === 0).length).toBeGreaterThan(5);
    expect(sizes.filter((n, i) => n > 1 && n < cases[i]!.tree.length).length).toBeGreaterThan(CASES / 4);
  }, 60_000);
});
