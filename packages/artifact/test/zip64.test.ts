import { createWriteStream, linkSync, mkdirSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtifactStream, writeArtifact } from "../src/index.js";
import { makeTree, removeTree, tempTrees, unzipTest } from "./helpers.js";

const tree = tempTrees();

// 66 folders of 1,000 empty files (and the two they link to): 66,068 entries, past the 65,535 a zip without
// zip64 records can count. Hard links, because creating 66,000 inodes took 15-30 s of system time here.
async function manyFiles(): Promise<string> {
  const root = await makeTree({ seed0: "", seed1: "" });
  for (let d = 0; d < 66; d++) {
    mkdirSync(path.join(root, `d${d}`));
    for (let f = 0; f < 1000; f++) {
      // ext4 allows 65,000 links to one inode.
      linkSync(path.join(root, `seed${d % 2}`), path.join(root, `d${d}`, `f${f}`));
    }
  }
  return root;
}

const ZIP64_END = Buffer.from([0x50, 0x4b, 0x06, 0x06]);

describe("more than 65,535 entries", () => {
  let root: string;
  beforeAll(async () => {
    root = await manyFiles();
  }, 60_000);
  afterAll(() => removeTree(root));

  it("writeArtifact writes zip64 end records with bounded reading, and reports progress for every file", async () => {
    const out = await tree({});
    const dest = path.join(out, "many.zip");
    let calls = 0;
    let last = 0;
    const summary = await writeArtifact(root, dest, {
      onProgress: (p) => {
        calls++;
        last = p.files;
      },
    });
    expect(summary.files).toBe(66_002);
    expect(calls).toBe(66_002);
    expect(last).toBe(66_002);
    expect(await readdir(out)).toEqual(["many.zip"]);
    const zip = await readFile(dest);
    expect(zip.includes(ZIP64_END)).toBe(true);
    const test = unzipTest(dest);
    expect(test.status).toBe(0);
    expect(test.output).toContain("No errors detected");
  }, 120_000);

  it("createArtifactStream gives the same zip", async () => {
    const out = await tree({});
    const dest = path.join(out, "stream.zip");
    let calls = 0;
    await pipeline(createArtifactStream(root, { onProgress: () => calls++ }), createWriteStream(dest));
    expect(calls).toBe(66_002);
    expect(unzipTest(dest).status).toBe(0);
  }, 120_000);
});
