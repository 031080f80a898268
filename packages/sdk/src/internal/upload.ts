import {
  AbortError,
  ApiError,
  ARTIFACT_CONTENT_TYPE,
  ARTIFACT_FILENAME,
  ConnectionError,
  parseRetryAfterMs,
  RateLimitError,
  type RetryOptions,
  retryDelayMs,
  sleep,
} from "@peak-images/core";
import type { ArtifactInput, ArtifactOptions, UploadProgress } from "./artifact-source.js";
import type { ClientContext } from "./context.js";

/** Options of the calls that may upload an artifact (create image, create version, update version). */
export interface UploadOptions extends ArtifactOptions {
  /** The build context: a folder `{ path, ignoreFiles? }` (Node), or a zip as File, Blob or Uint8Array. */
  artifact?: ArtifactInput | undefined;
  /**
   * Called as the artifact's bytes are handed to fetch (Node; in other runtimes once, when sent). A retried upload
   * starts again from 0.
   */
  onUploadProgress?: ((progress: UploadProgress) => void) | undefined;
}

/** The zip as `artifact.zip`, counting the bytes fetch reads from it (Node's fetch reads a part through `stream()`). */
class CountedZip extends File {
  readonly #onRead: (bytes: number) => void;

  constructor(zip: Blob, onRead: (bytes: number) => void) {
    super([zip], ARTIFACT_FILENAME, { type: ARTIFACT_CONTENT_TYPE });
    this.#onRead = onRead;
  }

  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const onRead = this.#onRead;
    return super.stream().pipeThrough(
      new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
        transform(chunk, controller) {
          onRead(chunk.byteLength);
          controller.enqueue(chunk);
        },
      }),
    );
  }
}

/** Where a refused connection shows in a fetch failure's cause chain (also inside an AggregateError). */
function connectionRefused(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) {
    return false;
  }
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (code === "ECONNREFUSED") {
    return true;
  }
  if (Array.isArray(errors) && errors.some((inner) => connectionRefused(inner, depth + 1))) {
    return true;
  }
  return connectionRefused(cause, depth + 1);
}

/**
 * An upload is sent again only when the service cannot have acted on it: the connection was refused, or the
 * answer was 429 or 503. A dropped connection, a timeout or a 500 may come after the service took the upload.
 */
function safeToResend(error: unknown): boolean {
  if (error instanceof RateLimitError || (error instanceof ApiError && error.status === 503)) {
    return true;
  }
  return error instanceof ConnectionError && connectionRefused(error.cause);
}

async function withUploadRetries<T>(retry: RetryOptions, signal: AbortSignal | undefined, send: () => Promise<T>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= retry.maxRetries || !safeToResend(error)) {
        throw error;
      }
      const headers = error instanceof ApiError ? error.headers : undefined;
      const asked = headers ? parseRetryAfterMs(headers) : undefined;
      if (asked !== undefined && asked > retry.maxRetryAfterMs) {
        throw error;
      }
      try {
        await sleep(retryDelayMs(attempt, retry, headers), signal);
      } catch (reason) {
        throw new AbortError("The upload was aborted while waiting to retry", { cause: reason });
      }
    }
  }
}

/**
 * Runs a create/update call: with an artifact, prepares the zip (zipping a folder first under Node), then sends it,
 * resending only when safe. Every attempt builds its body again from the zip, which is re-readable.
 */
export async function sendWithArtifact<T>(
  ctx: ClientContext,
  options: UploadOptions,
  send: (artifact: File | undefined) => Promise<T>,
): Promise<T> {
  const { artifact } = options;
  if (artifact === undefined) {
    return withUploadRetries(ctx.session.retry, options.signal, () => send(undefined));
  }
  return ctx.artifacts.withZip(artifact, options, async (zip) => {
    const total = zip.size;
    const report = options.onUploadProgress;
    let loaded = 0;
    const result = await withUploadRetries(ctx.session.retry, options.signal, () => {
      loaded = 0;
      return send(
        new CountedZip(zip, (bytes) => {
          loaded += bytes;
          report?.({ loaded, total });
        }),
      );
    });
    if (loaded < total) {
      report?.({ loaded: total, total });
    }
    return result;
  });
}
