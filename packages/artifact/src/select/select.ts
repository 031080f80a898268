import { stat } from "node:fs/promises";
import path from "node:path";
import {
  ArtifactError,
  IgnoreFileNotAtRootError,
  IgnoreFileNotFoundError,
  IgnoreFileOutsideRootError,
  InvalidIgnorePatternError,
  InvalidPathError,
  NotARegularFileError,
  RootNotADirectoryError,
  RootNotFoundError,
  UnreadableFileError,
} from "../errors.js";
import { errno, fileKind, readRegularFile } from "../fs/regular-file.js";
import { PatternLineError, RuleSet } from "./rule-set.js";
import { type WalkResult, walk } from "./walk.js";

/** Options shared by every function that selects files. */
export interface SelectionOptions {
  /** Ignore files, named relative to the root and sitting at the root; default `.dockerignore` when it exists. */
  ignoreFiles?: readonly string[] | undefined;
  /** Receives non-fatal problems: skipped broken links, FIFOs and other non-files, names that are not UTF-8. */
  onWarning?: ((message: string) => void) | undefined;
}

/** The resolved root and the compiled rule list. */
export interface Selection {
  readonly root: string;
  readonly rules: RuleSet;
  readonly ignoreFiles: readonly string[];
}

/** Largest ignore file read: far beyond any hand-written one, small enough that its rules stay a few MB. */
const IGNORE_FILE_MAX_BYTES = 1024 * 1024;

/** The root as an absolute path; an empty or non-string root is refused rather than read as the current folder. */
export function resolveRoot(root: string): string {
  if (typeof root !== "string" || root === "") {
    throw new InvalidPathError(`Artifact root must be a non-empty path, got ${JSON.stringify(root)}`, String(root));
  }
  return path.resolve(root);
}

async function readIgnoreFile(abs: string): Promise<string> {
  try {
    return (await readRegularFile(abs, IGNORE_FILE_MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof ArtifactError) {
      throw error;
    }
    if (errno(error) === "ENOENT") {
      throw new IgnoreFileNotFoundError(abs, error);
    }
    throw new UnreadableFileError(abs, error);
  }
}

// `.dockerignore` when it exists; one that is not a regular file is an error rather than silently no rules.
async function defaultIgnoreFiles(rootAbs: string): Promise<string[]> {
  const abs = path.join(rootAbs, ".dockerignore");
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(abs);
  } catch (error) {
    if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") {
      return [];
    }
    throw new UnreadableFileError(abs, error);
  }
  if (!st.isFile()) {
    throw new NotARegularFileError(abs, fileKind(st));
  }
  return [".dockerignore"];
}

/** Checks the root and reads the ignore files, raising the typed errors of the bad-input list. */
export async function prepareSelection(root: string, options: SelectionOptions = {}): Promise<Selection> {
  const rootAbs = resolveRoot(root);
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

  // Resolved against the absolute root, so the default also works for relative sub-folders (the SDK's bug).
  const names = options.ignoreFiles?.length ? [...options.ignoreFiles] : await defaultIgnoreFiles(rootAbs);
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
    files.push({ name: rel, text: await readIgnoreFile(abs) });
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
