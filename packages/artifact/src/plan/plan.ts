import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { UnreadableFileError } from "../errors.js";
import { EntryTable } from "./entry-table.js";

/** What a zip will hold: entries in final order, named relative to `root` (absolute). */
export interface ZipPlan {
  readonly root: string;
  readonly entries: EntryTable;
}

/**
 * The files and a folder entry for each of their parent folders, in code-point order of the entry names (`dir/`
 * for folders). Folder modes and times are read here, once the files are known.
 */
export async function planZip(root: string, files: EntryTable): Promise<ZipPlan> {
  const parents = new Set<string>();
  for (const name of files.names) {
    let slash = name.lastIndexOf("/");
    while (slash > 0) {
      const dir = name.slice(0, slash);
      if (parents.has(dir)) {
        break;
      }
      parents.add(dir);
      slash = dir.lastIndexOf("/");
    }
  }
  const folders = new EntryTable();
  // In the order the files named them, so the same folder is reported first every time if several fail.
  for (const name of parents) {
    const abs = path.join(root, name);
    let st: Stats;
    try {
      st = await stat(abs);
    } catch (error) {
      throw new UnreadableFileError(abs, error);
    }
    folders.addDirectory(name, st.mode, st.mtimeMs);
  }
  return { root, entries: folders.concat(files).sorted() };
}
