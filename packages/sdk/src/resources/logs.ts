import { AbortError, type BuildLogs, type LogEntry, sleep } from "@peak-images/core";
import { checkIds, seconds } from "../internal/checks.js";
import type { ClientContext } from "../internal/context.js";
import { dataOf } from "../internal/result.js";
import type { RequestOptions } from "./reads.js";

/** Options of {@link ImageClientBase.getBuildLogs | ImageClient.getBuildLogs}. */
export interface GetBuildLogsOptions extends RequestOptions {
  /** The `nextToken` of the previous page; absent for the first page. */
  nextToken?: string | undefined;
}

/** Options of {@link ImageClientBase.followBuildLogs | ImageClient.followBuildLogs}. */
export interface FollowBuildLogsOptions extends RequestOptions {
  /** Resume after this page token instead of starting from the first line. */
  nextToken?: string | undefined;
  /** Seconds to wait after the first empty poll, doubled on each further one up to `maxPollInterval` (default 1). */
  pollInterval?: number | undefined;
  /** Longest wait between two polls, in seconds (default 10). */
  maxPollInterval?: number | undefined;
}

/** One page of a build's log (pass `nextToken` back for the next). */
export async function getBuildLogs(
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options: GetBuildLogsOptions = {},
): Promise<BuildLogs> {
  checkIds({ imageId, buildId });
  return dataOf(
    await ctx.api.GET("/images/{imageId}/builds/{buildId}/logs", {
      params: { path: { imageId, buildId }, query: { nextToken: options.nextToken } },
      signal: options.signal,
    }),
  );
}

/** A link serving the whole log as text; fetch it without the Authorization header. */
export async function getBuildLogsDownloadUrl(
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options: RequestOptions = {},
): Promise<string> {
  checkIds({ imageId, buildId });
  return dataOf(
    await ctx.api.GET("/images/{imageId}/builds/{buildId}/logs/download", {
      params: { path: { imageId, buildId } },
      signal: options.signal,
    }),
  ).downloadUrl;
}

/**
 * Every log line of a build, as it is written, until the build has ended and the last page is read. Pages are
 * read one after the other from `nextToken` (so no line comes twice); while the build runs and no new line has
 * come, it waits `pollInterval`, doubling up to `maxPollInterval`, instead of polling in a busy loop.
 */
export async function* followBuildLogs(
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options: FollowBuildLogsOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  checkIds({ imageId, buildId });
  const first = seconds("pollInterval", options.pollInterval, 1) * 1000;
  const longest = Math.max(first, seconds("maxPollInterval", options.maxPollInterval, 10) * 1000);
  let token = options.nextToken;
  let wait = first;
  for (;;) {
    const page = await getBuildLogs(ctx, imageId, buildId, { nextToken: token, signal: options.signal });
    yield* page.logs;
    const building = page.buildStatus === "building" || page.buildStatus === "stopping";
    // The end: a null token, or (as the Python CLI decides) a finished build with nothing more to say.
    if (page.nextToken === null || (!building && page.logs.length === 0)) {
      return;
    }
    token = page.nextToken ?? token;
    if (page.logs.length > 0) {
      wait = first;
      continue;
    }
    try {
      await sleep(wait, options.signal);
    } catch (reason) {
      throw new AbortError(`Following the log of build ${buildId} was aborted`, { cause: reason });
    }
    wait = Math.min(wait * 2, longest);
  }
}
