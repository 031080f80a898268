import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import {
  IgnoreFileNotAtRootError,
  IgnoreFileNotFoundError,
  IgnoreFileOutsideRootError,
  InvalidIgnorePatternError,
  RootNotADirectoryError,
  RootNotFoundError,
  UnreadableFileError,
} from "./errors.js";
import { PatternLineError, RuleSet } from "./ignore-rules.js";
import { type WalkResult, walk } from "./walk.js";

/** Options shared by every function that selects files. */
export interface SelectionOptions {
  /** Ignore files, named relative to the root and sitting at the root; default `.dockerignore` when it exists. */
  ignoreFiles?: readonly string[] | undefined;
  /** Receives non-fatal problems, such as skipped broken links. */
  onWarning?: ((message: string) => void) | undefined;
}

/** The resolved root and the compiled rule list. */
export interface Selection {
  readonly root: string;
  readonly rules: RuleSet;
  readonly ignoreFiles: readonly string[];
}

function errno(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** Checks the root and reads the ignore files, raising the typed errors of the bad-input list. */
export async function prepareSelection(root: string, options: SelectionOptions = {}): Promise<Selection> {
  const rootAbs = path.resolve(root);
  let rootStat: Awaited<ReturnType<typeof stat>>;
  try {
    rootStat = await stat(rootAbs);
  } catch (error) {
    if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") {
      throw new RootNotFoundError(rootAbs, error);
    }
    throw new UnreadableFileError(rootAbs, error);
  }
  if (!rootStat.isDirectory()) {
    throw new RootNotADirectoryError(rootAbs);
  }

  let names = options.ignoreFiles === undefined ? [] : [...options.ignoreFiles];
  if (names.length === 0) {
    // Resolved against the absolute root, so the default also works for relative sub-folders (the SDK's bug).
    try {
      if ((await stat(path.join(rootAbs, ".dockerignore"))).isFile()) {
        names = [".dockerignore"];
      }
    } catch {
      names = [];
    }
  }

  const files: Array<{ name: string; text: string }> = [];
  for (const name of names) {
    const abs = path.resolve(rootAbs, name);
    const rel = path.relative(rootAbs, abs);
    if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      throw new IgnoreFileOutsideRootError(abs, rootAbs);
    }
    if (rel === "" || path.dirname(rel) !== ".") {
      throw new IgnoreFileNotAtRootError(abs, rootAbs);
    }
    let text: string;
    try {
      text = await readFile(abs, "utf8");
    } catch (error) {
      if (errno(error) === "ENOENT") {
        throw new IgnoreFileNotFoundError(abs, error);
      }
      throw new UnreadableFileError(abs, error);
    }
    files.push({ name: rel, text });
  }

  let rules: RuleSet;
  try {
    rules = RuleSet.fromIgnoreFiles(files);
  } catch (error) {
    if (error instanceof PatternLineError) {
      throw new InvalidIgnorePatternError(path.join(rootAbs, error.file), error.line, error.text, error.message);
    }
    throw error;
  }
  return { root: rootAbs, rules, ignoreFiles: files.map((f) => f.name) };
}

/** Resolves the root, compiles the ignore files and walks the tree. */
export async function selectFiles(
  root: string,
  options: SelectionOptions = {},
): Promise<WalkResult & { selection: Selection }> {
  const selection = await prepareSelection(root, options);
  const result = await walk(selection.root, selection.rules, { onWarning: options.onWarning });
  return { ...result, selection };
}
