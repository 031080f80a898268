import zlib from "node:zlib";

let table: Int32Array | undefined;

function jsCrc32(data: Uint8Array, value: number): number {
  if (table === undefined) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c;
    }
  }
  let crc = ~value;
  for (let i = 0; i < data.length; i++) {
    crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

type Crc32 = (data: Uint8Array, value: number) => number;

/** CRC-32 as zip needs it: zlib's native one where Node has it (20.15+), a table fallback otherwise. */
export const crc32: Crc32 =
  typeof (zlib as { crc32?: Crc32 }).crc32 === "function" ? (zlib as { crc32: Crc32 }).crc32 : jsCrc32;
