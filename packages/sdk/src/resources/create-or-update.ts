import { type CreateResult, type Image, type ImageVersion, ValidationError } from "@peak-images/core";
import { requestBodyIssues } from "@peak-images/core/body-check";
import type { ClientContext } from "../internal/context.js";
import type { UploadOptions } from "../internal/upload.js";
import type { CreateOrUpdateBody } from "./bodies.js";
import { listImages, listImageVersions } from "./lists.js";
import type { RequestOptions } from "./reads.js";
import { createImage, createVersion, updateVersion } from "./writes.js";

/** Page size of the searches behind create-or-update (the service's maximum page size is 100). */
const SEARCH_PAGE_SIZE = 100;

/** The image whose name is exactly `name`, searching every page of the service's substring search. */
export async function findImageByName(
  ctx: ClientContext,
  name: string,
  options: RequestOptions = {},
): Promise<Image | undefined> {
  for await (const image of listImages(ctx, { name, pageSize: SEARCH_PAGE_SIZE, signal: options.signal })) {
    if (image.name === name) {
      return image;
    }
  }
  return undefined;
}

/** The version of an image that is exactly `version` (not one it is a prefix of), searching every page. */
export async function findImageVersion(
  ctx: ClientContext,
  imageId: number,
  version: string,
  options: RequestOptions = {},
): Promise<ImageVersion | undefined> {
  for await (const found of listImageVersions(ctx, imageId, {
    version,
    pageSize: SEARCH_PAGE_SIZE,
    signal: options.signal,
  })) {
    if (found.version === version) {
      return found;
    }
  }
  return undefined;
}

/** Which call a create-or-update resolved to, and the ids it found on the way. */
export type CreateOrUpdateAction =
  | { action: "createImage" }
  | { action: "createVersion"; imageId: number }
  | { action: "updateVersion"; imageId: number; versionId: number };

/** Options of {@link ImageClientBase.createOrUpdateImageVersion | ImageClient.createOrUpdateImageVersion}. */
export interface CreateOrUpdateOptions extends UploadOptions {
  /** Called once the branch is known, before anything is zipped or sent. */
  onAction?: ((action: CreateOrUpdateAction) => void) | undefined;
}

/**
 * Updates the version named by `body.version` of the image named `body.name` if it exists, else creates that
 * version, else creates the image; names and versions must match exactly, across every page (unlike peak-sdk,
 * which reads one page of a substring search and may create duplicates). The whole body is sent on each branch.
 */
export async function createOrUpdateImageVersion(
  ctx: ClientContext,
  body: CreateOrUpdateBody,
  options: CreateOrUpdateOptions = {},
): Promise<CreateResult> {
  const issues = requestBodyIssues("createImage", body);
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
  const image = await findImageByName(ctx, body.name, options);
  if (!image) {
    options.onAction?.({ action: "createImage" });
    return createImage(ctx, body, options);
  }
  const existing = body.version ? await findImageVersion(ctx, image.id, body.version, options) : undefined;
  if (!existing) {
    options.onAction?.({ action: "createVersion", imageId: image.id });
    return createVersion(ctx, image.id, body, options);
  }
  options.onAction?.({ action: "updateVersion", imageId: image.id, versionId: existing.id });
  return updateVersion(ctx, image.id, existing.id, body, options);
}
