import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkArtifact, LinkLoopError, LinkOutsideRootError, listArtifactFiles, writeArtifact } from "../src/index.js";
import { readZip, tempTrees } from "./helpers.js";

const tree = tempTrees();

const DOCKERFILE = "FROM x\nCOPY missing.txt /app/\n";

describe("links the rules exclude are never followed", () => {
  it("checkArtifact does not walk into an ignored link to /proc (it failed EACCES on /proc/1/cwd)", async () => {
    const root = await tree({ Dockerfile: DOCKERFILE, ".dockerignore": "proclink\n" });
    symlinkSync("/proc", path.join(root, "proclink"));
    const report = await checkArtifact(root);
    expect(report.issues).toEqual([expect.objectContaining({ kind: "copy-source-missing", source: "missing.txt" })]);
  });

  it("an ignored link to itself is skipped, not a LinkLoopError", async () => {
    const root = await tree({ "a.txt": "a", ".dockerignore": "self\nloop/\n" });
    symlinkSync("self", path.join(root, "self"));
    symlinkSync("loop", path.join(root, "loop"));
    expect(await listArtifactFiles(root)).toEqual([".dockerignore", "a.txt"]);
    expect((await checkArtifact(root)).issues.map((i) => i.kind)).toEqual(["dockerfile-missing"]);
  });

  it("an ignored loop is skipped even where a later ! line keeps the walk going", async () => {
    const root = await tree({ "a.md": "a", ".dockerignore": "self\n!*.md\n" });
    symlinkSync("self", path.join(root, "self"));
    expect(await listArtifactFiles(root)).toEqual([".dockerignore", "a.md"]);
  });

  it("a loop that is not ignored is still a LinkLoopError", async () => {
    const root = await tree({ "a.txt": "a" });
    symlinkSync("self", path.join(root, "self"));
    await expect(listArtifactFiles(root)).rejects.toBeInstanceOf(LinkLoopError);
  });
});

describe("links that leave the root are never walked", () => {
  it("a folder link out of the root that the rules may include from is LinkOutsideRootError naming the link", async () => {
    const root = await tree({ "a.md": "a", ".dockerignore": "proclink\n!*.md\n" });
    symlinkSync("/proc", path.join(root, "proclink"));
    const error = await listArtifactFiles(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkOutsideRootError);
    expect((error as Error).message).toContain(`${path.join(root, "proclink")} -> /proc`);
  });

  it("an outside link whose files are all excluded is left out of the zip", async () => {
    const outside = await tree({ "secret.txt": "s", "x/y.txt": "y" });
    const root = await tree({ "a.txt": "a", ".dockerignore": "ext\nfile.txt\n" });
    symlinkSync(path.join(outside, "x"), path.join(root, "ext"));
    symlinkSync(path.join(outside, "secret.txt"), path.join(root, "file.txt"));
    const dest = path.join(await tree({}), "a.zip");
    await writeArtifact(root, dest);
    expect((await readZip(dest)).map((e) => e.name)).toEqual([".dockerignore", "a.txt"]);
  });
});
