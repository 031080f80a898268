/** Base class of every error this SDK throws; `code` is stable across releases. */
export class PeakError extends Error {
  override readonly name: string = "PeakError";
  /** A stable, machine-readable identifier of the failure kind. */
  readonly code: string = "PEAK_ERROR";
}

/** One problem found while validating an argument or a request body. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `path.imageId` or `body.buildDetails.repository`. */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** An argument or body was rejected before any request was sent. */
export class ValidationError extends PeakError {
  override readonly name = "ValidationError";
  override readonly code = "VALIDATION_ERROR";
  /** Every problem found, each with its JSON path. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], message?: string) {
    super(message ?? issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "));
    this.issues = issues;
  }
}

/** No API key was given and none was found in the environment. */
export class MissingCredentialsError extends PeakError {
  override readonly name = "MissingCredentialsError";
  override readonly code = "MISSING_CREDENTIALS";
  /** The environment variables that were looked up, in order. */
  readonly variables: readonly string[];

  constructor(variables: readonly string[]) {
    super(
      `No API key: pass the apiKey option or set one of the environment variables ${variables.join(", ")} (the Python peak-sdk reads API_KEY).`,
    );
    this.variables = variables;
  }
}

/** The request could not reach the service or the connection broke before the response was read. */
export class ConnectionError extends PeakError {
  override readonly name: string = "ConnectionError";
  override readonly code: string = "CONNECTION_ERROR";
}

/** One attempt took longer than the configured timeout. */
export class TimeoutError extends ConnectionError {
  override readonly name = "TimeoutError";
  override readonly code = "TIMEOUT";
  /** The per-attempt timeout that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, message: string) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired; never retried. */
export class AbortError extends PeakError {
  override readonly name = "AbortError";
  override readonly code = "ABORTED";
}

/** Details every API error carries. */
export interface ApiErrorInit {
  status: number;
  body: unknown;
  headers: Headers;
  method: string;
  url: string;
  message?: string;
}

/** The service answered with a non-2xx status. */
export class ApiError extends PeakError {
  override readonly name: string = "ApiError";
  override readonly code: string = "API_ERROR";
  /** HTTP status of the response. */
  readonly status: number;
  /** The parsed JSON body, or the text body, or `undefined` when the body was empty. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Headers;
  /** The service's request id (`x-request-id` / `x-amzn-requestid`), when it sent one. */
  readonly requestId: string | undefined;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request. */
  readonly url: string;

  constructor(init: ApiErrorInit) {
    super(init.message ?? describeBody(init.status, init.body));
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.headers.get("x-request-id") ?? init.headers.get("x-amzn-requestid") ?? undefined;
  }
}

/** 400: a parameter or body field is invalid. */
export class BadRequestError extends ApiError {
  override readonly name = "BadRequestError";
  override readonly code = "BAD_REQUEST";
}
/** 401: the API key is missing or invalid. */
export class UnauthorizedError extends ApiError {
  override readonly name = "UnauthorizedError";
  override readonly code = "UNAUTHORIZED";
}
/** 403: the key may not perform this operation. */
export class ForbiddenError extends ApiError {
  override readonly name = "ForbiddenError";
  override readonly code = "FORBIDDEN";
}
/** 404: the image, version or build does not exist. */
export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
  override readonly code = "NOT_FOUND";
}
/** 409: a name or version is taken, or the state does not allow the change. */
export class ConflictError extends ApiError {
  override readonly name = "ConflictError";
  override readonly code = "CONFLICT";
}
/** 413: the artifact is too large; the message is the service's `detail`. */
export class PayloadTooLargeError extends ApiError {
  override readonly name = "PayloadTooLargeError";
  override readonly code = "PAYLOAD_TOO_LARGE";
}
/** 422: well formed but not applicable to the current state. */
export class UnprocessableEntityError extends ApiError {
  override readonly name = "UnprocessableEntityError";
  override readonly code = "UNPROCESSABLE_ENTITY";
}
/** 429: throttled; `retryAfterMs` tells how long the service asked to wait. */
export class RateLimitError extends ApiError {
  override readonly name = "RateLimitError";
  override readonly code = "RATE_LIMITED";
  /** The service's `Retry-After`, in milliseconds, when it sent one. */
  get retryAfterMs(): number | undefined {
    return parseRetryAfterMs(this.headers);
  }
}
/** A 2xx answer whose body is not the JSON the API promises (empty, not JSON, or over the size cap). */
export class InvalidResponseError extends ApiError {
  override readonly name = "InvalidResponseError";
  override readonly code = "INVALID_RESPONSE";
}
/** 5xx: the service failed. */
export class InternalServerError extends ApiError {
  override readonly name = "InternalServerError";
  override readonly code = "INTERNAL_SERVER_ERROR";
}

const STATUS_CLASSES: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Builds the typed error for a non-2xx status: the single place where status maps to class. */
export function apiErrorFor(init: ApiErrorInit): ApiError {
  const ErrorClass = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(init);
}

/** Parses `retry-after-ms` or `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) {
    return Number(ms);
  }
  const value = headers.get("retry-after")?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const EXCERPT_CHARS = 200;
/** Only the head of a body is looked at, so that the tag-stripping below stays cheap on any input. */
const EXCERPT_SOURCE_CHARS = 8192;

/** A short, one-line excerpt of a text body: tags of an HTML page dropped, white space folded, cut to 200 chars. */
export function excerpt(text: string): string {
  const head = text.slice(0, EXCERPT_SOURCE_CHARS);
  const html = /^\s*</.test(head);
  const folded = (html ? head.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ") : head)
    .replace(/\s+/g, " ")
    .trim();
  return folded.length > EXCERPT_CHARS ? `${folded.slice(0, EXCERPT_CHARS)}…` : folded;
}

function describeBody(status: number, body: unknown): string {
  if (typeof body === "string" && body.trim() !== "") {
    return excerpt(body);
  }
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string") {
      return record.detail;
    }
    if (Array.isArray(record.detail)) {
      // FastAPI-style validation lists: [{loc, msg}]
      return record.detail.map((item) => (item as { msg?: unknown }).msg ?? JSON.stringify(item)).join("; ");
    }
    if (typeof record.message === "string") {
      return record.message;
    }
    return JSON.stringify(body);
  }
  return `HTTP ${status} with an empty body`;
}
