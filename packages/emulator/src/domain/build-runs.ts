import { type BuildPlan, pullUrlOf } from "../build/build-log.js";
import type { BuildRecord, LogLineRecord, VersionRecord } from "./records.js";
import type { State } from "./state.js";
import { iso } from "./time.js";

/**
 * Runs builds on the clock: a build's planned log lines are spread over its duration, and it ends on a timer (or
 * at once for a duration of 0) with its planned outcome.
 */
export class BuildRuns {
  constructor(
    private readonly state: State,
    private readonly buildMs: number,
  ) {}

  /** Starts a build of a version, stopping one still running for it. */
  start(version: VersionRecord, plan: BuildPlan, artifactSize: number, now: number, durationMs = this.buildMs) {
    const id = this.state.takeBuildId();
    for (const previous of version.buildIds) {
      const running = this.state.builds.get(previous);
      if (running !== undefined && running.status === "building") {
        this.stop(running, now, `superseded by build ${id}`);
      }
    }
    const count = plan.lines.length;
    const lines = plan.lines.map((message, i) => ({
      message,
      // The last line lands when the build ends; the others are spread evenly before it.
      offsetMs: i === count - 1 ? durationMs : Math.floor((durationMs * (i + 1)) / (count + 1)),
    }));
    const build: BuildRecord = {
      id,
      imageId: version.imageId,
      versionId: version.id,
      version: version.version,
      status: "building",
      outcome: plan.outcome,
      startedMs: now,
      finishedMs: undefined,
      lines,
      artifactSize,
      timer: undefined,
    };
    this.state.builds.set(build.id, build);
    version.buildIds.push(build.id);
    version.lastBuildStatus = "building";
    version.lastBuildAt = iso(now);
    version.updatedAt = iso(now);
    if (durationMs === 0) {
      this.finish(build, now);
    } else if (now + durationMs <= Date.now()) {
      // A build placed in the past (seeded) is already over.
      this.finish(build, now + durationMs);
    } else {
      build.timer = setTimeout(() => this.finish(build, Date.now()), durationMs);
      build.timer.unref();
    }
    return build;
  }

  /** Ends a running build with its planned outcome; the version becomes `ready` on success. */
  private finish(build: BuildRecord, now: number): void {
    if (build.status !== "building") {
      return;
    }
    clearTimeout(build.timer);
    build.status = build.outcome;
    build.finishedMs = now;
    build.timer = undefined;
    const version = this.state.versions.get(build.versionId);
    if (version === undefined) {
      return;
    }
    version.lastBuildStatus = build.outcome;
    version.updatedAt = iso(now);
    const image = this.state.images.get(version.imageId);
    if (build.outcome === "success") {
      if (version.status === "not-ready") {
        version.status = "ready";
      }
      version.pullUrl = pullUrlOf(image?.name ?? "image", version.version);
      // A stand-in size in MB that grows with the build context.
      version.size = Math.round((120 + build.artifactSize / (1024 * 1024)) * 100) / 100;
    }
    if (image !== undefined) {
      image.updatedAt = iso(now);
    }
  }

  /** Stops a running build, keeping the lines already written and adding one saying why. */
  private stop(build: BuildRecord, now: number, reason: string): void {
    clearTimeout(build.timer);
    const elapsed = now - build.startedMs;
    build.lines = build.lines.filter((line) => line.offsetMs <= elapsed);
    build.lines.push({ message: `Build stopped: ${reason}`, offsetMs: Math.max(elapsed, 0) });
    build.status = "stopped";
    build.finishedMs = now;
    build.timer = undefined;
  }
}

/** The log lines of a build written by `now` (all of them once it has ended). */
export function visibleLines(build: BuildRecord, now: number): LogLineRecord[] {
  if (build.status !== "building") {
    return build.lines;
  }
  const elapsed = now - build.startedMs;
  let n = 0;
  while (n < build.lines.length && (build.lines[n]?.offsetMs ?? Number.POSITIVE_INFINITY) <= elapsed) {
    n++;
  }
  return build.lines.slice(0, n);
}
