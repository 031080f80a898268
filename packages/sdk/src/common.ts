// The exports both entry points share (the Node entry and the browser one add ImageClient and getClient).
export {
  AbortError,
  ApiError,
  type AutodeployResource,
  BadRequestError,
  type Build,
  type BuildArgument,
  type BuildDetails,
  type BuildLogs,
  type BuildPage,
  type BuildStatus,
  ConflictError,
  ConnectionError,
  type CreateResult,
  type Empty,
  ForbiddenError,
  type Image,
  type ImagePage,
  type ImageScope,
  type ImageType,
  type ImageVersion,
  type ImageVersionDetails,
  InternalServerError,
  InvalidResponseError,
  type LogEntry,
  MissingCredentialsError,
  NotFoundError,
  PayloadTooLargeError,
  PeakError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  ValidationError,
  type ValidationIssue,
  type VersionPage,
  type VersionStatus,
} from "@peak-images/core";
export { ImageClientBase } from "./client.js";
export { ArtifactTooLargeError, BuildFailedError, UnsupportedArtifactError, WaiterTimeoutError } from "./errors.js";
export {
  type ArtifactFolder,
  type ArtifactInput,
  type ArtifactOptions,
  DEFAULT_MAX_ARTIFACT_BYTES,
  type UploadProgress,
  type ZipProgress,
} from "./internal/artifact-source.js";
export { Page, type PageOf, PagePromise } from "./internal/pagination.js";
export type { UploadOptions } from "./internal/upload.js";
export type {
  CreateImageBody,
  CreateOrUpdateBody,
  CreateVersionBody,
  UpdateVersionBody,
} from "./resources/bodies.js";
export type { BuildOutcome } from "./resources/build-outcome.js";
export type { CreateOrUpdateAction, CreateOrUpdateOptions } from "./resources/create-or-update.js";
export type {
  ListImageBuildsOptions,
  ListImagesOptions,
  ListImageVersionsOptions,
  PagingOptions,
} from "./resources/lists.js";
export type { FollowBuildLogsOptions, GetBuildLogsOptions } from "./resources/logs.js";
export type { RequestOptions } from "./resources/reads.js";
export type { SaveBuildLogsOptions } from "./resources/save-logs.js";
export type { WaitForBuildOptions } from "./resources/waiter.js";
export { getDefaultSession, Session, type SessionOptions } from "./session.js";
export { VERSION } from "./version.js";
