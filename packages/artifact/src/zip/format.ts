/**
 * Byte layouts of the zip records we write (APPNOTE 6.3.x), zip64 included: an entry whose sizes may pass 4 GiB
 * carries them in a zip64 extra field (and its data descriptor has 8-byte sizes), an entry past the 4 GiB offset
 * has its offset there, and more than 65,535 entries or a directory past 4 GiB get the zip64 end records.
 */

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
// Upper byte 3 = Unix, so readers apply the mode kept in the upper half of the external attributes.
const MADE_BY_UNIX = 3 << 8;
const MSDOS_DIRECTORY = 0x10;
const ZIP64_EXTRA = 0x0001;

/** Largest value a 32-bit field holds; it also marks "see the zip64 extra field". */
export const MAX_32 = 0xffffffff;
/** Largest entry count a 16-bit field holds. */
const MAX_16 = 0xffff;

/** What the headers need to know about one entry. */
export interface EntryRecord {
  name: Buffer;
  utf8: boolean;
  method: number;
  dataDescriptor: boolean;
  /** The local header carries a zip64 extra field with both sizes (so the data descriptor has 8-byte sizes). */
  zip64: boolean;
  dosTime: number;
  dosDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  mode: number;
  directory: boolean;
  offset: number;
}

/** DOS date and time in local time, as Python's zipfile stores them; dates before 1980 are clamped. */
export function toDosDateTime(date: Date): { dosDate: number; dosTime: number } {
  let year = date.getFullYear();
  let month = date.getMonth() + 1;
  let day = date.getDate();
  let hours = date.getHours();
  let minutes = date.getMinutes();
  let seconds = date.getSeconds();
  if (year < 1980) {
    [year, month, day, hours, minutes, seconds] = [1980, 1, 1, 0, 0, 0];
  } else if (year > 2107) {
    [year, month, day, hours, minutes, seconds] = [2107, 12, 31, 23, 59, 58];
  }
  return {
    dosDate: ((year - 1980) << 9) | (month << 5) | day,
    dosTime: (hours << 11) | (minutes << 5) | (seconds >> 1),
  };
}

/** Encodes an entry name; the UTF-8 flag is set only when it is not plain ASCII (as Python does). */
export function encodeName(name: string): { name: Buffer; utf8: boolean } {
  const buf = Buffer.from(name, "utf8");
  return { name: buf, utf8: buf.length !== name.length };
}

function flags(entry: EntryRecord): number {
  return (entry.utf8 ? FLAG_UTF8 : 0) | (entry.dataDescriptor ? FLAG_DATA_DESCRIPTOR : 0);
}

function writeUInt64LE(buf: Buffer, value: number, at: number): void {
  buf.writeUInt32LE(value % 0x100000000, at);
  buf.writeUInt32LE(Math.floor(value / 0x100000000), at + 4);
}

/** Local file header; with a data descriptor the CRC and sizes are zero here and follow the data. */
export function localHeader(entry: EntryRecord): Buffer {
  const extra = entry.zip64 ? 20 : 0;
  // allocUnsafe takes a slice of Node's shared slab (every byte is written below) instead of a new ArrayBuffer
  // per header, tens of thousands of which would wait for a GC to be freed.
  const buf = Buffer.allocUnsafe(30 + entry.name.length + extra);
  buf.writeUInt32LE(0x04034b50, 0);
  buf.writeUInt16LE(entry.zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
  buf.writeUInt16LE(flags(entry), 6);
  buf.writeUInt16LE(entry.method, 8);
  buf.writeUInt16LE(entry.dosTime, 10);
  buf.writeUInt16LE(entry.dosDate, 12);
  buf.writeUInt32LE(entry.dataDescriptor ? 0 : entry.crc >>> 0, 14);
  const [compressed, size] = entry.dataDescriptor ? [0, 0] : [entry.compressedSize, entry.size];
  buf.writeUInt32LE(entry.zip64 ? MAX_32 : compressed, 18);
  buf.writeUInt32LE(entry.zip64 ? MAX_32 : size, 22);
  buf.writeUInt16LE(entry.name.length, 26);
  buf.writeUInt16LE(extra, 28);
  entry.name.copy(buf, 30);
  if (entry.zip64) {
    const at = 30 + entry.name.length;
    buf.writeUInt16LE(ZIP64_EXTRA, at);
    buf.writeUInt16LE(16, at + 2);
    writeUInt64LE(buf, size, at + 4);
    writeUInt64LE(buf, compressed, at + 12);
  }
  return buf;
}

/** Data descriptor (with its optional signature, which every reader accepts); 8-byte sizes for zip64 entries. */
export function dataDescriptor(entry: EntryRecord): Buffer {
  const buf = Buffer.allocUnsafe(entry.zip64 ? 24 : 16);
  buf.writeUInt32LE(0x08074b50, 0);
  buf.writeUInt32LE(entry.crc >>> 0, 4);
  if (entry.zip64) {
    writeUInt64LE(buf, entry.compressedSize, 8);
    writeUInt64LE(buf, entry.size, 16);
  } else {
    buf.writeUInt32LE(entry.compressedSize, 8);
    buf.writeUInt32LE(entry.size, 12);
  }
  return buf;
}

/** Central directory file header; sizes and offset that do not fit 32 bits go to a zip64 extra field. */
export function centralHeader(entry: EntryRecord): Buffer {
  const wideSizes = entry.zip64 || entry.size >= MAX_32 || entry.compressedSize >= MAX_32;
  const wideOffset = entry.offset >= MAX_32;
  const extra = (wideSizes ? 16 : 0) + (wideOffset ? 8 : 0);
  const buf = Buffer.allocUnsafe(46 + entry.name.length + (extra > 0 ? 4 + extra : 0));
  const version = extra > 0 ? VERSION_ZIP64 : VERSION_DEFAULT;
  buf.writeUInt32LE(0x02014b50, 0);
  buf.writeUInt16LE(MADE_BY_UNIX | version, 4);
  buf.writeUInt16LE(version, 6);
  buf.writeUInt16LE(flags(entry), 8);
  buf.writeUInt16LE(entry.method, 10);
  buf.writeUInt16LE(entry.dosTime, 12);
  buf.writeUInt16LE(entry.dosDate, 14);
  buf.writeUInt32LE(entry.crc >>> 0, 16);
  buf.writeUInt32LE(wideSizes ? MAX_32 : entry.compressedSize, 20);
  buf.writeUInt32LE(wideSizes ? MAX_32 : entry.size, 24);
  buf.writeUInt16LE(entry.name.length, 28);
  buf.writeUInt16LE(extra > 0 ? 4 + extra : 0, 30);
  buf.writeUInt16LE(0, 32);
  buf.writeUInt16LE(0, 34);
  buf.writeUInt16LE(0, 36);
  buf.writeUInt32LE((((entry.mode & 0xffff) << 16) | (entry.directory ? MSDOS_DIRECTORY : 0)) >>> 0, 38);
  buf.writeUInt32LE(wideOffset ? MAX_32 : entry.offset, 42);
  entry.name.copy(buf, 46);
  if (extra > 0) {
    let at = 46 + entry.name.length;
    buf.writeUInt16LE(ZIP64_EXTRA, at);
    buf.writeUInt16LE(extra, at + 2);
    at += 4;
    if (wideSizes) {
      writeUInt64LE(buf, entry.size, at);
      writeUInt64LE(buf, entry.compressedSize, at + 8);
      at += 16;
    }
    if (wideOffset) {
      writeUInt64LE(buf, entry.offset, at);
    }
  }
  return buf;
}

/**
 * The records after the central directory: the end of central directory record, preceded by the zip64 end record
 * and its locator when the count, size or offset does not fit (or `forceZip64`).
 */
export function endRecords(count: number, size: number, offset: number, forceZip64 = false): Buffer {
  const zip64 = forceZip64 || count >= MAX_16 || size >= MAX_32 || offset >= MAX_32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 8);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 10);
  end.writeUInt32LE(zip64 ? MAX_32 : size, 12);
  end.writeUInt32LE(zip64 ? MAX_32 : offset, 16);
  if (!zip64) {
    return end;
  }
  const record = Buffer.alloc(56 + 20);
  record.writeUInt32LE(0x06064b50, 0);
  writeUInt64LE(record, 44, 4);
  record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  writeUInt64LE(record, count, 24);
  writeUInt64LE(record, count, 32);
  writeUInt64LE(record, size, 40);
  writeUInt64LE(record, offset, 48);
  // Locator: where the zip64 end record starts (right after the central directory), on disk 0 of 1.
  record.writeUInt32LE(0x07064b50, 56);
  writeUInt64LE(record, offset + size, 64);
  record.writeUInt32LE(1, 72);
  return Buffer.concat([record, end]);
}
