import type { VersionPage } from "@peak-images/core";
import { describeProblems } from "../spec/problems.js";
import { checkSameImage, mergeBuildDetails, nextPatch, readBody, withDefaults } from "./bodies.js";
import { prepareBuild, startBuild } from "./build-start.js";
import type { OperationHandler } from "./context.js";
import { ApiError } from "./errors.js";
import { hasAny, page, tagged } from "./listing.js";
import { findImage, findVersion, refuseInUse } from "./lookup.js";
import { emulatorUser, type VersionRecord } from "./records.js";
import { iso } from "./time.js";
import { versionDetailsView, versionView } from "./views.js";

/** `listImageVersions`: newest first, filtered by version text, status, last build status and tags. */
export const listImageVersions: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  const q = req.query;
  const term = typeof q.searchTerm === "string" ? q.searchTerm.toLowerCase() : undefined;
  const found = ctx.state
    .versionsOf(image)
    .reverse()
    .filter(
      (v) =>
        (term === undefined || v.version.toLowerCase().includes(term)) &&
        hasAny(v.status, q.status) &&
        hasAny(v.lastBuildStatus, q.lastBuildStatus) &&
        tagged(v.tags, q.tags),
    );
  const { items, ...info } = page(found, q.pageSize as number, q.pageNumber as number);
  const body: VersionPage = { versionCount: found.length, ...info, versions: items.map(versionView) };
  return { status: 200, body };
};

/** `describeVersion`. */
export const describeVersion: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  return { status: 200, body: versionDetailsView(image, findVersion(ctx, image, req.params.versionId as number)) };
};

/** `createVersion`: a new version (the next patch by default) and its build. */
export const createVersion: OperationHandler = async (ctx, req) => {
  const before = findImage(ctx, req.params);
  const body = readBody(ctx.validator, req.operation, req.fields);
  checkSameImage(body, before);
  const prepared = await prepareBuild(ctx, withDefaults(body.buildDetails), req.artifact, undefined);
  // Re-read after the await: the image may have been deleted or given this version meanwhile.
  const image = findImage(ctx, req.params);
  const existing = ctx.state.versionsOf(image).map((v) => v.version);
  const versionString = body.version ?? nextPatch(existing);
  if (existing.includes(versionString)) {
    throw new ApiError(409, `Version ${versionString} of image ${image.name} already exists`);
  }
  const now = Date.now();
  const version = ctx.state.addVersion(
    image,
    {
      version: versionString,
      ...(body.description === undefined ? {} : { description: body.description }),
      createdBy: emulatorUser,
      updatedBy: emulatorUser,
      tags: [],
      buildDetails: prepared.details,
      ...(body.autodeployResources === undefined ? {} : { autodeployResources: body.autodeployResources }),
      ...(prepared.artifact === undefined ? {} : { artifact: prepared.artifact }),
    },
    now,
  );
  return { status: 201, body: startBuild(ctx, image, version, prepared, now) };
};

function refuseUnlessNotReady(version: VersionRecord): void {
  if (version.status !== "not-ready") {
    throw new ApiError(409, `Version ${version.version} is ${version.status}: only not-ready versions can be updated`);
  }
}

/**
 * `updateVersion`: only a not-ready version (its last build failed or is running); `buildDetails` is merged onto
 * the current ones, the last upload is reused when none is sent, and a new build starts.
 */
export const updateVersion: OperationHandler = async (ctx, req) => {
  const image = findImage(ctx, req.params);
  const current = findVersion(ctx, image, req.params.versionId as number);
  const body = readBody(ctx.validator, req.operation, req.fields);
  refuseUnlessNotReady(current);
  checkSameImage(body, image);
  if (body.version !== undefined && body.version !== current.version) {
    throw new ApiError(
      422,
      `The version of an existing image version cannot be changed (${current.version} != ${body.version})`,
      [{ path: "body.version", message: `must equal the current version (${current.version})` }],
    );
  }
  const merged = mergeBuildDetails(current.buildDetails, body.buildDetails);
  const problems = ctx.validator.checkSchema("#/components/schemas/BuildDetailsInput", merged, "body.buildDetails");
  if (problems.length > 0) {
    throw new ApiError(400, describeProblems(problems), problems);
  }
  const prepared = await prepareBuild(ctx, withDefaults(merged), req.artifact, current.artifact);
  // Re-check after the await: a concurrent call may have deleted or rebuilt the version.
  const version = findVersion(ctx, findImage(ctx, req.params), current.id);
  refuseUnlessNotReady(version);
  const now = Date.now();
  version.buildDetails = prepared.details;
  if (body.description !== undefined) {
    version.description = body.description;
  }
  if (body.autodeployResources !== undefined) {
    version.autodeployResources = body.autodeployResources;
  }
  if (prepared.artifact !== undefined) {
    version.artifact = prepared.artifact;
  }
  version.updatedAt = iso(now);
  version.updatedBy = emulatorUser;
  return { status: 200, body: startBuild(ctx, image, version, prepared, now) };
};

/** `deleteVersion`, unless it is in use. */
export const deleteVersion: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  const version = findVersion(ctx, image, req.params.versionId as number);
  refuseInUse([version]);
  ctx.state.removeVersion(version);
  return { status: 200, body: {} };
};

/** `deleteVersions`: all or nothing, every id checked before the first one is removed. */
export const deleteVersions: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  const versions = (req.query.versionIds as number[]).map((id) => findVersion(ctx, image, id));
  refuseInUse(versions);
  for (const version of new Set(versions)) {
    ctx.state.removeVersion(version);
  }
  return { status: 200, body: {} };
};
