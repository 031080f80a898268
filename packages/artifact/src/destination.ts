/**
 * The file a zip goes to. `writeArtifact` checks it before any work (a folder, or a folder it cannot write in, is a
 * typed error naming the path given) by creating its temporary file first; and a zip written inside the folder it
 * zips leaves out itself, its temporary file and leftovers of killed runs, so running twice never zips a zip.
 */
import { realpathSync } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import path from "node:path";
import { DestinationIsADirectoryError, DestinationNotWritableError, InvalidPathError } from "./errors.js";
import { errno } from "./fs/regular-file.js";

/** The opened temporary file of a destination. */
export interface Destination {
  /** The final path (absolute). */
  dest: string;
  /** The temporary file, renamed to `dest` at the end. */
  temp: string;
  handle: FileHandle;
}

// `.<name>.<pid>.<ms>.partial`, in the destination's folder.
const tempName = (base: string) => `.${base}.${process.pid}.${Date.now()}.partial`;
const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/** Creates the temporary file beside `destPath`; typed errors when that is a folder or cannot be written. */
export async function openDestination(destPath: string): Promise<Destination> {
  if (typeof destPath !== "string" || destPath === "") {
    throw new InvalidPathError(
      `Artifact destination must be a non-empty path, got ${JSON.stringify(destPath)}`,
      String(destPath),
    );
  }
  const dest = path.resolve(destPath);
  let folder = destPath.endsWith("/") || destPath.endsWith(path.sep);
  if (!folder) {
    folder = await stat(dest).then(
      (st) => st.isDirectory(),
      () => false,
    );
  }
  if (folder) {
    throw new DestinationIsADirectoryError(destPath);
  }
  const temp = path.join(path.dirname(dest), tempName(path.basename(dest)));
  try {
    return { dest, temp, handle: await open(temp, "wx") };
  } catch (error) {
    throw new DestinationNotWritableError(destPath, error);
  }
}

/** A file being written that the zip must leave out; `temps`: our temporary files next to it too. */
export interface Output {
  path: string;
  temps: boolean;
}

function realFolder(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch (error) {
    return errno(error) === "ENOENT" ? undefined : abs;
  }
}

/** A test on artifact-relative file names: true for the outputs (and their temporary files) inside `rootAbs`. */
export function outputsFilter(rootAbs: string, outputs: readonly Output[]): (name: string) => boolean {
  const root = realFolder(rootAbs) ?? rootAbs;
  const tests: Array<(name: string) => boolean> = [];
  for (const output of outputs) {
    const folder = realFolder(path.dirname(path.resolve(output.path)));
    if (folder === undefined) {
      continue;
    }
    const rel = path.relative(root, folder);
    if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      continue;
    }
    const prefix = rel === "" ? "" : `${rel.split(path.sep).join("/")}/`;
    const base = path.basename(output.path);
    const temps = new RegExp(`^\\.${escapeRegex(base)}\\.\\d+\\.\\d+\\.partial$`);
    tests.push((name) => {
      if (!name.startsWith(prefix) || name.indexOf("/", prefix.length) !== -1) {
        return false;
      }
      const file = name.slice(prefix.length);
      return file === base || (output.temps && temps.test(file));
    });
  }
  return (name) => tests.some((test) => test(name));
}
