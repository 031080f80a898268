import type { Build, BuildDetails, Image, ImageVersion, ImageVersionDetails } from "@peak-images/core";
import type { BuildRecord, ImageRecord, StoredBuildDetails, VersionRecord } from "./records.js";
import type { State } from "./state.js";
import { iso } from "./time.js";

// Answers are built fresh each time, so callers never hold references into the state. Plain copies: structuredClone
// is several times slower, and describe calls are the hot path.

/** The answered build details: the github token is kept but never returned. */
function detailsView(details: StoredBuildDetails): BuildDetails {
  const { token: _token, ...out } = details;
  if (details.buildArguments !== undefined) {
    out.buildArguments = details.buildArguments.map((a) => ({ name: a.name, value: a.value }));
  }
  if (details.secrets !== undefined) {
    out.secrets = [...details.secrets];
  }
  return out;
}

/** A version as the spec's `ImageVersion`. */
export function versionView(version: VersionRecord): ImageVersion {
  const out: ImageVersion = {
    id: version.id,
    version: version.version,
    status: version.status,
    createdAt: version.createdAt,
    createdBy: version.createdBy,
    updatedAt: version.updatedAt,
    updatedBy: version.updatedBy,
    tags: version.tags.map((t) => ({ ...t })),
    buildDetails: detailsView(version.buildDetails),
  };
  if (version.description !== undefined) {
    out.description = version.description;
  }
  if (version.lastBuildStatus !== undefined) {
    out.lastBuildStatus = version.lastBuildStatus;
  }
  if (version.lastBuildAt !== undefined) {
    out.lastBuildAt = version.lastBuildAt;
  }
  if (version.pullUrl !== undefined) {
    out.pullUrl = version.pullUrl;
  }
  if (version.size !== undefined) {
    out.size = version.size;
  }
  if (version.autodeployResources !== undefined) {
    out.autodeployResources = version.autodeployResources.map((r) => ({ ...r }));
  }
  return out;
}

/** A version with its image's name and type (`ImageVersionDetails`). */
export function versionDetailsView(image: ImageRecord, version: VersionRecord): ImageVersionDetails {
  return { imageName: image.name, imageType: image.type, ...versionView(version) };
}

/** An image with its latest version (`Image`). */
export function imageView(state: State, image: ImageRecord): Image {
  const out: Image = {
    id: image.id,
    name: image.name,
    type: image.type,
    scope: image.scope,
    createdAt: image.createdAt,
    createdBy: image.createdBy,
    updatedAt: image.updatedAt,
    updatedBy: image.updatedBy,
  };
  if (image.description !== undefined) {
    out.description = image.description;
  }
  const latest = state.latestVersion(image);
  if (latest !== undefined) {
    out.latestVersion = versionView(latest);
  }
  return out;
}

/** A build (`Build`). */
export function buildView(build: BuildRecord): Build {
  return {
    buildId: build.id,
    imageId: build.imageId,
    versionId: build.versionId,
    version: build.version,
    status: build.status,
    startedAt: iso(build.startedMs),
    finishedAt: build.finishedMs === undefined ? null : iso(build.finishedMs),
  };
}
