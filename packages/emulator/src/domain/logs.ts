import { createHmac, randomBytes } from "node:crypto";
import type { BuildLogs } from "@peak-images/core";
import { visibleLines } from "./build-runs.js";
import { badRequest } from "./errors.js";
import type { BuildRecord } from "./records.js";
import type { State } from "./state.js";
import { iso } from "./time.js";

const tokenPattern = /^f\/(0|[1-9]\d*)\.(0|[1-9]\d*)\/s$/;

/** The line a `nextToken` continues from: it must be a token this emulator gave out for this build. */
function tokenOffset(build: BuildRecord, nextToken: string | undefined): number {
  if (nextToken === undefined) {
    return 0;
  }
  const match = tokenPattern.exec(nextToken);
  const offset = Number(match?.[2]);
  if (match === null || Number(match[1]) !== build.id || offset > build.lines.length) {
    throw badRequest("query.nextToken", "is not a token of this build's log");
  }
  return offset;
}

/**
 * One page of a build's log (`BuildLogs`). The token names the build and the next line. While the build runs every
 * page carries a token to poll from; once it has ended, the page after the last line is empty with `nextToken:
 * null`, so both the Python CLI's follow loop (it stops on "not building and no lines") and clients that stop on a
 * null token terminate.
 */
export function logPage(build: BuildRecord, nextToken: string | undefined, pageSize: number, now: number): BuildLogs {
  const offset = tokenOffset(build, nextToken);
  const visible = visibleLines(build, now);
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
    return visibleLines(build, Date.now())
      .map((line) => `${iso(build.startedMs + line.offsetMs)} ${line.message}\n`)
      .join("");
  }
}
