/** Byte layouts of the zip records we write (APPNOTE 6.3.x, no zip64: larger inputs go through archiver). */

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const VERSION_NEEDED = 20;
// Upper byte 3 = Unix, so readers apply the mode kept in the upper half of the external attributes.
const VERSION_MADE_BY = (3 << 8) | 20;
const MSDOS_DIRECTORY = 0x10;

/** What the central directory needs to know about one entry. */
export interface EntryRecord {
  name: Buffer;
  utf8: boolean;
  method: number;
  dataDescriptor: boolean;
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

/** Local file header; with a data descriptor the CRC and sizes are zero here and follow the data. */
export function localHeader(entry: EntryRecord): Buffer {
  // allocUnsafe takes a slice of Node's shared slab (every byte is written below) instead of a new ArrayBuffer
  // per header, tens of thousands of which would wait for a GC to be freed.
  const buf = Buffer.allocUnsafe(30 + entry.name.length);
  buf.writeUInt32LE(0x04034b50, 0);
  buf.writeUInt16LE(VERSION_NEEDED, 4);
  buf.writeUInt16LE(flags(entry), 6);
  buf.writeUInt16LE(entry.method, 8);
  buf.writeUInt16LE(entry.dosTime, 10);
  buf.writeUInt16LE(entry.dosDate, 12);
  if (entry.dataDescriptor) {
    buf.fill(0, 14, 26);
  } else {
    buf.writeUInt32LE(entry.crc >>> 0, 14);
    buf.writeUInt32LE(entry.compressedSize, 18);
    buf.writeUInt32LE(entry.size, 22);
  }
  buf.writeUInt16LE(entry.name.length, 26);
  buf.writeUInt16LE(0, 28);
  entry.name.copy(buf, 30);
  return buf;
}

/** Data descriptor (with its optional signature, which every reader accepts). */
export function dataDescriptor(entry: EntryRecord): Buffer {
  const buf = Buffer.allocUnsafe(16);
  buf.writeUInt32LE(0x08074b50, 0);
  buf.writeUInt32LE(entry.crc >>> 0, 4);
  buf.writeUInt32LE(entry.compressedSize, 8);
  buf.writeUInt32LE(entry.size, 12);
  return buf;
}

/** Central directory file header. */
export function centralHeader(entry: EntryRecord): Buffer {
  const buf = Buffer.allocUnsafe(46 + entry.name.length);
  buf.writeUInt32LE(0x02014b50, 0);
  buf.writeUInt16LE(VERSION_MADE_BY, 4);
  buf.writeUInt16LE(VERSION_NEEDED, 6);
  buf.writeUInt16LE(flags(entry), 8);
  buf.writeUInt16LE(entry.method, 10);
  buf.writeUInt16LE(entry.dosTime, 12);
  buf.writeUInt16LE(entry.dosDate, 14);
  buf.writeUInt32LE(entry.crc >>> 0, 16);
  buf.writeUInt32LE(entry.compressedSize, 20);
  buf.writeUInt32LE(entry.size, 24);
  buf.writeUInt16LE(entry.name.length, 28);
  buf.writeUInt16LE(0, 30);
  buf.writeUInt16LE(0, 32);
  buf.writeUInt16LE(0, 34);
  buf.writeUInt16LE(0, 36);
  buf.writeUInt32LE((((entry.mode & 0xffff) << 16) | (entry.directory ? MSDOS_DIRECTORY : 0)) >>> 0, 38);
  buf.writeUInt32LE(entry.offset, 42);
  entry.name.copy(buf, 46);
  return buf;
}

/** End of central directory record. */
export function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const buf = Buffer.alloc(22);
  buf.writeUInt32LE(0x06054b50, 0);
  buf.writeUInt16LE(count, 8);
  buf.writeUInt16LE(count, 10);
  buf.writeUInt32LE(size, 12);
  buf.writeUInt32LE(offset, 16);
  return buf;
}

/** Largest value a 32-bit zip field holds; anything near it needs zip64. */
export const ZIP32_LIMIT = 0xffffffff;
/** Most entries a zip without zip64 may hold. */
export const ZIP32_MAX_ENTRIES = 0xffff;
