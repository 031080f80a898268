/** Stable machine-readable codes carried by every ArtifactError. */
export type ArtifactErrorCode =
  | "INVALID_PATH"
  | "ROOT_NOT_FOUND"
  | "ROOT_NOT_A_DIRECTORY"
  | "IGNORE_FILE_NOT_FOUND"
  | "IGNORE_FILE_OUTSIDE_ROOT"
  | "IGNORE_FILE_NOT_AT_ROOT"
  | "INVALID_IGNORE_PATTERN"
  | "LINK_OUTSIDE_ROOT"
  | "LINK_LOOP"
  | "UNREADABLE_FILE"
  | "NOT_A_REGULAR_FILE"
  | "FILE_TOO_LARGE"
  | "DESTINATION_IS_A_DIRECTORY"
  | "DESTINATION_NOT_WRITABLE"
  | "ARTIFACT_TOO_LARGE"
  | "ABORTED";

/** Base class of every error this package throws; `name` is always the class name so other packages can map it. */
export class ArtifactError extends Error {
  override name = "ArtifactError";
  /** Stable code, safe to switch on. */
  readonly code: ArtifactErrorCode;
  /** The file-system path the error is about, when there is one. */
  readonly path: string | undefined;

  constructor(code: ArtifactErrorCode, message: string, options?: { path?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options?.path;
  }
}

/** A path given to the package is unusable (the root, an ignore file); the specific subclasses say why. */
export class InvalidPathError extends ArtifactError {
  override name = "InvalidPathError";
  constructor(message: string, path: string, code: ArtifactErrorCode = "INVALID_PATH", cause?: unknown) {
    super(code, message, { path, cause });
  }
}

/** The artifact root does not exist. */
export class RootNotFoundError extends InvalidPathError {
  override name = "RootNotFoundError";
  constructor(path: string, cause?: unknown) {
    super(`Artifact root does not exist: ${path}`, path, "ROOT_NOT_FOUND", cause);
  }
}

/** The artifact root exists but is a file (or something else) rather than a folder. */
export class RootNotADirectoryError extends InvalidPathError {
  override name = "RootNotADirectoryError";
  constructor(path: string) {
    super(`Artifact root is not a directory: ${path}`, path, "ROOT_NOT_A_DIRECTORY");
  }
}

/** An ignore file that was asked for does not exist. */
export class IgnoreFileNotFoundError extends InvalidPathError {
  override name = "IgnoreFileNotFoundError";
  constructor(path: string, cause?: unknown) {
    super(`Ignore file does not exist: ${path}`, path, "IGNORE_FILE_NOT_FOUND", cause);
  }
}

/** An ignore file name resolves outside the artifact root (e.g. `../x`). */
export class IgnoreFileOutsideRootError extends InvalidPathError {
  override name = "IgnoreFileOutsideRootError";
  constructor(path: string, root: string) {
    super(`Ignore file is outside the artifact root ${root}: ${path}`, path, "IGNORE_FILE_OUTSIDE_ROOT");
  }
}

/** An ignore file sits in a sub-folder; like the Python SDK, ignore files must be at the root. */
export class IgnoreFileNotAtRootError extends InvalidPathError {
  override name = "IgnoreFileNotAtRootError";
  constructor(path: string, root: string) {
    super(`Ignore file must be at the root of ${root}: ${path}`, path, "IGNORE_FILE_NOT_AT_ROOT");
  }
}

/** An ignore-file line is not a valid gitwildmatch pattern (pathspec refuses it too). */
export class InvalidIgnorePatternError extends ArtifactError {
  override name = "InvalidIgnorePatternError";
  /** 1-based line number in the ignore file. */
  readonly line: number;
  constructor(path: string, line: number, pattern: string, reason: string) {
    super("INVALID_IGNORE_PATTERN", `Invalid ignore pattern ${JSON.stringify(pattern)} at ${path}:${line}: ${reason}`, {
      path,
    });
    this.line = line;
  }
}

/**
 * A symbolic link resolves outside the artifact root, and the rules include it (or may include files under it).
 */
export class LinkOutsideRootError extends ArtifactError {
  override name = "LinkOutsideRootError";
  constructor(path: string, target: string) {
    super(
      "LINK_OUTSIDE_ROOT",
      `Symbolic link points outside the artifact root: ${path} -> ${target} (exclude it in the ignore file, or copy what it points to into the folder)`,
      { path },
    );
  }
}

/** Following symbolic links leads back into a folder already being walked (or the link resolves to itself). */
export class LinkLoopError extends ArtifactError {
  override name = "LinkLoopError";
  constructor(path: string, cause?: unknown) {
    super("LINK_LOOP", `Symbolic link loop at: ${path}`, { path, cause });
  }
}

/** A file or folder inside the root could not be read. */
export class UnreadableFileError extends ArtifactError {
  override name = "UnreadableFileError";
  constructor(path: string, cause?: unknown) {
    const reason = cause instanceof Error && "code" in cause ? ` (${String(cause.code)})` : "";
    super("UNREADABLE_FILE", `Cannot read ${path}${reason}`, { path, cause });
  }
}

/** A file that grew after it was listed: UNREADABLE_FILE, with a hint at the usual cause. */
export function fileGrewError(path: string): ArtifactError {
  return new ArtifactError(
    "UNREADABLE_FILE",
    `File grew while it was being zipped: ${path} (is something writing to it, such as a zip being written inside the folder being zipped?)`,
    { path },
  );
}

/** The Dockerfile or an ignore file is a FIFO, socket, device or folder: only regular files are read. */
export class NotARegularFileError extends ArtifactError {
  override name = "NotARegularFileError";
  /** What it is instead: `FIFO`, `socket`, `device`, `directory`. */
  readonly kind: string;
  constructor(path: string, kind: string) {
    super("NOT_A_REGULAR_FILE", `Not a regular file (${kind}): ${path}`, { path });
    this.kind = kind;
  }
}

/** The Dockerfile or an ignore file is over the size this package reads. */
export class FileTooLargeError extends ArtifactError {
  override name = "FileTooLargeError";
  /** The limit, in bytes. */
  readonly maxBytes: number;
  constructor(path: string, maxBytes: number) {
    super("FILE_TOO_LARGE", `File is over the ${formatBytes(maxBytes)} this package reads: ${path}`, { path });
    this.maxBytes = maxBytes;
  }
}

/** `writeArtifact` was given a folder (or an empty string) as the file to write. */
export class DestinationIsADirectoryError extends InvalidPathError {
  override name = "DestinationIsADirectoryError";
  constructor(path: string) {
    super(`Artifact destination is a directory, not a file name: ${path}`, path, "DESTINATION_IS_A_DIRECTORY");
  }
}

/** `writeArtifact` cannot create a file next to the destination (missing or read-only folder). */
export class DestinationNotWritableError extends InvalidPathError {
  override name = "DestinationNotWritableError";
  constructor(path: string, cause?: unknown) {
    const reason = cause instanceof Error && "code" in cause ? ` (${String(cause.code)})` : "";
    super(`Cannot write the artifact to ${path}${reason}`, path, "DESTINATION_NOT_WRITABLE", cause);
  }
}

/** The compressed artifact crossed `maxBytes`; the stream stops as soon as that happens. */
export class ArtifactTooLargeError extends ArtifactError {
  override name = "ArtifactTooLargeError";
  /** The limit that was crossed, in bytes. */
  readonly maxBytes: number;
  constructor(maxBytes: number, root?: string) {
    super(
      "ARTIFACT_TOO_LARGE",
      `Compressed artifact${root === undefined ? "" : ` of ${root}`} is over the limit of ${formatBytes(maxBytes)} (${maxBytes} bytes); exclude more files in .dockerignore or raise the limit with the maxBytes option`,
      root === undefined ? undefined : { path: root },
    );
    this.maxBytes = maxBytes;
  }
}

/** The caller's AbortSignal fired before the artifact was complete. */
export class ArtifactAbortedError extends ArtifactError {
  override name = "ArtifactAbortedError";
  constructor(cause?: unknown) {
    super("ABORTED", "Artifact creation was aborted", { cause });
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) {
    return `${n / (1024 * 1024)} MiB`;
  }
  if (n >= 1024 * 1024) {
    return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  }
  return `${n} bytes`;
}
