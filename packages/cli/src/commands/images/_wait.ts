import type { ImageClient, LogEntry } from "@peak-images/sdk";
import { num, type RunContext } from "../../context.js";
import { createProgress } from "../../io/progress.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** A log line as the Python CLI prints it: `YYYY/MM/DD HH:MM:SS: message`, the time in UTC. */
export function formatLogLine(entry: LogEntry): string {
  const raw = entry.timestamp as unknown;
  const date = new Date(typeof raw === "number" ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : String(raw));
  const time = Number.isNaN(date.getTime())
    ? String(raw)
    : `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${time}: ${entry.message}`;
}

/**
 * Waits for a build: with `follow`, streams its log lines to stderr as they come (backing off between polls);
 * otherwise shows a spinner. Resolves with the outcome on success; a failed build throws BuildFailedError.
 */
export async function waitForBuild(
  ctx: RunContext,
  client: ImageClient,
  imageId: number,
  buildId: number,
  follow: boolean,
) {
  const maxWaitSeconds = num(ctx.flags, "max-wait") ?? 1800;
  const { signal } = ctx;
  if (follow) {
    for await (const entry of client.followBuildLogs(imageId, buildId, { signal })) {
      ctx.io.stderr.write(`${formatLogLine(entry)}\n`);
    }
    return client.waitForBuild(imageId, buildId, { maxWaitSeconds, minDelay: 1, maxDelay: 5, signal });
  }
  const progress = await createProgress(ctx);
  const started = Date.now();
  progress.spin(`waiting for build ${buildId} of image ${imageId}`);
  try {
    return await client.waitForBuild(imageId, buildId, {
      maxWaitSeconds,
      minDelay: 1,
      maxDelay: 10,
      signal,
      onPoll: (build) =>
        progress.spin(
          `waiting for build ${buildId} of image ${imageId}: ${build.status} (${Math.round((Date.now() - started) / 1000)} s)`,
        ),
    });
  } finally {
    progress.stop();
  }
}
