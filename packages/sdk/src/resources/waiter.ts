import { AbortError, sleep } from "@peak-images/core";
import { BuildFailedError, WaiterTimeoutError } from "../errors.js";
import { checkIds, seconds } from "../internal/checks.js";
import type { ClientContext } from "../internal/context.js";
import { type BuildOutcome, FINAL_STATUSES, outcomeOf } from "./build-outcome.js";
import { getBuildLogs } from "./logs.js";

/** Options of {@link ImageClientBase.waitForBuild | ImageClient.waitForBuild}; times in seconds, as AWS waiters take them. */
export interface WaitForBuildOptions {
  /** Give up (WaiterTimeoutError) after this long (default 1800). */
  maxWaitSeconds?: number | undefined;
  /** Shortest wait between polls (default 2). */
  minDelay?: number | undefined;
  /** Longest wait between polls (default 30). */
  maxDelay?: number | undefined;
  /** Aborts the wait (AbortError); the build goes on. */
  signal?: AbortSignal | undefined;
  /** Called after each poll with the build as observed. */
  onPoll?: ((build: BuildOutcome) => void) | undefined;
}

/** The last poll happens this long before the deadline. */
const LAST_POLL_MARGIN_MS = 500;
/** How many of the last log lines a BuildFailedError carries. */
const LAST_LINES = 20;
/** Enough pages for any real log; a service that never ends a log cannot keep the error waiting. */
const MAX_LOG_PAGES = 10_000;

/** The last lines of a build's log, read page by page from the start. */
async function lastLogLines(ctx: ClientContext, imageId: number, buildId: number, signal?: AbortSignal) {
  const lines: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_LOG_PAGES; page++) {
    const logs = await getBuildLogs(ctx, imageId, buildId, { nextToken: token, signal });
    for (const entry of logs.logs) {
      lines.push(entry.message);
      if (lines.length > LAST_LINES) {
        lines.shift();
      }
    }
    if (!logs.nextToken || logs.logs.length === 0) {
      break;
    }
    token = logs.nextToken;
  }
  return lines;
}

/**
 * Waits until a build ends, as AWS waiters do: the first poll at once, then a delay drawn uniformly between
 * `minDelay` and `min(minDelay * 2^(n-1), maxDelay)`, the last poll just before the deadline. Resolves with the
 * build on `success`; a `failed` or `stopped` build throws BuildFailedError with the last log lines.
 */
export async function waitForBuild(
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options: WaitForBuildOptions = {},
): Promise<BuildOutcome> {
  checkIds({ imageId, buildId });
  const maxWait = seconds("maxWaitSeconds", options.maxWaitSeconds, 1800);
  const minDelay = seconds("minDelay", options.minDelay, 2);
  const maxDelay = Math.max(minDelay, seconds("maxDelay", options.maxDelay, 30));
  const deadline = Date.now() + maxWait * 1000;
  let last: BuildOutcome | undefined;
  for (let attempt = 1; ; attempt++) {
    last = outcomeOf(imageId, buildId, await getBuildLogs(ctx, imageId, buildId, { signal: options.signal }));
    options.onPoll?.(last);
    if (last.status === "success") {
      return last;
    }
    if (FINAL_STATUSES.has(last.status)) {
      throw new BuildFailedError(last, await lastLogLines(ctx, imageId, buildId, options.signal));
    }
    const left = deadline - Date.now();
    if (left <= LAST_POLL_MARGIN_MS) {
      throw new WaiterTimeoutError(maxWait, last);
    }
    const ceiling = Math.min(minDelay * 2 ** (attempt - 1), maxDelay);
    const drawn = (minDelay + Math.random() * (ceiling - minDelay)) * 1000;
    try {
      // The last poll is timed just before the deadline rather than after it.
      await sleep(Math.min(drawn, left - LAST_POLL_MARGIN_MS), options.signal);
    } catch (reason) {
      throw new AbortError(`Waiting for build ${buildId} was aborted`, { cause: reason });
    }
  }
}
