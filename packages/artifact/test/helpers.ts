import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import yauzl from "yauzl";

/** A file's content, or a symbolic link to create. */
export type TreeNode = string | Buffer | { link: string } | { mode: number; content: string | Buffer };

/** Creates a temp folder holding `tree` (keys are `/`-separated relative paths; a trailing `/` makes an empty dir). */
export async function makeTree(tree: Record<string, TreeNode>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "peak-artifact-test-"));
  await fillTree(root, tree);
  return root;
}

/** Writes `tree` under an existing folder. */
export async function fillTree(root: string, tree: Record<string, TreeNode>): Promise<void> {
  for (const [rel, node] of Object.entries(tree)) {
    const abs = path.join(root, ...rel.split("/"));
    if (rel.endsWith("/")) {
      await mkdir(abs, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof node === "object" && "link" in node) {
      await symlink(node.link, abs);
    } else if (typeof node === "object" && "mode" in node) {
      await writeFile(abs, node.content);
      await chmod(abs, node.mode);
    } else {
      await writeFile(abs, node);
    }
  }
}

/** Registers cleanup after each test and returns a `makeTree` whose folders it removes. */
export function tempTrees(): (tree: Record<string, TreeNode>) => Promise<string> {
  const roots: string[] = [];
  afterEach(async () => {
    await Promise.all(roots.splice(0).map(removeTree));
  });
  return async (tree) => {
    const root = await makeTree(tree);
    roots.push(root);
    return root;
  };
}

/** Deterministic bytes that do not compress (xorshift32). */
export function pseudoRandom(bytes: number, seed: number): Buffer {
  const buf = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return buf;
}

/** Drains a stream and resolves with the error it is destroyed with. */
export function streamError(stream: Readable): Promise<unknown> {
  return new Promise((resolve, reject) => {
    stream.on("error", resolve);
    stream.on("end", () => reject(new Error("the stream ended without an error")));
    stream.resume();
  });
}

/** Removes a temp folder. */
export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

/** Sets a file's mtime (seconds since epoch, even so DOS time keeps it exactly). */
export async function setMtime(file: string, seconds: number): Promise<void> {
  await utimes(file, seconds, seconds);
}

/** One entry as read back by yauzl. */
export interface ReadEntry {
  name: string;
  data: Buffer;
  mode: number;
  method: number;
  mtime: Date;
  isDirectoryAttr: boolean;
}

/** Reads every entry of a zip with yauzl (an independent reader), in file order. */
export function readZip(file: string): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true }, (error, zip) => {
      if (error || !zip) {
        reject(error);
        return;
      }
      const out: ReadEntry[] = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            reject(err);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.push({
              name: entry.fileName,
              data: Buffer.concat(chunks),
              mode: (entry.externalFileAttributes >>> 16) & 0xffff,
              method: entry.compressionMethod,
              mtime: entry.getLastModDate(),
              isDirectoryAttr: (entry.externalFileAttributes & 0x10) !== 0,
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Runs Info-ZIP's `unzip -tq` (every entry checked, one line of output); returns its exit status and output. */
export function unzipTest(file: string): { status: number | null; output: string } {
  const result = spawnSync("/usr/bin/unzip", ["-tq", file], { encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** The Python SDK's pipeline, shared with the benchmark (`pnpm bench:artifact` times its `zip` mode). */
export const PYTHON_SDK = fileURLToPath(new URL("./reference/python_sdk.py", import.meta.url));

/** The Python SDK's file list for each folder (Debian's python3-pathspec). */
export function pythonSelect(
  cases: Array<{ root: string; ignoreFiles: string[] }>,
): Array<{ files?: string[]; error?: string }> {
  const result = spawnSync("/usr/bin/python3", ["-W", "ignore", PYTHON_SDK, "select"], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`python failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as Array<{ files?: string[]; error?: string }>;
}
