import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { createRawDeflater, zlibFastPath } from "../src/deflate/zlib-fastpath.js";
import { pseudoRandom } from "./helpers.js";

// The suite runs twice in CI: as is, and with PEAK_ARTIFACT_ZLIB_FASTPATH=0 (`pnpm test:fallback`), so every
// zip test also proves the fallback.
const switchedOff = process.env.PEAK_ARTIFACT_ZLIB_FASTPATH === "0";

const text = Buffer.from("const value = compute(items, options); // zlib fast path\n".repeat(500));

describe(`raw deflate (${switchedOff ? "fallback: deflateRawSync" : "fast path: zlib's handle"})`, () => {
  it("uses zlib's handle unless PEAK_ARTIFACT_ZLIB_FASTPATH=0", () => {
    expect(zlibFastPath()).toBe(!switchedOff);
  });

  it("deflates whole inputs that inflate back, one engine after another", () => {
    const engine = createRawDeflater(6);
    for (const input of [text, text.subarray(0, 1000), Buffer.from("x")]) {
      const out = new Uint8Array(input.length + 64);
      const written = engine.deflateInto(input, out, zlib.constants.Z_FINISH);
      expect(written).toBeGreaterThan(0);
      expect(zlib.inflateRawSync(out.subarray(0, written)).equals(input)).toBe(true);
    }
    engine.close();
  });

  it("says -1 when the output does not fit with a byte to spare", () => {
    const engine = createRawDeflater(6);
    const random = pseudoRandom(4096, 5);
    expect(engine.deflateInto(random, new Uint8Array(random.length), zlib.constants.Z_FINISH)).toBe(-1);
    engine.close();
  });

  it("primes a block with the previous bytes as dictionary, and sync-flushed blocks concatenate", () => {
    const first = text.subarray(0, 10_000);
    const second = text.subarray(10_000);
    const a = createRawDeflater(6);
    const outA = new Uint8Array(20_000);
    const n = a.deflateInto(first, outA, zlib.constants.Z_SYNC_FLUSH);
    const b = createRawDeflater(6, first.subarray(first.length - 8192));
    const outB = new Uint8Array(40_000);
    const m = b.deflateInto(second, outB, zlib.constants.Z_SYNC_FLUSH);
    a.close();
    b.close();
    const stream = Buffer.concat([outA.subarray(0, n), outB.subarray(0, m), zlib.deflateRawSync(Buffer.alloc(0))]);
    expect(zlib.inflateRawSync(stream).equals(text)).toBe(true);
  });
});
