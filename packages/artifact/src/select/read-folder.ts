/**
 * A folder's entries with names that are valid UTF-8. Node decodes names as UTF-8 and puts U+FFFD in place of
 * bytes that are not, which makes a name that does not exist on disk; so a folder with a U+FFFD in a name is read
 * again as raw bytes, and a name that is not UTF-8 is skipped with a warning that spells out its bytes (the Python
 * SDK cannot zip such a name either).
 */
import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";

/** The parts of a Dirent the walk uses. */
export type FolderEntry = Pick<
  Dirent,
  "name" | "isDirectory" | "isFile" | "isSymbolicLink" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice"
>;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A file name's bytes for a message: printable ASCII as is, every other byte as `\xNN`. */
function spellBytes(name: Uint8Array): string {
  let out = "";
  for (const byte of name) {
    out +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}

/** Reads the folder `abs`; names that are not UTF-8 are reported to `onWarning` and left out. */
export function readFolder(abs: string, onWarning: ((message: string) => void) | undefined): FolderEntry[] {
  const entries = readdirSync(abs, { withFileTypes: true });
  if (!entries.some((entry) => entry.name.includes("\uFFFD"))) {
    return entries;
  }
  const out: FolderEntry[] = [];
  for (const raw of readdirSync(abs, { withFileTypes: true, encoding: "buffer" })) {
    let name: string;
    try {
      name = strictUtf8.decode(raw.name);
    } catch {
      onWarning?.(`Skipping a name that is not valid UTF-8: ${path.join(abs, spellBytes(raw.name))}`);
      continue;
    }
    out.push({
      name,
      isDirectory: () => raw.isDirectory(),
      isFile: () => raw.isFile(),
      isSymbolicLink: () => raw.isSymbolicLink(),
      isFIFO: () => raw.isFIFO(),
      isSocket: () => raw.isSocket(),
      isCharacterDevice: () => raw.isCharacterDevice(),
      isBlockDevice: () => raw.isBlockDevice(),
    });
  }
  return out;
}
