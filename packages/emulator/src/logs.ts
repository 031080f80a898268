import { createHmac, randomBytes } from "node:crypto";
import { badRequest } from "./errors.js";
import type { BuildRecord, State } from "./state.js";
import type { JsonBody } from "./views.js";

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One page of a build's log (`BuildLogs`). The token names the build and the next line. While the build runs every
 * page carries a token to poll from; once it has ended, the page after the last line is empty with `nextToken:
 * null`, so both the Python CLI's follow loop (it stops on "not building and no lines") and clients that stop on a
 * null token terminate.
 */
export function logPage(
  state: State,
  build: BuildRecord,
  nextToken: string | undefined,
  pageSize: number,
  now: number,
): JsonBody {
  let offset = 0;
  if (nextToken !== undefined) {
    const match = /^f\/(\d+)\.(\d+)\/s$/.exec(nextToken);
    if (match === null || Number(match[1]) !== build.id) {
      throw badRequest("query.nextToken", "is not a token of this build's log");
    }
    offset = Number(match[2]);
  }
  const visible = state.visibleLines(build, now);
  const lines = visible.slice(offset, offset + pageSize);
  const end = Math.max(Math.min(offset + lines.length, visible.length), offset);
  const finished = build.status !== "building";
  return {
    buildStatus: build.status,
    startTime: iso(build.startedMs),
    finishTime: build.finishedMs === undefined ? null : iso(build.finishedMs),
    logs: lines.map((line) => {
      const timestamp = build.startedMs + line.offsetMs;
      // Epoch milliseconds, as the Python CLI formats them (`int(timestamp) / 1000`).
      return { message: line.message, timestamp, ingestionTime: timestamp + 5 };
    }),
    nextToken: finished && lines.length === 0 ? null : `f/${build.id}.${end}/s`,
  };
}

/** Pre-signed links to a build's full log, served by the emulator itself without an API key. */
export class LogLinks {
  private readonly secret = randomBytes(16);

  private sign(imageId: number, buildId: number): string {
    return createHmac("sha256", this.secret).update(`${imageId}/${buildId}`).digest("hex").slice(0, 32);
  }

  /** The link for a build, on the origin the client used. */
  url(origin: string, build: BuildRecord): string {
    const signature = this.sign(build.imageId, build.id);
    return `${origin}/_emulator/build-logs/${build.imageId}/${build.id}.log?X-Emulator-Signature=${signature}`;
  }

  /** The whole log as text (one `ISO-time message` line each), or undefined when the link is not valid. */
  text(state: State, imageId: number, buildId: number, signature: string): string | undefined {
    const build = state.builds.get(buildId);
    if (build === undefined || build.imageId !== imageId || signature !== this.sign(imageId, buildId)) {
      return undefined;
    }
    return state
      .visibleLines(build, Date.now())
      .map((line) => `${iso(build.startedMs + line.offsetMs)} ${line.message}\n`)
      .join("");
  }
}
