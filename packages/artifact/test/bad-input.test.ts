import { existsSync } from "node:fs";
import { chmod, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ArtifactAbortedError,
  ArtifactError,
  ArtifactTooLargeError,
  checkArtifact,
  createArtifactStream,
  IgnoreFileNotAtRootError,
  IgnoreFileNotFoundError,
  IgnoreFileOutsideRootError,
  InvalidIgnorePatternError,
  InvalidPathError,
  LinkLoopError,
  LinkOutsideRootError,
  listArtifactFiles,
  RootNotADirectoryError,
  RootNotFoundError,
  UnreadableFileError,
  writeArtifact,
} from "../src/index.js";
import { EntryTable } from "../src/plan/entry-table.js";
import { zipEntries } from "../src/zip/readable.js";
import { readZip, streamError, tempTrees, unzipTest } from "./helpers.js";

const tree = tempTrees();

type ErrorClass = new (...args: never[]) => ArtifactError;

interface BadCase {
  name: string;
  setup: () => Promise<{ root: string; ignoreFiles?: string[] }>;
  error: ErrorClass;
  code: string;
  /** Text the one-line message must contain (usually the path). */
  mentions: (root: string) => string;
}

const bad: BadCase[] = [
  {
    name: "missing root",
    setup: async () => ({ root: path.join(await tree({}), "nope") }),
    error: RootNotFoundError,
    code: "ROOT_NOT_FOUND",
    mentions: (root) => root,
  },
  {
    name: "a file instead of a folder",
    setup: async () => ({ root: path.join(await tree({ "f.txt": "x" }), "f.txt") }),
    error: RootNotADirectoryError,
    code: "ROOT_NOT_A_DIRECTORY",
    mentions: (root) => root,
  },
  {
    name: "an ignore file that does not exist",
    setup: async () => ({ root: await tree({ "a.txt": "a" }), ignoreFiles: ["missing.ignore"] }),
    error: IgnoreFileNotFoundError,
    code: "IGNORE_FILE_NOT_FOUND",
    mentions: () => "missing.ignore",
  },
  {
    name: "an ignore file outside the root",
    setup: async () => ({
      root: path.join(await tree({ "app/a.txt": "a", "x.ignore": "" }), "app"),
      ignoreFiles: ["../x.ignore"],
    }),
    error: IgnoreFileOutsideRootError,
    code: "IGNORE_FILE_OUTSIDE_ROOT",
    mentions: () => "x.ignore",
  },
  {
    name: "an ignore file in a sub-folder",
    setup: async () => ({
      root: await tree({ "sub/.dockerignore": "", "a.txt": "a" }),
      ignoreFiles: ["sub/.dockerignore"],
    }),
    error: IgnoreFileNotAtRootError,
    code: "IGNORE_FILE_NOT_AT_ROOT",
    mentions: () => "sub/.dockerignore",
  },
  {
    name: "a link outside the root",
    setup: async () => {
      const outside = await tree({ "s.txt": "s" });
      return { root: await tree({ "l.txt": { link: `${outside}/s.txt` } }) };
    },
    error: LinkOutsideRootError,
    code: "LINK_OUTSIDE_ROOT",
    mentions: () => "l.txt",
  },
  {
    name: "a link loop",
    setup: async () => ({ root: await tree({ "d/x": "x", "d/up": { link: "../d" } }) }),
    error: LinkLoopError,
    code: "LINK_LOOP",
    mentions: () => "up",
  },
  {
    name: "a pattern pathspec rejects (trailing backslash)",
    setup: async () => ({ root: await tree({ ".dockerignore": "ok\nbad\\\n", "a.txt": "a" }) }),
    error: InvalidIgnorePatternError,
    code: "INVALID_IGNORE_PATTERN",
    mentions: () => ".dockerignore:2",
  },
];

describe("bad input: typed errors with a one-line message naming the path", () => {
  it.each(bad)("$name -> listArtifactFiles rejects", async (c) => {
    const { root, ignoreFiles } = await c.setup();
    const error = await listArtifactFiles(root, ignoreFiles === undefined ? {} : { ignoreFiles }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(c.error);
    expect(error).toBeInstanceOf(ArtifactError);
    const e = error as ArtifactError;
    expect(e.name).toBe(c.error.name);
    expect(e.code).toBe(c.code);
    expect(e.message).toContain(c.mentions(root));
    expect(e.message).not.toContain("\n");
  });

  it.each(bad)("$name -> writeArtifact rejects and leaves no file behind", async (c) => {
    const { root, ignoreFiles } = await c.setup();
    const outDir = await tree({});
    const dest = path.join(outDir, "out.zip");
    await expect(writeArtifact(root, dest, ignoreFiles === undefined ? {} : { ignoreFiles })).rejects.toBeInstanceOf(
      c.error,
    );
    expect(await readdir(outDir)).toEqual([]);
  });

  it("root errors are InvalidPathError too, as the Python SDK's InvalidPathException", () => {
    expect(new RootNotFoundError("/x")).toBeInstanceOf(InvalidPathError);
    expect(new IgnoreFileNotAtRootError("/x/y", "/x")).toBeInstanceOf(InvalidPathError);
  });

  it("checkArtifact reports bad input with the same errors", async () => {
    const root = path.join(await tree({}), "nope");
    await expect(checkArtifact(root)).rejects.toBeInstanceOf(RootNotFoundError);
  });
});

describe("size limit", () => {
  it("destroys the stream with ArtifactTooLargeError naming the limit and the maxBytes option, leaving no zip", async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) {
      // Random bytes do not compress, so 40 x 64 KiB crosses 1 MiB quickly.
      files[`f${String(i).padStart(2, "0")}.bin`] = Buffer.from(
        Array.from({ length: 64 * 1024 }, (_, k) => (Math.imul(k + 1, 2654435761 + i) >>> 13) & 0xff),
      );
    }
    const root = await tree(files);
    const outDir = await tree({});
    const dest = path.join(outDir, "out.zip");
    const progress: number[] = [];
    const error = await writeArtifact(root, dest, {
      maxBytes: 1024 * 1024,
      onProgress: (p) => progress.push(p.files),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactTooLargeError);
    expect((error as Error).message).toContain("1 MiB");
    expect((error as Error).message).toContain("maxBytes");
    expect((error as ArtifactTooLargeError).maxBytes).toBe(1024 * 1024);
    expect(existsSync(dest)).toBe(false);
    expect(await readdir(outDir)).toEqual([]);
    // It stopped once the limit was crossed, not after zipping everything.
    expect(Math.max(0, ...progress)).toBeLessThan(20);
  });

  it("a zip exactly under the limit passes", async () => {
    const root = await tree({ "a.txt": "hello" });
    const dest = path.join(await tree({}), "a.zip");
    const { bytes } = await writeArtifact(root, dest);
    const again = path.join(path.dirname(dest), "b.zip");
    await expect(writeArtifact(root, again, { maxBytes: bytes })).resolves.toEqual({ files: 1, bytes });
    await expect(
      writeArtifact(root, path.join(path.dirname(dest), "c.zip"), { maxBytes: bytes - 1 }),
    ).rejects.toBeInstanceOf(ArtifactTooLargeError);
    for (const zip of [dest, again]) {
      expect(unzipTest(zip).status).toBe(0);
      expect((await readZip(zip)).map((e) => [e.name, e.data.toString()])).toEqual([["a.txt", "hello"]]);
    }
  });
});

describe("unreadable files and aborts", () => {
  it("a file that cannot be opened when its turn comes fails the stream with UnreadableFileError naming it", async () => {
    const root = await tree({ "a.txt": "a" });
    const gone = path.join(root, "gone.txt");
    const entries = new EntryTable();
    entries.addFile("a.txt", 1, 0o100644, Date.now());
    entries.addFile("gone.txt", 3, 0o100644, Date.now());
    const stream = zipEntries(Promise.resolve({ root, entries }), { level: 6, maxBytes: 1024 * 1024 });
    const error = await streamError(stream);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toContain(gone);
    expect((error as Error).message).toContain("ENOENT");
  });

  it.skipIf(process.getuid?.() === 0)("a file without read permission fails with UnreadableFileError", async () => {
    const root = await tree({ "a.txt": "a", "locked.txt": "l" });
    await chmod(path.join(root, "locked.txt"), 0o000);
    const dest = path.join(await tree({}), "out.zip");
    await expect(writeArtifact(root, dest)).rejects.toThrow(/locked\.txt/);
    expect(existsSync(dest)).toBe(false);
  });

  it("an AbortSignal destroys the stream with ArtifactAbortedError", async () => {
    const root = await tree({ "a.txt": "a" });
    const controller = new AbortController();
    controller.abort();
    const stream = createArtifactStream(root, { signal: controller.signal });
    const error = await streamError(stream);
    expect(error).toBeInstanceOf(ArtifactAbortedError);
  });

  it("writeArtifact with an aborted signal rejects with ArtifactAbortedError and writes nothing", async () => {
    const root = await tree({ "a.txt": "a" });
    const outDir = await tree({});
    const controller = new AbortController();
    controller.abort();
    await expect(writeArtifact(root, path.join(outDir, "a.zip"), { signal: controller.signal })).rejects.toBeInstanceOf(
      ArtifactAbortedError,
    );
    expect(await readdir(outDir)).toEqual([]);
  });

  it("rejects an invalid level synchronously", async () => {
    const root = await tree({ "a.txt": "a" });
    expect(() => createArtifactStream(root, { level: 10 })).toThrow(RangeError);
  });
});
