import { describe, expect, it } from "vitest";
import { LinkLoopError, LinkOutsideRootError, listArtifactFiles } from "../src/index.js";
import { RuleSet } from "../src/select/rule-set.js";
import { walk } from "../src/select/walk.js";
import { tempTrees } from "./helpers.js";

const tree = tempTrees();

describe("pruning: folders are skipped only when no later ! line can re-include from them", () => {
  const cases: Array<{ ignore: string; dir: string; prunable: boolean }> = [
    { ignore: "node_modules\n", dir: "node_modules", prunable: true },
    { ignore: "node_modules\n", dir: "a/node_modules", prunable: true },
    { ignore: "node_modules/\n", dir: "node_modules", prunable: true },
    { ignore: "/build/**\n", dir: "build", prunable: true },
    { ignore: "node_modules\n!node_modules/keep/\n", dir: "node_modules", prunable: false },
    { ignore: "node_modules\n!node_modules/keep/\n", dir: "node_modules/other", prunable: true },
    { ignore: "node_modules\n!node_modules/keep/\n", dir: "node_modules/keep", prunable: false },
    { ignore: "node_modules\n!*.md\n", dir: "node_modules", prunable: false },
    { ignore: "node_modules\n!/README.md\n", dir: "node_modules", prunable: true },
    { ignore: "!src/\nnode_modules\n", dir: "node_modules", prunable: true },
    { ignore: "*\n!src/\n", dir: "docs", prunable: false },
    { ignore: "*\n!/src/\n", dir: "docs", prunable: true },
    { ignore: "*\n!src/\n", dir: "src", prunable: false },
    { ignore: "*\n!**/src/\n", dir: "a/b", prunable: false },
    { ignore: "*\n!a/**/keep\n", dir: "b", prunable: true },
    { ignore: "*\n!a/**/keep\n", dir: "a/x/y", prunable: false },
    { ignore: "build/\n!build/keep.txt\n", dir: "build", prunable: false },
    { ignore: "build/\n!build/keep.txt\n", dir: "build/sub", prunable: true },
    { ignore: "data\n!data[!x]keep\n", dir: "data", prunable: false },
    { ignore: ".git\n", dir: ".git", prunable: true },
    { ignore: "src/*.py\n", dir: "src", prunable: false },
    { ignore: "**/\n", dir: "anything", prunable: true },
    { ignore: "", dir: "anything", prunable: false },
  ];
  it.each(cases.map((c) => ({ ...c, lines: c.ignore.trim().split("\n").join(" | ") })))(
    "[$lines] $dir prunable=$prunable",
    ({ ignore, dir, prunable }) => {
      const rules = RuleSet.fromIgnoreFiles([{ name: ".dockerignore", text: ignore }]);
      expect(rules.excludesEverythingUnder(dir)).toBe(prunable);
    },
  );

  it("!node_modules/keep/ still re-includes files under an excluded node_modules", async () => {
    const root = await tree({
      ".dockerignore": "node_modules\n!node_modules/keep/\n",
      "index.js": "x",
      "node_modules/keep/a.js": "a",
      "node_modules/keep/deep/b.js": "b",
      "node_modules/drop/c.js": "c",
    });
    expect(await listArtifactFiles(root)).toEqual([
      ".dockerignore",
      "index.js",
      "node_modules/keep/a.js",
      "node_modules/keep/deep/b.js",
    ]);
  });

  it("never reads a pruned folder: a link loop inside it is not an error", async () => {
    const root = await tree({
      ".dockerignore": "node_modules\n",
      "a.txt": "a",
      "node_modules/loop": { link: "." },
    });
    expect(await listArtifactFiles(root)).toEqual([".dockerignore", "a.txt"]);
  });
});

describe("symbolic links", () => {
  it("follows a link to a file inside the root and lists it under the link's name", async () => {
    const root = await tree({ "real.txt": "r", "alias.txt": { link: "real.txt" } });
    expect(await listArtifactFiles(root)).toEqual(["alias.txt", "real.txt"]);
  });

  it("follows a link to a folder inside the root; its files appear under the link", async () => {
    const root = await tree({ "lib/a.js": "a", linked: { link: "lib" } });
    expect(await listArtifactFiles(root)).toEqual(["lib/a.js", "linked/a.js"]);
  });

  it("refuses a link to a file outside the root, naming the link", async () => {
    const outside = await tree({ "secret.txt": "s" });
    const root = await tree({ "a.txt": "a", "leak.txt": { link: `${outside}/secret.txt` } });
    const error = await listArtifactFiles(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkOutsideRootError);
    expect((error as Error).message).toContain("leak.txt");
    expect((error as LinkOutsideRootError).name).toBe("LinkOutsideRootError");
  });

  it("refuses a link to a folder outside the root when it contributes files", async () => {
    const outside = await tree({ "x/secret.txt": "s" });
    const root = await tree({ "a.txt": "a", ext: { link: `${outside}/x` } });
    await expect(listArtifactFiles(root)).rejects.toThrow(/ext/);
  });

  it("accepts an outside link that the ignore file excludes", async () => {
    const outside = await tree({ "secret.txt": "s" });
    const root = await tree({
      ".dockerignore": "leak.txt\n",
      "a.txt": "a",
      "leak.txt": { link: `${outside}/secret.txt` },
    });
    expect(await listArtifactFiles(root)).toEqual([".dockerignore", "a.txt"]);
  });

  it("reports a folder link loop as LinkLoopError instead of hanging", async () => {
    const root = await tree({ "a/file.txt": "f", "a/back": { link: ".." } });
    const error = await listArtifactFiles(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkLoopError);
    expect((error as Error).message).toContain("back");
  });

  it("reports a self-referencing link as LinkLoopError", async () => {
    const root = await tree({ self: { link: "self" } });
    await expect(listArtifactFiles(root)).rejects.toBeInstanceOf(LinkLoopError);
  });

  it("allows the same folder twice through sibling links (not a loop)", async () => {
    const root = await tree({ "lib/a.js": "a", one: { link: "lib" }, two: { link: "lib" } });
    expect(await listArtifactFiles(root)).toEqual(["lib/a.js", "one/a.js", "two/a.js"]);
  });

  it("skips a broken link with a warning through onWarning", async () => {
    const root = await tree({ "a.txt": "a", dangling: { link: "missing-target" } });
    const warnings: string[] = [];
    expect(await listArtifactFiles(root, { onWarning: (w) => warnings.push(w) })).toEqual(["a.txt"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("dangling");
  });
});

describe("listing", () => {
  it("sorts by code point, not by UTF-16 unit or locale", async () => {
    const names = ["b", "a-b", "a/b", "A", "é", "z", "\u{1F600}", "\uFF21", "_"];
    const t: Record<string, string> = {};
    for (const n of names) {
      t[n === "a/b" ? "a/b" : n] = n;
    }
    const root = await tree(t);
    const expected = ["A", "_", "a-b", "a/b", "b", "z", "é", "\uFF21", "\u{1F600}"];
    expect(await listArtifactFiles(root)).toEqual(expected);
  });

  it("works for a relative root with the default .dockerignore (the Python SDK fails here)", async () => {
    const root = await tree({ "app/.dockerignore": "secret\n", "app/secret": "s", "app/main.py": "m" });
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(await listArtifactFiles("app")).toEqual([".dockerignore", "main.py"]);
      expect(await listArtifactFiles("./app/")).toEqual([".dockerignore", "main.py"]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("includes everything, hidden files too, without an ignore file", async () => {
    const root = await tree({ ".hidden": "h", "a/.b/c": "c", "empty/": "" });
    expect(await listArtifactFiles(root)).toEqual([".hidden", "a/.b/c"]);
  });

  it("hands the event loop back between slices of synchronous work", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      files[`d${i % 4}/f${i}.txt`] = String(i);
    }
    const root = await tree(files);
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) {
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    const sliced = await walk(root, RuleSet.fromIgnoreFiles([]), { sliceMs: 0 });
    running = false;
    expect(sliced.files.length).toBe(200);
    expect(ticks).toBeGreaterThan(10);
  });
});
