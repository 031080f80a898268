export { type MultipartOperation, requestBodyIssues } from "./body-check.js";
export { createImagesApi, type ImagesApi, type ImagesApiOptions } from "./client.js";
export {
  API_BASE_PATH,
  API_KEY_ENV_VARS,
  type ApiKeySource,
  checkApiKey,
  resolveApiKey,
  resolveBaseUrl,
  serviceRootForStage,
} from "./config.js";
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  apiErrorFor,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  InternalServerError,
  InvalidResponseError,
  MissingCredentialsError,
  NotFoundError,
  PayloadTooLargeError,
  PeakError,
  parseRetryAfterMs,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableEntityError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
export type {
  Artifact,
  AutodeployResource,
  Build,
  BuildArgument,
  BuildDetails,
  BuildDetailsInput,
  BuildDetailsPatch,
  BuildLogs,
  BuildLogsDownload,
  BuildPage,
  BuildStatus,
  CreateImageRequest,
  CreateResult,
  CreateVersionRequest,
  components,
  DockerfileBuildDetails,
  Empty,
  Error as ErrorBody,
  GithubBuildDetails,
  Id,
  Image,
  ImageName,
  ImagePage,
  ImageScope,
  ImageType,
  ImageVersion,
  ImageVersionDetails,
  LogEntry,
  operations,
  PageInfo,
  paths,
  SemanticVersion,
  Tag,
  Timestamp,
  UpdateVersionRequest,
  UploadBuildDetails,
  ValidationProblem,
  VersionPage,
  VersionStatus,
} from "./generated/openapi.js";
export {
  autodeployResourceEntityTypeValues,
  buildDetailsSourceValues,
  buildStatusValues,
  imageScopeValues,
  imageTypeValues,
  versionStatusValues,
} from "./generated/openapi.js";
export { VERSION } from "./generated/version.js";
export type { Logger } from "./logger.js";
export { redactHeaders } from "./logger.js";
export { ARTIFACT_CONTENT_TYPE, ARTIFACT_FIELD, ARTIFACT_FILENAME, toMultipartBody } from "./multipart.js";
export { checkId } from "./path-params.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./response-body.js";
export { DEFAULT_RETRY, type RetryOptions, retryDelayMs, sleep } from "./retry.js";
export type { FetchLike } from "./transport.js";
