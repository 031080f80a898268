import createClient, { type Client } from "openapi-fetch";
import { type ApiKeySource, resolveApiKey, resolveBaseUrl } from "./config.js";
import type { paths } from "./generated/openapi.js";
import { VERSION } from "./generated/version.js";
import { envLogger, type Logger } from "./logger.js";
import { toMultipartBody } from "./multipart.js";
import { serializeIdPath } from "./path-params.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./response-body.js";
import { DEFAULT_RETRY } from "./retry.js";
import { createTransport, type FetchLike } from "./transport.js";
import { wireDefaults } from "./wire-defaults.js";

/** Options of {@link createImagesApi}; every one is optional. */
export interface ImagesApiOptions {
  /** API key sent verbatim as `Authorization`; default PEAK_API_KEY, then API_KEY. A function is called per attempt. */
  apiKey?: ApiKeySource | undefined;
  /** Service root replacing the stage's, e.g. `http://127.0.0.1:4010`; default PEAK_BASE_URL. */
  baseUrl?: string | undefined;
  /** Peak stage: `prod` (default), `latest` (→ dev) or any other stage name; default STAGE. */
  stage?: string | undefined;
  /** fetch to use; default `globalThis.fetch`, looked up on each call. */
  fetch?: FetchLike | undefined;
  /** Retries of GET/DELETE after connection errors and 408/429/500/502/503/504 (default 3). */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, covering the response body too (default 60000). */
  timeout?: number | undefined;
  /** Largest response body read, in bytes (default 64 MiB); a longer answer fails with InvalidResponseError. */
  maxResponseBytes?: number | undefined;
  /**
   * Backoff tuning: first delay (default 250 ms), cap (8 s), longest Retry-After honoured (60 s; a longer one
   * ends the retries at once with the server's value in the error).
   */
  backoff?: { baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number } | undefined;
  /** Receives a debug line per attempt, with Authorization redacted; PEAK_LOG=debug logs to stderr. */
  logger?: Logger | undefined;
  /** Product token prepended to the User-Agent, e.g. `my-app/1.2.0`. */
  userAgent?: string | undefined;
  /** Extra headers sent on every request. */
  headers?: Record<string, string> | undefined;
  /** Aborts every request of this client (a per-call `signal` works too). */
  signal?: AbortSignal | undefined;
}

/** The typed openapi-fetch client of the Image Management API. */
export type ImagesApi = Client<paths, "application/json">;

function userAgent(prefix: string | undefined): string {
  const runtime =
    typeof process !== "undefined" && process.versions?.node
      ? ` node/${process.versions.node} ${process.platform}-${process.arch}`
      : "";
  return `${prefix ? `${prefix} ` : ""}@peak-images/core/${VERSION}${runtime}`;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/**
 * Creates the typed client. Non-2xx answers throw the ApiError subclass for their status, so `data` is always
 * set on success; ids in paths are checked before any request is sent.
 */
export function createImagesApi(options: ImagesApiOptions = {}): ImagesApi {
  const transport = createTransport({
    fetch: options.fetch,
    apiKey: resolveApiKey(options.apiKey),
    userAgent: userAgent(options.userAgent),
    timeoutMs: nonNegative("timeout", options.timeout, 60_000),
    maxResponseBytes: nonNegative("maxResponseBytes", options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    retry: {
      maxRetries: Math.floor(nonNegative("maxRetries", options.maxRetries, DEFAULT_RETRY.maxRetries)),
      baseDelayMs: nonNegative("backoff.baseDelayMs", options.backoff?.baseDelayMs, DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: nonNegative("backoff.maxDelayMs", options.backoff?.maxDelayMs, DEFAULT_RETRY.maxDelayMs),
      maxRetryAfterMs: nonNegative(
        "backoff.maxRetryAfterMs",
        options.backoff?.maxRetryAfterMs,
        DEFAULT_RETRY.maxRetryAfterMs,
      ),
    },
    logger: options.logger ?? envLogger(),
  });
  const client = createClient<paths>({
    baseUrl: resolveBaseUrl(options),
    fetch: transport,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    querySerializer: { array: { style: "form", explode: true } },
    pathSerializer: serializeIdPath,
    // Every request body of this API is multipart/form-data.
    bodySerializer: toMultipartBody,
  });
  client.use(wireDefaults);
  return client;
}
