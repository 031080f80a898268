/** Bytes of the start of a file that decide whether deflating it is worth the CPU. */
export const SAMPLE_BYTES = 64 * 1024;
const MIN_SAMPLE = 4096;
// Random or already-compressed bytes measure ~7.95+ bits/byte on 4 KiB+ samples; text and code stay under 6.5.
const STORE_ABOVE_BITS = 7.5;

/**
 * True when the sample looks incompressible (already compressed or random), judged from its byte entropy,
 * never from the file name.
 */
export function looksIncompressible(sample: Uint8Array): boolean {
  const n = Math.min(sample.length, SAMPLE_BYTES);
  if (n < MIN_SAMPLE) {
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
  return bits > STORE_ABOVE_BITS;
}
