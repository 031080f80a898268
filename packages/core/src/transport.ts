import { type ApiKeySource, checkApiKey } from "./config.js";
import { AbortError, ApiError, apiErrorFor, ConnectionError, parseRetryAfterMs, TimeoutError } from "./errors.js";
import { type Logger, redactHeaders } from "./logger.js";
import { type Answer, errorBody, jsonResponse, readAnswer } from "./response-body.js";
import { isRetryableMethod, isRetryableStatus, type RetryOptions, retryDelayMs, sleep } from "./retry.js";

/** A fetch implementation that takes a Request, as openapi-fetch calls it. */
export type FetchLike = (request: Request) => Promise<Response>;

/** What the transport needs to send one logical request. */
export interface TransportOptions {
  /** Injected fetch; when absent, `globalThis.fetch` is looked up on every call so test mocks installed later work. */
  fetch?: FetchLike | undefined;
  apiKey: ApiKeySource;
  userAgent: string;
  timeoutMs: number;
  retry: RetryOptions;
  /** Largest response body read, in bytes; a longer answer fails with InvalidResponseError. */
  maxResponseBytes: number;
  logger?: Logger | undefined;
}

/**
 * Wraps fetch with what every call needs: the Authorization and User-Agent headers, a per-attempt timeout,
 * retries of idempotent requests with backoff, and the typed error for a non-2xx answer (the one place where
 * errors are thrown, deciding on `response.ok`).
 */
export function createTransport(options: TransportOptions): FetchLike {
  return async function peakFetch(input: Request): Promise<Response> {
    const method = input.method.toUpperCase();
    const maxRetries = isRetryableMethod(method) ? options.retry.maxRetries : 0;
    const callerSignal = input.signal;
    const fetchImpl: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));

    for (let attempt = 0; ; attempt++) {
      if (callerSignal.aborted) {
        throw abortError(method, input.url, callerSignal);
      }
      // A bodiless request can be the template of every attempt as it is; only a body would need a clone (and
      // requests with one are not retried, so an upload stream is never teed).
      const request = attempt < maxRetries && input.body !== null ? input.clone() : input;
      const headers = new Headers(request.headers);
      headers.set(
        "authorization",
        typeof options.apiKey === "function"
          ? checkApiKey(await options.apiKey(), "the apiKey function")
          : options.apiKey,
      );
      headers.set("user-agent", options.userAgent);
      options.logger?.debug(`→ ${method} ${input.url}`, { attempt: attempt + 1, headers: redactHeaders(headers) });

      const started = Date.now();
      // One controller per attempt, fed by the caller's signal and the timer. (AbortSignal.any is avoided:
      // on Node 20 its composite signal can be garbage-collected mid-request and then never fires.)
      const attemptAbort = new AbortController();
      let timedOut = false;
      const forwardAbort = () => attemptAbort.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", forwardAbort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        attemptAbort.abort();
      }, options.timeoutMs);
      let response: Answer;
      try {
        // A request with a body is never redirected: to be able to replay it on a 307/308, fetch would keep a
        // copy of the whole body (a tee of its stream) in memory while sending it, e.g. all of a 150 MB upload.
        const redirect = request.body === null ? request.redirect : "error";
        const attempted = new Request(request, { headers, signal: attemptAbort.signal, redirect });
        response = await readAnswer(await fetchImpl(attempted), options.maxResponseBytes, method, input.url);
      } catch (cause) {
        if (cause instanceof ApiError) {
          throw cause;
        }
        if (callerSignal.aborted) {
          throw abortError(method, input.url, callerSignal);
        }
        const error = timedOut
          ? new TimeoutError(
              options.timeoutMs,
              `${method} ${input.url} timed out after ${options.timeoutMs} ms (timeout option)`,
            )
          : new ConnectionError(`${method} ${input.url} failed: ${describeCause(cause)}`, { cause });
        // A timed-out attempt is not repeated: the timeout is already the caller's patience for one try.
        if (error instanceof TimeoutError || attempt >= maxRetries) {
          throw error;
        }
        await backoff(attempt, undefined, `${error.message}`);
        continue;
      } finally {
        clearTimeout(timer);
        callerSignal.removeEventListener("abort", forwardAbort);
      }

      options.logger?.debug(`← ${response.status} ${method} ${input.url}`, {
        attempt: attempt + 1,
        ms: Date.now() - started,
        requestId: response.headers.get("x-request-id") ?? undefined,
      });
      if (response.ok) {
        return jsonResponse(response, method, input.url);
      }
      const failure = { status: response.status, headers: response.headers, method, url: input.url };
      const body = errorBody(response);
      if (attempt < maxRetries && isRetryableStatus(response.status)) {
        const asked = parseRetryAfterMs(response.headers);
        if (asked !== undefined && asked > options.retry.maxRetryAfterMs) {
          // Retrying sooner than the service asked would only be refused again: give up now and say why.
          const plain = apiErrorFor({ ...failure, body });
          throw apiErrorFor({
            ...failure,
            body,
            message: `${plain.message} (the service asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${Math.round(options.retry.maxRetryAfterMs / 1000)} s this client waits: raise backoff.maxRetryAfterMs to wait for it)`,
          });
        }
        await backoff(attempt, response.headers, `status ${response.status}`);
        continue;
      }
      throw apiErrorFor({ ...failure, body });
    }

    async function backoff(retry: number, headers: Headers | undefined, reason: string): Promise<void> {
      const delay = retryDelayMs(retry, options.retry, headers);
      options.logger?.debug(`retrying ${method} ${input.url} in ${delay} ms`, { retry: retry + 1, reason });
      try {
        await sleep(delay, callerSignal);
      } catch {
        throw abortError(method, input.url, callerSignal);
      }
    }
  };
}

function abortError(method: string, url: string, signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.name !== "AbortError" ? `: ${reason.message}` : "";
  return new AbortError(`${method} ${url} was aborted${detail}`, { cause: reason });
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? cause.cause : undefined;
    const code = inner && "code" in inner ? ` (${String(inner.code)})` : "";
    return inner ? `${inner.message}${code}` : cause.message;
  }
  return String(cause);
}
