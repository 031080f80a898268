import type { BuildDetailsRecord, BuildRecord, ImageRecord, State, VersionRecord } from "./state.js";

/** Shapes answered by the API; built fresh per answer so callers never hold references into the state. */
export type JsonBody = { [key: string]: unknown };

const iso = (ms: number): string => new Date(ms).toISOString();

// A plain copy (structuredClone is several times slower, and describe calls are the hot path).
function copyDetails(details: Omit<BuildDetailsRecord, "token">): JsonBody {
  const out: JsonBody = { ...details };
  if (details.buildArguments !== undefined) {
    out.buildArguments = details.buildArguments.map((a) => ({ name: a.name, value: a.value }));
  }
  if (details.secrets !== undefined) {
    out.secrets = [...details.secrets];
  }
  return out;
}

/** A version as the spec's `ImageVersion` (the github token left out). */
export function versionView(version: VersionRecord): JsonBody {
  const { token: _token, ...buildDetails } = version.buildDetails;
  const out: JsonBody = {
    id: version.id,
    version: version.version,
    status: version.status,
    createdAt: version.createdAt,
    createdBy: version.createdBy,
    updatedAt: version.updatedAt,
    updatedBy: version.updatedBy,
    tags: version.tags.map((t) => ({ ...t })),
    buildDetails: copyDetails(buildDetails),
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
export function versionDetailsView(image: ImageRecord, version: VersionRecord): JsonBody {
  return { imageName: image.name, imageType: image.type, ...versionView(version) };
}

/** An image with its latest version (`Image`). */
export function imageView(state: State, image: ImageRecord): JsonBody {
  const out: JsonBody = {
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
export function buildView(build: BuildRecord): JsonBody {
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

/** One page of a list, with the spec's page fields; `pageCount` is 0 when nothing matches. */
export function page<T>(items: T[], pageSize: number, pageNumber: number) {
  const pageCount = Math.ceil(items.length / pageSize);
  const start = (pageNumber - 1) * pageSize;
  return { pageSize, pageNumber, pageCount, items: items.slice(start, start + pageSize) };
}
