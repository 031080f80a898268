import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AbortError, apiErrorFor, ConnectionError, TimeoutError, ValidationError } from "@peak-images/core";
import type { ClientContext } from "../internal/context.js";
import { getBuildLogsDownloadUrl } from "./logs.js";
import type { RequestOptions } from "./reads.js";

/** Options of {@link ImageClientBase.saveBuildLogs | ImageClient.saveBuildLogs}. */
export interface SaveBuildLogsOptions extends RequestOptions {
  /** Where to write; default `image_build_logs_{imageId}_{buildId}.log` in the current folder (as peak-sdk). */
  fileName?: string | undefined;
}

/** File-system failures of the write, said in words about the destination (not the temporary name). */
const WRITE_ERRORS: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of its folder path is a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
};

/** The download link without its query: a pre-signed URL's signature must not end up in error messages. */
function shown(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * Downloads a build's whole log to a file: fetches the pre-signed link without the API key, streams the body to
 * a temporary file beside the destination and renames it, so the destination is never left half written.
 * Resolves with the absolute path written.
 */
export async function saveBuildLogs(
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options: SaveBuildLogsOptions = {},
): Promise<string> {
  const url = await getBuildLogsDownloadUrl(ctx, imageId, buildId, options);
  const destination = resolve(options.fileName || `image_build_logs_${imageId}_${buildId}.log`);
  const temporary = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString("hex")}.partial`);
  const attempt = new AbortController();
  const forward = () => attempt.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, ctx.session.timeout);
  try {
    const fetchImpl = ctx.session.fetch ?? ((request: Request) => globalThis.fetch(request));
    const response = await fetchImpl(new Request(url, { signal: attempt.signal }));
    if (!response.ok) {
      const text = await response.text();
      throw apiErrorFor({
        status: response.status,
        body: text,
        headers: response.headers,
        method: "GET",
        url: shown(url),
      });
    }
    if (!response.body) {
      throw new ConnectionError(`GET ${shown(url)} answered ${response.status} without a body`);
    }
    await pipeline(
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
      createWriteStream(temporary),
    );
    await rename(temporary, destination);
    return destination;
  } catch (error) {
    await rm(temporary, { force: true });
    if (options.signal?.aborted) {
      throw new AbortError(`Saving the log of build ${buildId} was aborted`, { cause: error });
    }
    if (timedOut) {
      throw new TimeoutError(ctx.session.timeout, `GET ${shown(url)} timed out after ${ctx.session.timeout} ms`);
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && WRITE_ERRORS[code]) {
      throw new ValidationError([
        { path: "options.fileName", message: `cannot write ${destination}: ${WRITE_ERRORS[code]}` },
      ]);
    }
    if (error instanceof Error && error.name === "TypeError") {
      throw new ConnectionError(`GET ${shown(url)} failed: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forward);
  }
}
