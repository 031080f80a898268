import { sourcePattern } from "./glob.js";

/**
 * Joins `relative` to `base` inside a build context and normalises the result (`.` and `..` resolved, leading
 * and repeated slashes dropped: a source `/app.py` is `app.py` in the context); undefined when it climbs out.
 * The context root itself is `""`.
 */
export function joinInside(base: string, relative: string): string | undefined {
  const out: string[] = [];
  for (const part of `${base}/${relative}`.split("/")) {
    if (part === "" || part === ".") {
      continue;
    }
    if (part === "..") {
      if (out.length === 0) {
        return undefined;
      }
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join("/");
}

/** The files and folders of a build context, as `/`-separated paths relative to its root. */
export interface ContextIndex {
  readonly files: ReadonlySet<string>;
  readonly dirs: ReadonlySet<string>;
}

/** True when a COPY/ADD source (already joined with the context, see {@link joinInside}) names a file or folder. */
export function sourceExists(index: ContextIndex, path: string): boolean {
  if (path === "") {
    return true;
  }
  const pattern = sourcePattern(path);
  if (!pattern.glob) {
    return index.files.has(path) || index.dirs.has(path);
  }
  for (const set of [index.files, index.dirs]) {
    for (const name of set) {
      if (pattern.matches(name)) {
        return true;
      }
    }
  }
  return false;
}
