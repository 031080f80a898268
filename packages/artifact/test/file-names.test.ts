import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listArtifactFiles, writeArtifact } from "../src/index.js";
import { readZip, tempTrees } from "./helpers.js";

const tree = tempTrees();

// A name with byte 0xE9 (Latin-1 é), which is not UTF-8: Node reads it as "caf\uFFFD.txt", a name that does not exist.
const latin1 = (root: string, name: string) => Buffer.concat([Buffer.from(`${root}/`), Buffer.from(name, "latin1")]);

describe("file names that are not valid UTF-8", () => {
  it("are skipped with a warning spelling their bytes, instead of failing the artifact with ENOENT", async () => {
    const root = await tree({ "a.txt": "a", "sub/b.txt": "b" });
    writeFileSync(latin1(root, "caf\u00e9.txt"), "x");
    mkdirSync(latin1(root, "d\u00e9j\u00e0"));
    writeFileSync(Buffer.concat([latin1(root, "d\u00e9j\u00e0"), Buffer.from("/inner.txt")]), "y");
    const warnings: string[] = [];
    const dest = path.join(await tree({}), "a.zip");
    await writeArtifact(root, dest, { onWarning: (w) => warnings.push(w) });
    expect((await readZip(dest)).map((e) => e.name)).toEqual(["a.txt", "sub/", "sub/b.txt"]);
    expect(warnings.sort()).toEqual([
      `Skipping a name that is not valid UTF-8: ${path.join(root, "caf\\xe9.txt")}`,
      `Skipping a name that is not valid UTF-8: ${path.join(root, "d\\xe9j\\xe0")}`,
    ]);
  });

  it("a real U+FFFD in a valid name is kept", async () => {
    const root = await tree({ "a\uFFFDb.txt": "x", "c.txt": "c" });
    writeFileSync(latin1(root, "\u00ff"), "not utf-8");
    const warnings: string[] = [];
    expect(await listArtifactFiles(root, { onWarning: (w) => warnings.push(w) })).toEqual(["a\uFFFDb.txt", "c.txt"]);
    expect(warnings).toHaveLength(1);
  });
});
