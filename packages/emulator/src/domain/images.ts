import type { ImagePage, ImageType } from "@peak-images/core";
import { readBody, withDefaults } from "./bodies.js";
import { prepareBuild, startBuild } from "./build-start.js";
import type { OperationHandler, ServiceContext } from "./context.js";
import { ApiError } from "./errors.js";
import { hasAny, page, tagged } from "./listing.js";
import { findImage, refuseInUse } from "./lookup.js";
import { emulatorUser, type ImageRecord } from "./records.js";
import { imageView } from "./views.js";

function isFiltered(q: Record<string, unknown>): boolean {
  return [q.searchTerm, q.scope, q.status, q.lastBuildStatus, q.tags].some(
    (f) => f !== undefined && (!Array.isArray(f) || f.length > 0),
  );
}

function matches(ctx: ServiceContext, image: ImageRecord, q: Record<string, unknown>, term: string | undefined) {
  const latest = ctx.state.latestVersion(image);
  if (term !== undefined && !image.name.toLowerCase().includes(term)) {
    if (!(latest?.version.toLowerCase().includes(term) ?? false)) {
      return false;
    }
  }
  return (
    hasAny(image.scope, q.scope) &&
    hasAny(latest?.status, q.status) &&
    hasAny(latest?.lastBuildStatus, q.lastBuildStatus) &&
    tagged(latest?.tags, q.tags)
  );
}

/** `listImages`: newest first, filtered by name or latest version, scope, and the latest version's state. */
export const listImages: OperationHandler = (ctx, req) => {
  const q = req.query;
  const { pageSize, pageNumber } = q as { pageSize: number; pageNumber: number };
  const images = [...ctx.state.images.values()];
  if (!isFiltered(q)) {
    // No filter: page straight from the end (newest first) without visiting every image.
    const end = images.length - (pageNumber - 1) * pageSize;
    const slice = end <= 0 ? [] : images.slice(Math.max(0, end - pageSize), end).reverse();
    const body: ImagePage = {
      imageCount: images.length,
      pageSize,
      pageNumber,
      pageCount: Math.ceil(images.length / pageSize),
      images: slice.map((image) => imageView(ctx.state, image)),
    };
    return { status: 200, body };
  }
  const term = typeof q.searchTerm === "string" ? q.searchTerm.toLowerCase() : undefined;
  const found = images.reverse().filter((image) => matches(ctx, image, q, term));
  const { items, ...info } = page(found, pageSize, pageNumber);
  const body: ImagePage = { imageCount: found.length, ...info, images: items.map((i) => imageView(ctx.state, i)) };
  return { status: 200, body };
};

/** `describeImage`. */
export const describeImage: OperationHandler = (ctx, req) => ({
  status: 200,
  body: imageView(ctx.state, findImage(ctx, req.params)),
});

/** `createImage`: the image, its first version and that version's build. */
export const createImage: OperationHandler = async (ctx, req) => {
  const body = readBody(ctx.validator, req.operation, req.fields);
  const prepared = await prepareBuild(ctx, withDefaults(body.buildDetails), req.artifact, undefined);
  // Checked after the await: a concurrent create of the same name may have landed meanwhile.
  const name = body.name as string;
  if (ctx.state.findImageByName(name) !== undefined) {
    throw new ApiError(409, `Image name ${name} is already in use`);
  }
  const now = Date.now();
  const description = body.description === undefined ? {} : { description: body.description };
  const image = ctx.state.addImage(
    {
      name,
      // Required by the createImage schema, which readBody has checked.
      type: body.type as ImageType,
      scope: "custom",
      ...description,
      createdBy: emulatorUser,
      updatedBy: emulatorUser,
    },
    now,
  );
  const version = ctx.state.addVersion(
    image,
    {
      version: body.version ?? "0.0.1",
      ...description,
      createdBy: emulatorUser,
      updatedBy: emulatorUser,
      tags: [],
      buildDetails: prepared.details,
      ...(prepared.artifact === undefined ? {} : { artifact: prepared.artifact }),
    },
    now,
  );
  // An image's first version has no autodeploy resources: its answer has no autodeploymentId.
  const { autodeploymentId: _none, ...created } = startBuild(ctx, image, version, prepared, now);
  return { status: 201, body: created };
};

/** `deleteImage`: the image and all its versions, unless one is in use. */
export const deleteImage: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  refuseInUse(ctx.state.versionsOf(image));
  ctx.state.removeImage(image);
  return { status: 200, body: {} };
};
