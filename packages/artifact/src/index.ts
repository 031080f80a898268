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
  DestinationIsADirectoryError,
  DestinationNotWritableError,
  FileTooLargeError,
  IgnoreFileNotAtRootError,
  IgnoreFileNotFoundError,
  IgnoreFileOutsideRootError,
  InvalidIgnorePatternError,
  InvalidPathError,
  LinkLoopError,
  LinkOutsideRootError,
  NotARegularFileError,
  RootNotADirectoryError,
  RootNotFoundError,
  UnreadableFileError,
} from "./errors.js";
export { checkArtifact } from "./preflight/preflight.js";
export type {
  ExcludingLine,
  PreflightIssue,
  PreflightOptions,
  PreflightReport,
} from "./preflight/report.js";
export type { SelectionOptions } from "./select/select.js";
export type { ZipProgress } from "./zip/settings.js";
