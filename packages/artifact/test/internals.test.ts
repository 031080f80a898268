import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { looksIncompressible } from "../src/deflate/compressibility.js";
import { makeJsCrc32 } from "../src/deflate/crc32.js";
import { compareCodePoints } from "../src/plan/path-order.js";
import { compilePattern } from "../src/select/pathspec-pattern.js";
import { pyStrip, splitLines } from "../src/select/python-text.js";
import { BufferPool } from "../src/zip/buffer-pool.js";
import { toDosDateTime } from "../src/zip/format.js";

function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe("compressibility from the bytes", () => {
  const cases: Array<[string, Buffer, boolean]> = [
    ["random bytes", noise(64 * 1024, 1), true],
    ["random bytes, short sample still judged", noise(8 * 1024, 2), true],
    ["under 4 KiB is left to deflate", noise(2048, 3), false],
    ["source text", Buffer.from("const value = compute(items, options);\n".repeat(2000)), false],
    ["zeros", Buffer.alloc(100_000), false],
    ["base64 text", Buffer.from(noise(48 * 1024, 4).toString("base64")), false],
    ["hex text", Buffer.from(noise(32 * 1024, 5).toString("hex")), false],
  ];
  it.each(cases)("%s -> store=%s", (_name, data, store) => {
    expect(looksIncompressible(data)).toBe(store);
  });
});

describe("CRC-32 for Node releases before zlib.crc32 (20.15)", () => {
  it.each([0, 1, 100, 70_000])("the table fallback agrees with zlib.crc32 on %i bytes, also when continued", (n) => {
    const data = noise(n, 9);
    const js = makeJsCrc32();
    expect(js(data, 0)).toBe(zlib.crc32(data));
    expect(js(data.subarray(n >> 1), js(data.subarray(0, n >> 1), 0))).toBe(zlib.crc32(data));
  });
});

describe("buffer pool", () => {
  it("hands out power-of-two classes and reuses returned buffers up to its byte cap", () => {
    const pool = new BufferPool(64 * 1024);
    const a = pool.take(5000);
    expect(a.byteLength).toBe(8192);
    pool.give(a);
    expect(pool.take(7000)).toBe(a);
    const big = Array.from({ length: 3 }, () => pool.take(32 * 1024));
    for (const b of big) {
      pool.give(b);
    }
    // 64 KiB cap: two 32 KiB buffers kept, the third dropped.
    const again = [pool.take(32 * 1024), pool.take(32 * 1024), pool.take(32 * 1024)];
    expect(again.filter((b) => big.includes(b))).toHaveLength(2);
  });

  it("drops detached and odd-sized buffers", () => {
    const pool = new BufferPool(1 << 20);
    pool.give(new ArrayBuffer(5000));
    expect(pool.take(5000).byteLength).toBe(8192);
  });
});

describe("small helpers", () => {
  it.each([
    ["a", "b", -1],
    ["a/b", "a-b", 1],
    ["\uFFFF", "\u{10000}", -1],
    ["\u{1F600}", "\uFF21", 1],
    ["ab", "a", 1],
    ["same", "same", 0],
  ])("compareCodePoints(%j, %j) has sign %i", (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });

  it.each([
    [" \t x \r", "x"],
    ["\u00a0x\u3000", "x"],
    ["\u001cx\u0085", "x"],
    ["\ufeffx", "\ufeffx"],
  ])("pyStrip(%j) is Python's strip()", (input, output) => {
    expect(pyStrip(input)).toBe(output);
  });

  it("splits on \\n, \\r\\n and lone \\r like Python's universal newlines", () => {
    expect(splitLines("a\r\nb\rc\nd")).toEqual(["a", "b", "c", "d"]);
    expect(splitLines("a\n")).toEqual(["a"]);
  });

  it.each(["#comment", "", "/", "  "])("compilePattern(%j) is no rule, as in pathspec", (pattern) => {
    expect(compilePattern(pattern)).toBeNull();
  });

  it("clamps DOS dates to the format's range", () => {
    expect(toDosDateTime(new Date(1970, 0, 1))).toEqual({ dosDate: (1 << 5) | 1, dosTime: 0 });
    const d = toDosDateTime(new Date(2024, 4, 6, 7, 8, 10));
    expect(d).toEqual({ dosDate: (44 << 9) | (5 << 5) | 6, dosTime: (7 << 11) | (8 << 5) | 5 });
  });
});
