import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { createArtifactStream, writeArtifact } from "../src/index.js";
import { planZip } from "../src/plan/plan.js";
import { selectFiles } from "../src/select/select.js";
import { zipEntries } from "../src/zip/readable.js";
import { pseudoRandom, readZip, setMtime, tempTrees, unzipTest } from "./helpers.js";

const tree = tempTrees();

function text(bytes: number, seed: number): Buffer {
  const words = ["alpha", "beta", "gamma", "delta", "zip", "deflate", "const", "return", "value", "\n"];
  const out: string[] = [];
  let size = 0;
  let x = seed;
  while (size < bytes) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const w = words[x % words.length]!;
    out.push(w);
    size += w.length + 1;
  }
  return Buffer.from(out.join(" ").slice(0, bytes));
}

// Python's zipfile checks every CRC and prints the sorted names.
function pythonZipNames(dest: string): string {
  const py = spawnSync(
    "/usr/bin/python3",
    [
      "-c",
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(sorted(z.namelist()))",
      dest,
    ],
    { encoding: "utf8" },
  );
  expect(py.stderr).toBe("");
  return py.stdout.trim();
}

const MTIME = Math.floor(new Date(2024, 4, 6, 7, 8, 10).getTime() / 1000);

async function zipAndRead(root: string, options: Parameters<typeof writeArtifact>[2] = {}) {
  const dest = path.join(await tree({}), "artifact.zip");
  const summary = await writeArtifact(root, dest, { maxBytes: 1024 * 1024 * 1024, ...options });
  const test = unzipTest(dest);
  expect(test.output).toContain("No errors detected");
  expect(test.status).toBe(0);
  return { dest, summary, entries: await readZip(dest) };
}

async function expectRoundTrip(root: string, entries: Awaited<ReturnType<typeof readZip>>) {
  for (const entry of entries.filter((e) => !e.name.endsWith("/"))) {
    expect(entry.data.equals(await readFile(path.join(root, entry.name))), entry.name).toBe(true);
  }
}

describe("zip layout", () => {
  it("writes sorted entries, a dir/ entry per parent folder, modes and mtimes, round-tripping byte for byte", async () => {
    const root = await tree({
      ".dockerignore": "*.log\n",
      Dockerfile: "FROM scratch\n",
      "entrypoint.sh": { mode: 0o755, content: "#!/bin/sh\necho hi\n" },
      "src/app.py": "print('hi')\n",
      "src/lib/util.py": text(5000, 1),
      "src-b/x.txt": "x",
      "debug.log": "excluded",
      "empty-dir/": "",
      "naïve/café.txt": "non-ascii",
    });
    for (const f of [
      "Dockerfile",
      "entrypoint.sh",
      "src/app.py",
      "src/lib/util.py",
      "src",
      "src/lib",
      "naïve/café.txt",
    ]) {
      await setMtime(path.join(root, f), MTIME);
    }
    const { entries, summary } = await zipAndRead(root);
    expect(entries.map((e) => e.name)).toEqual([
      ".dockerignore",
      "Dockerfile",
      "entrypoint.sh",
      "naïve/",
      "naïve/café.txt",
      "src-b/",
      "src-b/x.txt",
      "src/",
      "src/app.py",
      "src/lib/",
      "src/lib/util.py",
    ]);
    expect(summary.files).toBe(7);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get("entrypoint.sh")!.mode).toBe(0o100755);
    expect(byName.get("Dockerfile")!.mode).toBe(0o100644);
    expect(byName.get("src/")!.mode & 0o170000).toBe(0o040000);
    expect(byName.get("src/")!.isDirectoryAttr).toBe(true);
    expect(byName.get("src/")!.data.length).toBe(0);
    expect(byName.get("src/")!.method).toBe(0);
    expect(byName.get("src/lib/util.py")!.method).toBe(8);
    for (const name of ["Dockerfile", "src/app.py", "src/", "naïve/café.txt"]) {
      expect(byName.get(name)!.mtime.getTime(), name).toBe(MTIME * 1000);
    }
    for (const e of entries) {
      expect(e.name.startsWith("/") || e.name.split("/").includes("..")).toBe(false);
    }
    await expectRoundTrip(root, entries);
  });

  it("opens with Python's zipfile too (the service side's reader)", async () => {
    const root = await tree({ "a/b.txt": text(3000, 2), "c.bin": pseudoRandom(9000, 3) });
    const { dest } = await zipAndRead(root);
    expect(pythonZipNames(dest)).toBe("['a/', 'a/b.txt', 'c.bin']");
  });

  it("stores incompressible data and deflates text, judged from the bytes, not the extension", async () => {
    const root = await tree({
      "random.txt": pseudoRandom(100_000, 7),
      "text.png": text(100_000, 8),
      "tiny.bin": pseudoRandom(100, 9),
    });
    const { entries } = await zipAndRead(root);
    const method = Object.fromEntries(entries.map((e) => [e.name, e.method]));
    expect(method).toEqual({ "random.txt": 0, "text.png": 8, "tiny.bin": 0 });
    await expectRoundTrip(root, entries);
  });

  it("level 0 stores everything", async () => {
    const root = await tree({ "a.txt": text(50_000, 1), "b/c.txt": text(10, 2) });
    const { entries } = await zipAndRead(root, { level: 0 });
    expect(entries.filter((e) => !e.name.endsWith("/")).map((e) => e.method)).toEqual([0, 0]);
    await expectRoundTrip(root, entries);
  });

  // New bytes per block: 1 MiB less the 32 KiB dictionary window.
  const MIXED_BLOCK = 1024 * 1024 - 32 * 1024;
  it("streams big files in blocks (parallel workers, data descriptors) and still round-trips", async () => {
    // Over 8 MiB to deflate, so the worker pool is used; blocks of 1 MiB are primed with the previous 32 KiB.
    const root = await tree({
      "big/text.sql": text(6 * 1024 * 1024 + 12345, 11),
      "big/exact.txt": text(2 * 1024 * 1024, 12),
      "big/blob.bin": pseudoRandom(3 * 1024 * 1024 + 1, 13),
      // Judged compressible from its first block, so its random blocks are deflated too, the last one exactly
      // 512 KiB of new data: deflate's output must still fit the block's buffer (sized by zlib's deflateBound).
      "big/mixed.bin": Buffer.concat([text(MIXED_BLOCK, 16), pseudoRandom(MIXED_BLOCK + 512 * 1024, 17)]),
      "small/a.txt": text(20_000, 14),
      "small/b.txt": text(200_000, 15),
    });
    const progress: Array<{ files: number; bytes: number }> = [];
    const warnings: string[] = [];
    const { entries } = await zipAndRead(root, {
      onProgress: (p) => progress.push({ files: p.files, bytes: p.bytes }),
      onWarning: (w) => warnings.push(w),
    });
    // The worker file was found (the fallback to main-thread deflate warns).
    expect(warnings).toEqual([]);
    const method = Object.fromEntries(entries.map((e) => [e.name, e.method]));
    expect(method["big/text.sql"]).toBe(8);
    expect(method["big/blob.bin"]).toBe(0);
    expect(method["big/mixed.bin"]).toBe(8);
    await expectRoundTrip(root, entries);
    const total =
      6 * 1024 * 1024 + 12345 + 2 * 1024 * 1024 + 3 * 1024 * 1024 + 1 + 2 * MIXED_BLOCK + 512 * 1024 + 220_000;
    expect(progress.at(-1)).toEqual({ files: 6, bytes: total });
    // Multi-block deflate must still compress like one stream would.
    const textEntry = entries.find((e) => e.name === "big/text.sql")!;
    expect(textEntry.data.length).toBe(6 * 1024 * 1024 + 12345);
  });

  it("createArtifactStream gives the same bytes as writeArtifact", async () => {
    const root = await tree({ "a.txt": text(4000, 3), "d/e.bin": pseudoRandom(5000, 4) });
    const { dest } = await zipAndRead(root);
    const chunks: Buffer[] = [];
    for await (const chunk of createArtifactStream(root)) {
      chunks.push(chunk as Buffer);
    }
    expect(Buffer.concat(chunks).equals(await readFile(dest))).toBe(true);
  });

  it("zip64 records (forced on a small zip) open in unzip, yauzl and Python's zipfile with the same entries", async () => {
    const root = await tree({
      "run.sh": { mode: 0o755, content: "#!/bin/sh\n" },
      "src/a.py": text(3000, 5),
      "src/b/c.bin": pseudoRandom(2000, 6),
      // Two blocks, one streamed with a data descriptor: every zip64 record shape is written.
      "big/d.txt": text(3 * 1024 * 1024, 7),
    });
    const selected = await selectFiles(root);
    const plan = await planZip(selected.root, selected.files);
    const stream = zipEntries(Promise.resolve(plan), { level: 6, maxBytes: 1 << 30, forceZip64: true });
    const dest = path.join(await tree({}), "zip64.zip");
    await pipeline(stream, createWriteStream(dest));
    const zip = await readFile(dest);
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true);
    expect(unzipTest(dest).status).toBe(0);
    const entries = await readZip(dest);
    expect(entries.map((e) => e.name)).toEqual([
      "big/",
      "big/d.txt",
      "run.sh",
      "src/",
      "src/a.py",
      "src/b/",
      "src/b/c.bin",
    ]);
    expect(entries.find((e) => e.name === "run.sh")!.mode & 0o777).toBe(0o755);
    await expectRoundTrip(root, entries);
    expect(pythonZipNames(dest)).toBe("['big/', 'big/d.txt', 'run.sh', 'src/', 'src/a.py', 'src/b/', 'src/b/c.bin']");
  });
});
