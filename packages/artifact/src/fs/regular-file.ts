/**
 * Reading only what is safe to read. Opening a FIFO for reading blocks until a writer appears (forever, and a
 * synchronous open blocks the whole thread), and `/dev/zero` never ends: so files are opened non-blocking, the
 * open descriptor is checked to be a regular file, and reads stop at a cap.
 */
import fs, { type Stats } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { FileTooLargeError, NotARegularFileError } from "../errors.js";

// O_NONBLOCK makes open() return at once for a FIFO; it changes nothing for a regular file.
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The `errno` code of a Node file-system error, if it is one. */
export function errno(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** What kind of file `st` is, in words, for messages. */
export function fileKind(
  st: Pick<Stats, "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice" | "isDirectory">,
) {
  if (st.isFIFO()) {
    return "FIFO";
  }
  if (st.isSocket()) {
    return "socket";
  }
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return "device";
  }
  return st.isDirectory() ? "directory" : "not a file";
}

/** Opens `path` for reading; throws NotARegularFileError (after closing it) unless it is a regular file. */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(path, READ_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      throw new NotARegularFileError(path, fileKind(st));
    }
    return { handle, size: st.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The synchronous {@link openRegularFile}, for the deflate threads: returns the descriptor. */
export function openRegularFileSync(path: string): number {
  const fd = fs.openSync(path, READ_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      throw new NotARegularFileError(path, fileKind(st));
    }
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** Reads a regular file of at most `maxBytes` whole; FileTooLargeError beyond that, checked while reading. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path);
  try {
    if (size > maxBytes) {
      throw new FileTooLargeError(path, maxBytes);
    }
    // One byte more than allowed, so a file that grew since fstat is caught too.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    if (filled > maxBytes) {
      throw new FileTooLargeError(path, maxBytes);
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
