import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ArtifactError,
  checkArtifact,
  createArtifactStream,
  FileTooLargeError,
  listArtifactFiles,
  NotARegularFileError,
  writeArtifact,
} from "../src/index.js";
import { EntryTable } from "../src/plan/entry-table.js";
import { zipEntries } from "../src/zip/readable.js";
import { readZip, streamError, tempTrees } from "./helpers.js";

const tree = tempTrees();

function mkfifo(file: string): void {
  expect(spawnSync("mkfifo", [file]).status).toBe(0);
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});
async function socketAt(file: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(file, resolve));
}

const MIB = 1024 * 1024;

interface Case {
  name: string;
  setup: (root: string) => void;
  run: (root: string) => Promise<unknown>;
  error: typeof NotARegularFileError | typeof FileTooLargeError;
  mentions: string;
}

// Each of these hung (FIFOs), read 512 MB (/dev/zero) or read without limit before.
const refused: Case[] = [
  {
    name: "a FIFO named Dockerfile",
    setup: (root) => mkfifo(path.join(root, "Dockerfile")),
    run: (root) => checkArtifact(root),
    error: NotARegularFileError,
    mentions: "Dockerfile",
  },
  {
    name: "a Dockerfile linked to /dev/zero",
    setup: (root) => symlinkSync("/dev/zero", path.join(root, "Dockerfile")),
    run: (root) => checkArtifact(root),
    error: NotARegularFileError,
    mentions: "(device)",
  },
  {
    name: "a Dockerfile over 1 MiB",
    setup: (root) => writeFileSync(path.join(root, "Dockerfile"), `FROM x\n${"# padding\n".repeat(MIB / 10 + 1)}`),
    run: (root) => checkArtifact(root),
    error: FileTooLargeError,
    mentions: "Dockerfile",
  },
  {
    name: "a FIFO given as ignore file",
    setup: (root) => mkfifo(path.join(root, "my.ignore")),
    run: (root) => listArtifactFiles(root, { ignoreFiles: ["my.ignore"] }),
    error: NotARegularFileError,
    mentions: "my.ignore",
  },
  {
    name: "a FIFO as the default .dockerignore (it was silently ignored: nothing excluded)",
    setup: (root) => mkfifo(path.join(root, ".dockerignore")),
    run: (root) => writeArtifact(root, `${root}.zip`),
    error: NotARegularFileError,
    mentions: ".dockerignore",
  },
  {
    name: "an ignore file over 1 MiB",
    setup: (root) => writeFileSync(path.join(root, ".dockerignore"), "x\n".repeat(MIB / 2 + 1)),
    run: (root) => listArtifactFiles(root),
    error: FileTooLargeError,
    mentions: ".dockerignore",
  },
];

describe("only regular files are read", () => {
  it.each(refused)("$name is a typed error naming it", async (c) => {
    const root = await tree({ "a.txt": "a" });
    await c.setup(root);
    const error = (await c.run(root).catch((e: unknown) => e)) as ArtifactError;
    expect(error).toBeInstanceOf(c.error);
    expect(error.message).toContain(c.mentions);
    expect(error.message).not.toContain("\n");
  });

  it("FIFOs and sockets in the folder are skipped with a warning naming each, and the zip is written", async () => {
    const root = await tree({ "a.txt": "a", "sub/b.txt": "b" });
    mkfifo(path.join(root, "pipe"));
    mkfifo(path.join(root, "sub/pipe2"));
    await socketAt(path.join(root, "sock"));
    symlinkSync("pipe", path.join(root, "to-pipe"));
    const warnings: string[] = [];
    const dest = path.join(await tree({}), "a.zip");
    await writeArtifact(root, dest, { onWarning: (w) => warnings.push(w) });
    expect((await readZip(dest)).map((e) => e.name)).toEqual(["a.txt", "sub/", "sub/b.txt"]);
    expect(warnings.sort()).toEqual([
      `Skipping ${path.join(root, "pipe")}: not a regular file (FIFO)`,
      `Skipping ${path.join(root, "sock")}: not a regular file (socket)`,
      `Skipping ${path.join(root, "sub/pipe2")}: not a regular file (FIFO)`,
      `Skipping ${path.join(root, "to-pipe")}: not a regular file (FIFO)`,
    ]);
  });

  it("an excluded FIFO is skipped without a warning", async () => {
    const root = await tree({ "a.txt": "a", ".dockerignore": "pipe\n" });
    mkfifo(path.join(root, "pipe"));
    const warnings: string[] = [];
    expect(await listArtifactFiles(root, { onWarning: (w) => warnings.push(w) })).toEqual([".dockerignore", "a.txt"]);
    expect(warnings).toEqual([]);
  });

  it("a listed file that became a FIFO before its turn fails the stream instead of blocking it", async () => {
    const root = await tree({ "a.txt": "a" });
    mkfifo(path.join(root, "was-a-file"));
    const entries = new EntryTable();
    entries.addFile("a.txt", 1, 0o100644, Date.now());
    entries.addFile("was-a-file", 10, 0o100644, Date.now());
    const error = await streamError(zipEntries(Promise.resolve({ root, entries }), { level: 6, maxBytes: MIB }));
    expect(error).toBeInstanceOf(NotARegularFileError);
    expect((error as Error).message).toBe(`Not a regular file (FIFO): ${path.join(root, "was-a-file")}`);
  });

  it("createArtifactStream reports a FIFO ignore file as its error event", async () => {
    const root = await tree({ "a.txt": "a" });
    mkfifo(path.join(root, ".dockerignore"));
    expect(await streamError(createArtifactStream(root))).toBeInstanceOf(NotARegularFileError);
  });
});
