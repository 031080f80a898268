import {
  type ApiKeySource,
  createImagesApi,
  DEFAULT_RETRY,
  type FetchLike,
  type ImagesApi,
  type Logger,
  type RetryOptions,
  resolveBaseUrl,
} from "@peak-images/core";
import { VERSION } from "./version.js";

/** How to reach the service; every option is optional and falls back as `@peak-images/core` resolves it. */
export interface SessionOptions {
  /** API key sent verbatim as `Authorization`; default PEAK_API_KEY, then API_KEY. A function is called per attempt. */
  apiKey?: ApiKeySource | undefined;
  /** Peak stage: `prod` (default), `latest` (→ dev) or another stage name; default STAGE. */
  stage?: string | undefined;
  /** Service root replacing the stage's, e.g. `http://127.0.0.1:4010`; default PEAK_BASE_URL. */
  baseUrl?: string | undefined;
  /** fetch to use; default `globalThis.fetch`, looked up on each call. */
  fetch?: FetchLike | undefined;
  /** Retries after a failed attempt (default 3): GET/DELETE as core retries them, uploads only when safe. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms of every call but the uploads (default 60000). */
  timeout?: number | undefined;
  /** Per-attempt timeout in ms of create/update calls, which send the artifact (default 600000: 10 minutes). */
  uploadTimeout?: number | undefined;
  /** Receives a debug line per attempt, Authorization redacted; PEAK_LOG=debug logs to stderr. */
  logger?: Logger | undefined;
  /** Product token prepended to the User-Agent, e.g. `my-app/1.2.0`. */
  userAgent?: string | undefined;
  /** Backoff tuning shared by every retry: first delay, cap, longest Retry-After honoured (ms). */
  backoff?: Partial<Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">> | undefined;
}

/**
 * The connection settings of a client, resolved once (as peak-sdk's `Session`): a missing key fails here with
 * MissingCredentialsError, a malformed base URL or stage with ValidationError.
 */
export class Session {
  /** The service root plus the API path, e.g. `https://service.peak.ai/image-management/api/v2`. */
  readonly baseUrl: string;
  /** The typed core client every method of the SDK goes through. */
  readonly api: ImagesApi;
  /** The retry settings, shared by core's retries and the SDK's upload retries. */
  readonly retry: RetryOptions;
  /** Per-attempt timeout in ms. */
  readonly timeout: number;
  /** The core client of the create/update calls: the same settings, but `uploadTimeout` per attempt. */
  readonly uploadApi: ImagesApi;
  /** The fetch given in the options, if any (used for the unauthenticated log download). */
  readonly fetch: FetchLike | undefined;

  constructor(options: SessionOptions = {}) {
    this.baseUrl = resolveBaseUrl(options);
    this.retry = {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY.maxRetries,
      baseDelayMs: options.backoff?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
      maxRetryAfterMs: options.backoff?.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs,
    };
    this.timeout = options.timeout ?? 60_000;
    this.fetch = options.fetch;
    const common = {
      apiKey: options.apiKey,
      baseUrl: this.baseUrl,
      fetch: options.fetch,
      maxRetries: this.retry.maxRetries,
      backoff: this.retry,
      logger: options.logger,
      userAgent: `${options.userAgent ? `${options.userAgent} ` : ""}@peak-images/sdk/${VERSION}`,
    };
    this.api = createImagesApi({ ...common, timeout: this.timeout });
    this.uploadApi = createImagesApi({ ...common, timeout: options.uploadTimeout ?? 600_000 });
  }
}

let defaultSession: Session | undefined;

/** The session used when none is given: created on first use from the environment, then reused (as peak-sdk). */
export function getDefaultSession(): Session {
  defaultSession ??= new Session();
  return defaultSession;
}
