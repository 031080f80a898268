import zlib from "node:zlib";

/** CRC-32 of `data` continuing from `value` (0 to start). */
type Crc32 = (data: Uint8Array, value: number) => number;

/** A table-driven CRC-32 for Node releases without zlib.crc32. */
export function makeJsCrc32(): Crc32 {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c;
  }
  return (data, value) => {
    let crc = ~value;
    for (let i = 0; i < data.length; i++) {
      crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
    }
    return ~crc >>> 0;
  };
}

/** CRC-32 as zip needs it: zlib's native one where Node has it (20.15+), the table fallback otherwise. */
export const crc32: Crc32 =
  typeof (zlib as { crc32?: Crc32 }).crc32 === "function" ? (zlib as { crc32: Crc32 }).crc32 : makeJsCrc32();
