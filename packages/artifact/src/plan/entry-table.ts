import { compareCodePoints } from "./path-order.js";

// size (-1 for a folder), mode, mtimeMs
const FIELDS = 3;

/**
 * Zip entries as parallel arrays: the names, and one Float64Array of size, mode and mtime. An object per file
 * (tens of thousands of them, all surviving) made V8 grow its young generation by tens of MB on large folders;
 * here a file costs little more than its name.
 */
export class EntryTable {
  /** Entry names, relative and `/`-separated; folders without their trailing `/`. */
  readonly names: string[] = [];
  private meta = new Float64Array(FIELDS * 64);

  /** Number of entries. */
  get length(): number {
    return this.names.length;
  }

  /** Appends a file. */
  addFile(name: string, size: number, mode: number, mtimeMs: number): void {
    this.add(name, size, mode, mtimeMs);
  }

  /** Appends a folder. */
  addDirectory(name: string, mode: number, mtimeMs: number): void {
    this.add(name, -1, mode, mtimeMs);
  }

  private add(name: string, size: number, mode: number, mtimeMs: number): void {
    const at = this.names.length * FIELDS;
    if (at + FIELDS > this.meta.length) {
      const bigger = new Float64Array(this.meta.length * 2);
      bigger.set(this.meta);
      this.meta = bigger;
    }
    this.meta[at] = size;
    this.meta[at + 1] = mode;
    this.meta[at + 2] = mtimeMs;
    this.names.push(name);
  }

  /** True for a folder entry. */
  isDirectory(i: number): boolean {
    return this.meta[i * FIELDS]! < 0;
  }

  /** Size in bytes as listed (0 for a folder). */
  size(i: number): number {
    return Math.max(0, this.meta[i * FIELDS]!);
  }

  /** Unix mode as listed. */
  mode(i: number): number {
    return this.meta[i * FIELDS + 1]!;
  }

  /** Modification time in ms since the epoch. */
  mtimeMs(i: number): number {
    return this.meta[i * FIELDS + 2]!;
  }

  /** The zip entry name: folders end in `/`. */
  entryName(i: number): string {
    return this.isDirectory(i) ? `${this.names[i]}/` : this.names[i]!;
  }

  /** Files in the table and their listed bytes. */
  fileTotals(): { files: number; bytes: number } {
    let files = 0;
    let bytes = 0;
    for (let i = 0; i < this.names.length; i++) {
      if (!this.isDirectory(i)) {
        files++;
        bytes += this.meta[i * FIELDS]!;
      }
    }
    return { files, bytes };
  }

  /** A copy in code-point order of the entry names (so `a/` sorts as the zip will name it). */
  sorted(): EntryTable {
    const keys = this.names.map((name, i) => (this.isDirectory(i) ? `${name}/` : name));
    const order = keys.map((_, i) => i).sort((a, b) => compareCodePoints(keys[a]!, keys[b]!));
    const out = new EntryTable();
    out.meta = new Float64Array(Math.max(FIELDS, order.length * FIELDS));
    for (const i of order) {
      out.add(this.names[i]!, this.meta[i * FIELDS]!, this.mode(i), this.mtimeMs(i));
    }
    return out;
  }

  /** The entries for which `keep(i)` is true, in this order. */
  filter(keep: (i: number) => boolean): EntryTable {
    const out = new EntryTable();
    for (let i = 0; i < this.length; i++) {
      if (keep(i)) {
        out.add(this.names[i]!, this.meta[i * FIELDS]!, this.mode(i), this.mtimeMs(i));
      }
    }
    return out;
  }

  /** Every entry of `this` and `other`, in this order. */
  concat(other: EntryTable): EntryTable {
    const out = new EntryTable();
    out.meta = new Float64Array(Math.max(FIELDS, (this.length + other.length) * FIELDS));
    for (const table of [this, other]) {
      for (let i = 0; i < table.length; i++) {
        out.add(table.names[i]!, table.meta[i * FIELDS]!, table.mode(i), table.mtimeMs(i));
      }
    }
    return out;
  }
}
