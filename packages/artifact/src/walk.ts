import type { Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { LinkLoopError, LinkOutsideRootError, UnreadableFileError } from "./errors.js";
import type { RuleSet } from "./ignore-rules.js";
import { compareCodePoints } from "./path-order.js";

/** One file selected for the artifact. */
export interface WalkFile {
  readonly kind: "file";
  /** Path relative to the root, `/`-separated (through link names, as the Python SDK does). */
  readonly name: string;
  /** Absolute path to read it from. */
  readonly abs: string;
  readonly size: number;
  readonly mode: number;
  /** Modification time in ms since the epoch (a number, not a Date: tens of thousands of these stay alive). */
  readonly mtimeMs: number;
}

/** The selection: files sorted by code point, plus what is needed to write parent folder entries. */
export interface WalkResult {
  readonly files: WalkFile[];
  /** Absolute path of every folder walked, keyed by its relative name (root is ""). */
  readonly dirs: Map<string, string>;
}

/** Hooks the walk reports through. */
export interface WalkOptions {
  /** Called for skipped broken links. */
  onWarning?: ((message: string) => void) | undefined;
  /** When false, the walk descends everywhere (preflight uses this to explain exclusions). */
  prune?: boolean;
  /** When true, files excluded by the rules are returned too (preflight only). */
  includeExcluded?: boolean;
}

// The link through which a walked path left the root.
interface Escape {
  link: string;
  target: string;
}

function errno(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

function isInside(real: string, rootReal: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
}

/**
 * Walks `rootAbs` like pathspec's `iter_tree_files(follow_links=True)` but never descends into a folder that no
 * rule can re-include anything from. Symlinks are followed; a loop or an included file reached through a link
 * that leaves the root is an error; broken links are skipped with a warning.
 */
export async function walk(rootAbs: string, rules: RuleSet, options: WalkOptions = {}): Promise<WalkResult> {
  const prune = options.prune ?? true;
  const rootReal = await realpath(rootAbs);
  const files: WalkFile[] = [];
  const dirs = new Map<string, string>([["", rootAbs]]);
  // Loop detection follows each folder's own chain of real paths, as pathspec's memo of ancestors does.
  const visit = async (
    rel: string,
    abs: string,
    real: string,
    escapedVia: Escape | null,
    ancestors: ReadonlySet<string>,
  ): Promise<void> => {
    if (ancestors.has(real)) {
      throw new LinkLoopError(path.join(rootAbs, rel));
    }
    const chain = new Set(ancestors).add(real);
    dirs.set(rel, abs);
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (error) {
      throw new UnreadableFileError(abs, error);
    }
    const subdirs: Array<{ rel: string; abs: string; real: string; escapedVia: Escape | null }> = [];
    const pending: Array<Promise<void>> = [];
    for (const entry of entries) {
      const name = entry.name;
      const childRel = rel === "" ? name : `${rel}/${name}`;
      const childAbs = path.join(abs, name);
      if (entry.isSymbolicLink()) {
        pending.push(
          (async () => {
            let st: Stats;
            try {
              st = await stat(childAbs);
            } catch (error) {
              const code = errno(error);
              if (code === "ELOOP") {
                throw new LinkLoopError(childAbs, error);
              }
              if (code === "ENOENT" || code === "ENOTDIR") {
                options.onWarning?.(`Skipping broken symbolic link: ${childAbs}`);
                return;
              }
              throw new UnreadableFileError(childAbs, error);
            }
            const target = await realpath(childAbs);
            const inside = isInside(target, rootReal);
            const via = inside ? null : { link: childAbs, target };
            if (st.isDirectory()) {
              if (!(prune && rules.excludesEverythingUnder(childRel))) {
                subdirs.push({ rel: childRel, abs: childAbs, real: target, escapedVia: via });
              }
            } else if (st.isFile()) {
              addFile(childRel, childAbs, st, via);
            }
          })(),
        );
      } else if (entry.isDirectory()) {
        if (!(prune && rules.excludesEverythingUnder(childRel))) {
          subdirs.push({ rel: childRel, abs: childAbs, real: path.join(real, name), escapedVia });
        }
      } else if (entry.isFile()) {
        if (options.includeExcluded || rules.includes(childRel)) {
          pending.push(
            (async () => {
              let st: Stats;
              try {
                st = await stat(childAbs);
              } catch (error) {
                throw new UnreadableFileError(childAbs, error);
              }
              addFile(childRel, childAbs, st, escapedVia);
            })(),
          );
        }
      }
    }
    await settleAll(pending);
    // Sorted so that, of several failures, the same one is reported every time.
    subdirs.sort((a, b) => compareCodePoints(a.rel, b.rel));
    // One folder at a time (its files' stats run in parallel): walking siblings concurrently was no faster here
    // and kept ~20 MB more of stat results and promises alive at once.
    for (const sub of subdirs) {
      await visit(sub.rel, sub.abs, sub.real, sub.escapedVia, chain);
    }
  };

  const addFile = (rel: string, abs: string, st: Stats, escapedVia: Escape | null): void => {
    if (!options.includeExcluded && !rules.includes(rel)) {
      return;
    }
    if (escapedVia !== null && !options.includeExcluded) {
      throw new LinkOutsideRootError(escapedVia.link, escapedVia.target);
    }
    files.push({ kind: "file", name: rel, abs, size: st.size, mode: st.mode, mtimeMs: st.mtimeMs });
  };

  await visit("", rootAbs, rootReal, null, new Set());
  files.sort((a, b) => compareCodePoints(a.name, b.name));
  return { files, dirs };
}

// Waits for every promise before rethrowing the first failure, so no stat is left running after an error.
async function settleAll(promises: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(promises);
  for (const result of results) {
    if (result.status === "rejected") {
      throw result.reason;
    }
  }
}
