/**
 * True when the sample looks incompressible (already compressed or random), judged from the byte entropy of its
 * first 64 KiB, never from the file name.
 */
export function looksIncompressible(sample: Uint8Array): boolean {
  // Random or already-compressed bytes measure ~7.95+ bits/byte on 4 KiB+ samples; text and code stay under 6.5.
  const storeAboveBits = 7.5;
  const n = Math.min(sample.length, 64 * 1024);
  if (n < 4096) {
    return false;
  }
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) {
    counts[sample[i]!]!++;
  }
  let bits = 0;
  for (let b = 0; b < 256; b++) {
    const c = counts[b]!;
    if (c > 0) {
      const p = c / n;
      bits -= p * Math.log2(p);
    }
  }
  return bits > storeAboveBits;
}
