import { spawnSync } from "node:child_process";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InlineDeflater, WorkerDeflater } from "../src/deflate/pool.js";
import { BATCH_INFO_FIELDS, type BatchResult, type BatchTask } from "../src/deflate/tasks.js";
import { deflateWorkerFile } from "../src/deflate/worker-file.js";
import { ArtifactError, NotARegularFileError, UnreadableFileError } from "../src/errors.js";
import { EntryTable } from "../src/plan/entry-table.js";
import { zipEntries } from "../src/zip/readable.js";
import { pseudoRandom, streamError, tempTrees } from "./helpers.js";

const tree = tempTrees();

const source = Buffer.from("export const value = compute(items, options);\n".repeat(400));
const files: Record<string, Buffer> = {
  "text.ts": source,
  "random.bin": pseudoRandom(64 * 1024, 7),
  "empty.txt": Buffer.alloc(0),
  "two.txt": Buffer.from("ab"),
  "repeat.txt": Buffer.from("a".repeat(100)),
};
const names = Object.keys(files);

interface FileOut {
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

function unpack(result: BatchResult, count: number): FileOut[] {
  const out: FileOut[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * BATCH_INFO_FIELDS;
    const [method, crc, size, compressed, offset] = Array.from(result.info.subarray(at, at + BATCH_INFO_FIELDS));
    const slice = Buffer.from(result.out, offset!, compressed!);
    out.push({ method: method!, crc: crc!, size: size!, data: method === 8 ? zlib.inflateRawSync(slice) : slice });
  }
  return out;
}

async function task(root: string, level: number, list = names, sizes?: number[]): Promise<BatchTask> {
  const listed = sizes ?? list.map((n) => files[n]?.length ?? 0);
  return {
    paths: list.map((n) => path.join(root, n)),
    sizes: listed,
    level,
    out: new ArrayBuffer(listed.reduce((a, b) => a + b, 0) || 1),
  };
}

describe("batches of whole files", () => {
  const workers = new WorkerDeflater(deflateWorkerFile()!, 1);
  afterAll(() => workers.close());

  it.each([
    ["inline", () => new InlineDeflater()],
    ["worker thread", () => workers],
  ])("%s: each file comes back with its method, CRC and exact bytes", async (_where, make) => {
    const root = await tree(files);
    const result = await make().zipBatch(await task(root, 6));
    expect(result.error).toBeUndefined();
    const got = unpack(result, names.length);
    const expected: Record<string, number> = {
      "text.ts": 8, // compresses
      "random.bin": 0, // random bytes are stored, judged from the bytes
      "empty.txt": 0,
      "two.txt": 0, // deflate would not shrink it
      "repeat.txt": 8,
    };
    names.forEach((name, i) => {
      expect({ name, method: got[i]!.method }).toEqual({ name, method: expected[name] });
      expect(got[i]!.size).toBe(files[name]!.length);
      expect(got[i]!.crc).toBe(zlib.crc32(files[name]!));
      expect(got[i]!.data.equals(files[name]!)).toBe(true);
    });
  });

  it("level 0 stores every file", async () => {
    const root = await tree(files);
    const got = unpack(await new InlineDeflater().zipBatch(await task(root, 0)), names.length);
    expect(got.map((f) => f.method)).toEqual(names.map(() => 0));
    expect(got.map((f) => f.data.toString("hex"))).toEqual(names.map((n) => files[n]!.toString("hex")));
  });

  it.each([
    ["inline", () => new InlineDeflater()],
    ["worker thread", () => workers],
  ])("%s: a missing file is reported by index, after the files before it", async (_where, make) => {
    const root = await tree(files);
    const list = ["text.ts", "gone.txt", "two.txt"];
    const result = await make().zipBatch(await task(root, 6, list, [source.length, 5, 2]));
    expect(result.error).toMatchObject({ index: 1, code: "ENOENT" });
    expect(unpack(result, 1)[0]!.data.equals(source)).toBe(true);
  });

  it.each([
    ["inline", () => new InlineDeflater()],
    ["worker thread", () => workers],
  ])("%s: a FIFO in place of a file is reported by index, never opened blocking", async (_where, make) => {
    const root = await tree(files);
    expect(spawnSync("mkfifo", [path.join(root, "fifo")]).status).toBe(0);
    const result = await make().zipBatch(await task(root, 6, ["text.ts", "fifo"], [source.length, 5]));
    expect(result.error).toEqual({ index: 1, code: "NOT_A_REGULAR_FILE", message: "FIFO" });
  });

  it("a file that grew since it was listed is an error; one that shrank is zipped as it is now", async () => {
    const root = await tree({ "grew.txt": "0123456789", "shrank.txt": "012" });
    const grew = await new InlineDeflater().zipBatch(await task(root, 6, ["grew.txt"], [4]));
    expect(grew.error).toMatchObject({ index: 0, code: "EGREW" });
    const shrank = await new InlineDeflater().zipBatch(await task(root, 6, ["shrank.txt"], [10]));
    expect(shrank.error).toBeUndefined();
    expect(unpack(shrank, 1)[0]).toMatchObject({ size: 3, data: Buffer.from("012") });
  });

  it("the writer turns a file that grew into an UNREADABLE_FILE error naming it", async () => {
    const root = await tree({ "log.txt": "many more bytes than listed" });
    const entries = new EntryTable();
    entries.addFile("log.txt", 4, 0o100644, Date.now());
    const stream = zipEntries(Promise.resolve({ root, entries }), { level: 6, maxBytes: 1 << 20 });
    const error = await streamError(stream);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error).not.toBeInstanceOf(UnreadableFileError);
    expect((error as ArtifactError).code).toBe("UNREADABLE_FILE");
    expect((error as Error).message).toMatch(
      new RegExp(`^File grew while it was being zipped: ${path.join(root, "log.txt")} \\(is something writing to it`),
    );
  });

  it("a file replaced by a folder fails with NotARegularFileError", async () => {
    const root = await tree({ "dir/x.txt": "x" });
    const entries = new EntryTable();
    entries.addFile("dir", 1, 0o100644, Date.now());
    const stream = zipEntries(Promise.resolve({ root, entries }), { level: 6, maxBytes: 1 << 20 });
    const error = await streamError(stream);
    expect(error).toBeInstanceOf(NotARegularFileError);
    expect((error as Error).message).toBe(`Not a regular file (directory): ${path.join(root, "dir")}`);
  });
});

describe("entry tables", () => {
  it("sort folders by their entry name, so `a/` comes after `a-b` and before `a0`", () => {
    const table = new EntryTable();
    table.addFile("a0", 1, 0o100644, 0);
    table.addDirectory("a", 0o40755, 0);
    table.addFile("a-b", 2, 0o100644, 0);
    table.addFile("a/x", 3, 0o100644, 0);
    const sorted = table.sorted();
    expect(Array.from({ length: sorted.length }, (_, i) => sorted.entryName(i))).toEqual(["a-b", "a/", "a/x", "a0"]);
    expect(sorted.fileTotals()).toEqual({ files: 3, bytes: 6 });
    expect(sorted.size(1)).toBe(0);
    expect(sorted.mode(1)).toBe(0o40755);
  });

  it("grow past their initial capacity and keep every field", () => {
    const table = new EntryTable();
    for (let i = 0; i < 1000; i++) {
      table.addFile(`f${i}`, i, 0o100600 + (i % 8), 1_700_000_000_000 + i + 0.5);
    }
    const both = table.concat(new EntryTable());
    expect(both.length).toBe(1000);
    expect([both.size(999), both.mode(999), both.mtimeMs(999)]).toEqual([999, 0o100607, 1_700_000_000_999.5]);
  });
});
