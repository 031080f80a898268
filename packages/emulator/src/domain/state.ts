import type { BuildRecord, ImageRecord, VersionRecord } from "./records.js";
import { iso } from "./time.js";

/** The in-memory service: images, versions and builds by id, with ids that only ever increase. */
export class State {
  readonly images = new Map<number, ImageRecord>();
  readonly versions = new Map<number, VersionRecord>();
  readonly builds = new Map<number, BuildRecord>();
  private nextImageId = 1;
  private nextVersionId = 1;
  private nextBuildId = 1;
  private nextAutodeployment = 1;

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

  /** The id the next build will get (its log names it before the build is stored). */
  peekBuildId(): number {
    return this.nextBuildId;
  }

  /** Takes the next build id. */
  takeBuildId(): number {
    return this.nextBuildId++;
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

  /** The versions of an image, oldest first. */
  versionsOf(image: ImageRecord): VersionRecord[] {
    return image.versionIds.map((id) => this.versions.get(id)).filter((v) => v !== undefined);
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
    for (const version of this.versionsOf(image)) {
      this.removeVersion(version);
    }
    this.images.delete(image.id);
  }
}
