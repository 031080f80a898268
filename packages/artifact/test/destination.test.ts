import { createWriteStream, existsSync, writeFileSync } from "node:fs";
import { chmod, readdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import {
  type ArtifactError,
  checkArtifact,
  createArtifactStream,
  DestinationIsADirectoryError,
  DestinationNotWritableError,
  InvalidPathError,
  listArtifactFiles,
  writeArtifact,
} from "../src/index.js";
import { readZip, streamError, tempTrees, unzipTest } from "./helpers.js";

const tree = tempTrees();
const names = async (zip: string) => (await readZip(zip)).map((e) => e.name);

describe("a zip written inside the folder it zips", () => {
  it("writeArtifact leaves out its own destination, so a second run does not zip the first zip", async () => {
    const root = await tree({ "a.txt": "a", "sub/b.txt": "b" });
    const dest = path.join(root, "artifact.zip");
    const first = await writeArtifact(root, dest);
    const second = await writeArtifact(root, dest);
    expect(second).toEqual(first);
    expect(await names(dest)).toEqual(["a.txt", "sub/", "sub/b.txt"]);
  });

  it("and the temporary files of runs that were killed, in a sub-folder given relatively", async () => {
    const root = await tree({ "a.txt": "a", "out/.artifact.zip.1234.1700000000000.partial": "left by a killed run" });
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await writeArtifact(".", "out/artifact.zip");
    } finally {
      process.chdir(cwd);
    }
    expect(await names(path.join(root, "out/artifact.zip"))).toEqual(["a.txt"]);
  });

  it("createArtifactStream piped into a file inside the folder leaves that file out", async () => {
    const root = await tree({ "a.txt": "a".repeat(100_000), "b.txt": "b" });
    const dest = path.join(root, "stream.zip");
    writeFileSync(dest, "an earlier zip");
    await pipeline(createArtifactStream(root), createWriteStream(dest));
    expect(unzipTest(dest).status).toBe(0);
    expect(await names(dest)).toEqual(["a.txt", "b.txt"]);
  });
});

interface Refusal {
  name: string;
  run: (root: string, out: string, options: { onProgress: () => void }) => Promise<unknown>;
  error: new (...args: never[]) => ArtifactError;
  mentions: (out: string) => string;
}

const refusals: Refusal[] = [
  {
    name: "an empty root (it zipped the current folder)",
    run: (_root, out, options) => writeArtifact("", path.join(out, "a.zip"), options),
    error: InvalidPathError,
    mentions: () => '""',
  },
  {
    name: "a destination that is a folder (it zipped everything, then failed EISDIR)",
    run: (root, out, options) => writeArtifact(root, out, options),
    error: DestinationIsADirectoryError,
    mentions: (out) => out,
  },
  {
    name: "a destination written as a folder",
    run: (root, out, options) => writeArtifact(root, `${out}/new-folder/`, options),
    error: DestinationIsADirectoryError,
    mentions: (out) => `${out}/new-folder/`,
  },
  {
    name: "an empty destination",
    run: (root, _out, options) => writeArtifact(root, "", options),
    error: InvalidPathError,
    mentions: () => '""',
  },
  {
    name: "a destination in a folder that does not exist",
    run: (root, out, options) => writeArtifact(root, path.join(out, "missing/a.zip"), options),
    error: DestinationNotWritableError,
    mentions: (out) => path.join(out, "missing/a.zip"),
  },
  {
    name: "a destination on a read-only file system (it named the temporary file)",
    run: (root, _out, options) => writeArtifact(root, "/proc/artifact.zip", options),
    error: DestinationNotWritableError,
    mentions: () => "Cannot write the artifact to /proc/artifact.zip (",
  },
];

describe("bad destinations and roots are typed errors before any work, naming the path given", () => {
  it.each(refusals)("$name", async (c) => {
    const root = await tree({ "a.txt": "a" });
    const out = await tree({});
    let progress = 0;
    const error = (await c.run(root, out, { onProgress: () => progress++ }).catch((e: unknown) => e)) as ArtifactError;
    expect(error).toBeInstanceOf(c.error);
    expect(error.message).toContain(c.mentions(out));
    expect(error.message).not.toContain(".partial");
    expect(progress).toBe(0);
    expect(await readdir(out)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)(
    "a read-only folder is DestinationNotWritableError naming the destination",
    async () => {
      const root = await tree({ "a.txt": "a" });
      const out = await tree({});
      await chmod(out, 0o555);
      try {
        const error = await writeArtifact(root, path.join(out, "a.zip")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DestinationNotWritableError);
        expect((error as Error).message).toBe(`Cannot write the artifact to ${path.join(out, "a.zip")} (EACCES)`);
      } finally {
        await chmod(out, 0o755);
      }
    },
  );

  it("an empty root is refused by every entry point", async () => {
    await expect(listArtifactFiles("")).rejects.toBeInstanceOf(InvalidPathError);
    await expect(checkArtifact("")).rejects.toBeInstanceOf(InvalidPathError);
    expect(await streamError(createArtifactStream(""))).toBeInstanceOf(InvalidPathError);
  });

  it("checkArtifact refuses a context or Dockerfile path that leaves the root, instead of checking ./Dockerfile", async () => {
    const root = await tree({ Dockerfile: "FROM x\n" });
    await expect(checkArtifact(root, { dockerfilePath: "../../etc/passwd" })).rejects.toBeInstanceOf(InvalidPathError);
    await expect(checkArtifact(root, { context: ".." })).rejects.toBeInstanceOf(InvalidPathError);
    await expect(checkArtifact(root, { dockerfilePath: "" })).rejects.toBeInstanceOf(InvalidPathError);
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
  });
});
