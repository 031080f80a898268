import { parseRetryAfterMs } from "./errors.js";

/** Retry settings of a client. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff delay in ms, doubled each retry (default 250). */
  baseDelayMs: number;
  /** Upper bound of one backoff delay in ms (default 8000). */
  maxDelayMs: number;
  /** The longest server `Retry-After` honoured, in ms (default 60000); a longer one ends the retries at once. */
  maxRetryAfterMs: number;
}

/** Defaults applied when an option is not given. */
export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const RETRYABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Only idempotent methods are retried: a consumed upload body is never replayed. */
export function isRetryableMethod(method: string): boolean {
  return RETRYABLE_METHODS.has(method.toUpperCase());
}

/** Statuses worth another attempt of an idempotent request. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Delay before retry number `retry` (0-based): the server's Retry-After when it is within bounds, else
 * exponential backoff with jitter in [50%, 100%] of the step so that clients spread out. (Callers refuse to retry
 * when the server asked for more than `maxRetryAfterMs`, so the fallback is only reached without one.)
 */
export function retryDelayMs(
  retry: number,
  options: RetryOptions,
  headers?: Headers,
  random: () => number = Math.random,
): number {
  const asked = headers ? parseRetryAfterMs(headers) : undefined;
  if (asked !== undefined && asked <= options.maxRetryAfterMs) {
    return asked;
  }
  const step = Math.min(options.baseDelayMs * 2 ** retry, options.maxDelayMs);
  return Math.round(step * (0.5 + random() * 0.5));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
