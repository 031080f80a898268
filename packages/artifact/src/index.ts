export {
  type ArtifactOptions,
  type ArtifactProgress,
  type ArtifactSummary,
  createArtifactStream,
  DEFAULT_MAX_BYTES,
  listArtifactFiles,
  writeArtifact,
} from "./artifact.js";
export {
  ArtifactAbortedError,
  ArtifactError,
  type ArtifactErrorCode,
  ArtifactTooLargeError,
  IgnoreFileNotAtRootError,
  IgnoreFileNotFoundError,
  IgnoreFileOutsideRootError,
  InvalidIgnorePatternError,
  InvalidPathError,
  LinkLoopError,
  LinkOutsideRootError,
  RootNotADirectoryError,
  RootNotFoundError,
  UnreadableFileError,
} from "./errors.js";
export {
  checkArtifact,
  type ExcludingLine,
  type PreflightIssue,
  type PreflightOptions,
  type PreflightReport,
} from "./preflight.js";
export type { SelectionOptions } from "./select.js";
export type { ZipProgress } from "./zip-stream.js";
