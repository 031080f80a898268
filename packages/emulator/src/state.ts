import { type BuildPlan, pullUrlOf } from "./builds.js";

/** Image types of the spec. */
export type ImageType = "workflow" | "workspace-r" | "workspace-python" | "api" | "webapp";
/** Version statuses of the spec. */
export type VersionStatus = "not-ready" | "ready" | "in-use" | "deleting" | "delete-failed";
/** Build statuses of the spec. */
export type BuildStatus = "building" | "failed" | "success" | "stopped" | "stopping";

/** A version's build settings as stored (the github `token` is kept but never returned). */
export interface BuildDetailsRecord {
  source: "upload" | "github" | "dockerfile";
  useCache: boolean;
  buildArguments?: { name: string; value: string }[];
  secrets?: string[];
  context?: string;
  dockerfilePath?: string;
  repository?: string;
  branch?: string;
  token?: string;
  dockerfile?: string;
}

/** A tag on a version. */
export interface TagRecord {
  name: string;
  color?: string;
}

/** An autodeploy target of a version. */
export interface AutodeployRecord {
  entityId: string;
  entityType: "workflow" | "workspace" | "api" | "webapp";
}

/** An image in memory. */
export interface ImageRecord {
  id: number;
  name: string;
  type: ImageType;
  scope: "global" | "custom";
  description?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Ascending: the last one is the latest version. */
  versionIds: number[];
}

/** A version in memory. */
export interface VersionRecord {
  id: number;
  imageId: number;
  version: string;
  description?: string;
  status: VersionStatus;
  lastBuildStatus?: BuildStatus;
  lastBuildAt?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  pullUrl?: string;
  size?: number;
  tags: TagRecord[];
  buildDetails: BuildDetailsRecord;
  autodeployResources?: AutodeployRecord[];
  /** The last uploaded zip, reused when an update sends no new artifact. */
  artifact?: Buffer;
  buildIds: number[];
}

/** One log line; it becomes visible `offsetMs` after the build started. */
export interface LogLineRecord {
  message: string;
  offsetMs: number;
}

/** A build in memory. */
export interface BuildRecord {
  id: number;
  imageId: number;
  versionId: number;
  version: string;
  status: BuildStatus;
  outcome: "success" | "failed";
  startedMs: number;
  finishedMs: number | undefined;
  lines: LogLineRecord[];
  artifactSize: number;
  timer: NodeJS.Timeout | undefined;
}

/** Who the emulator says created things (there is one tenant and one user). */
export const emulatorUser = "emulator@peak-images.local";

const iso = (ms: number): string => new Date(ms).toISOString();

/** The in-memory service: images, versions, builds and their logs, with ids that only ever increase. */
export class State {
  readonly images = new Map<number, ImageRecord>();
  readonly versions = new Map<number, VersionRecord>();
  readonly builds = new Map<number, BuildRecord>();
  private nextImageId = 1;
  private nextVersionId = 1;
  private nextBuildId = 1;
  private nextAutodeployment = 1;

  constructor(private readonly buildMs: number) {}

  /** Forgets everything and cancels running builds; ids start again from 1. */
  clear(): void {
    for (const build of this.builds.values()) {
      clearTimeout(build.timer);
    }
    this.images.clear();
    this.versions.clear();
    this.builds.clear();
    this.nextImageId = 1;
    this.nextVersionId = 1;
    this.nextBuildId = 1;
    this.nextAutodeployment = 1;
  }

  /** The id the next build will get (builds read it to plan their log before anything is stored). */
  peekBuildId(): number {
    return this.nextBuildId;
  }

  /** An image by exact name. */
  findImageByName(name: string): ImageRecord | undefined {
    for (const image of this.images.values()) {
      if (image.name === name) {
        return image;
      }
    }
    return undefined;
  }

  /** The latest (highest id) version of an image. */
  latestVersion(image: ImageRecord): VersionRecord | undefined {
    const id = image.versionIds[image.versionIds.length - 1];
    return id === undefined ? undefined : this.versions.get(id);
  }

  /** Stores a new image. */
  addImage(fields: Omit<ImageRecord, "id" | "versionIds" | "createdAt" | "updatedAt">, now: number): ImageRecord {
    const image: ImageRecord = {
      ...fields,
      id: this.nextImageId++,
      createdAt: iso(now),
      updatedAt: iso(now),
      versionIds: [],
    };
    this.images.set(image.id, image);
    return image;
  }

  /** Stores a new version of an image. */
  addVersion(
    image: ImageRecord,
    fields: Omit<VersionRecord, "id" | "imageId" | "createdAt" | "updatedAt" | "buildIds" | "status">,
    now: number,
  ): VersionRecord {
    const version: VersionRecord = {
      ...fields,
      id: this.nextVersionId++,
      imageId: image.id,
      status: "not-ready",
      createdAt: iso(now),
      updatedAt: iso(now),
      buildIds: [],
    };
    this.versions.set(version.id, version);
    image.versionIds.push(version.id);
    image.updatedAt = iso(now);
    image.updatedBy = fields.createdBy;
    return version;
  }

  /** A new autodeployment id, deterministic so tests can compare whole answers. */
  newAutodeploymentId(): string {
    const n = this.nextAutodeployment++;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
  }

  /**
   * Starts a build of a version: stops a build still running for it, spreads the planned log lines over
   * `buildMs`, and ends the build on a timer (or at once when `buildMs` is 0).
   */
  startBuild(
    version: VersionRecord,
    plan: BuildPlan,
    artifactSize: number,
    now: number,
    durationMs: number = this.buildMs,
  ): BuildRecord {
    for (const id of version.buildIds) {
      const running = this.builds.get(id);
      if (running !== undefined && running.status === "building") {
        this.stopBuild(running, now, `superseded by build ${this.nextBuildId}`);
      }
    }
    const count = plan.lines.length;
    const lines = plan.lines.map((message, i) => ({
      message,
      // The last line lands when the build ends; the others are spread evenly before it.
      offsetMs: i === count - 1 ? durationMs : Math.floor((durationMs * (i + 1)) / (count + 1)),
    }));
    const build: BuildRecord = {
      id: this.nextBuildId++,
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
    this.builds.set(build.id, build);
    version.buildIds.push(build.id);
    version.lastBuildStatus = "building";
    version.lastBuildAt = iso(now);
    version.updatedAt = iso(now);
    if (durationMs === 0) {
      this.finishBuild(build, now);
    } else if (now + durationMs <= Date.now()) {
      // A build placed in the past (seeded) is already over.
      this.finishBuild(build, now + durationMs);
    } else {
      build.timer = setTimeout(() => this.finishBuild(build, Date.now()), durationMs);
      build.timer.unref();
    }
    return build;
  }

  /** Ends a running build with its planned outcome; the version becomes `ready` on success. */
  finishBuild(build: BuildRecord, now: number): void {
    if (build.status !== "building") {
      return;
    }
    clearTimeout(build.timer);
    build.status = build.outcome;
    build.finishedMs = now;
    build.timer = undefined;
    const version = this.versions.get(build.versionId);
    if (version === undefined) {
      return;
    }
    version.lastBuildStatus = build.outcome;
    version.updatedAt = iso(now);
    if (build.outcome === "success") {
      const image = this.images.get(version.imageId);
      if (version.status === "not-ready") {
        version.status = "ready";
      }
      version.pullUrl = pullUrlOf(image?.name ?? "image", version.version);
      // A stand-in size in MB that grows with the build context.
      version.size = Math.round((120 + build.artifactSize / (1024 * 1024)) * 100) / 100;
    }
    const image = this.images.get(version.imageId);
    if (image !== undefined) {
      image.updatedAt = iso(now);
    }
  }

  /** Stops a running build, keeping the lines already written and adding one saying why. */
  stopBuild(build: BuildRecord, now: number, reason: string): void {
    clearTimeout(build.timer);
    const elapsed = now - build.startedMs;
    build.lines = build.lines.filter((line) => line.offsetMs <= elapsed);
    build.lines.push({ message: `Build stopped: ${reason}`, offsetMs: Math.max(elapsed, 0) });
    build.status = "stopped";
    build.finishedMs = now;
    build.timer = undefined;
  }

  /** Removes a version, its builds and their timers. */
  removeVersion(version: VersionRecord): void {
    for (const id of version.buildIds) {
      const build = this.builds.get(id);
      clearTimeout(build?.timer);
      this.builds.delete(id);
    }
    this.versions.delete(version.id);
    const image = this.images.get(version.imageId);
    if (image !== undefined) {
      image.versionIds = image.versionIds.filter((id) => id !== version.id);
    }
  }

  /** Removes an image and everything under it. */
  removeImage(image: ImageRecord): void {
    for (const id of [...image.versionIds]) {
      const version = this.versions.get(id);
      if (version !== undefined) {
        this.removeVersion(version);
      }
    }
    this.images.delete(image.id);
  }

  /** The log lines of a build written by `now` (all of them once it has ended). */
  visibleLines(build: BuildRecord, now: number): LogLineRecord[] {
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
}
