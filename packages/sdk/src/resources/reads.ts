import type { Empty, Image, ImageVersionDetails } from "@peak-images/core";
import { checkIdList, checkIds } from "../internal/checks.js";
import type { ClientContext } from "../internal/context.js";
import { dataOf } from "../internal/result.js";

/** Per-call options of the simple calls. */
export interface RequestOptions {
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
}

/** An image and its latest version. */
export async function describeImage(ctx: ClientContext, imageId: number, options: RequestOptions = {}): Promise<Image> {
  checkIds({ imageId });
  return dataOf(await ctx.api.GET("/images/{imageId}", { params: { path: { imageId } }, signal: options.signal }));
}

/** A version, with its image's name and type. */
export async function describeVersion(
  ctx: ClientContext,
  imageId: number,
  versionId: number,
  options: RequestOptions = {},
): Promise<ImageVersionDetails> {
  checkIds({ imageId, versionId });
  return dataOf(
    await ctx.api.GET("/images/{imageId}/versions/{versionId}", {
      params: { path: { imageId, versionId } },
      signal: options.signal,
    }),
  );
}

/** Deletes an image; its versions go to `deleting` first. */
export async function deleteImage(ctx: ClientContext, imageId: number, options: RequestOptions = {}): Promise<Empty> {
  checkIds({ imageId });
  return dataOf(await ctx.api.DELETE("/images/{imageId}", { params: { path: { imageId } }, signal: options.signal }));
}

/** Deletes one version. */
export async function deleteVersion(
  ctx: ClientContext,
  imageId: number,
  versionId: number,
  options: RequestOptions = {},
): Promise<Empty> {
  checkIds({ imageId, versionId });
  return dataOf(
    await ctx.api.DELETE("/images/{imageId}/versions/{versionId}", {
      params: { path: { imageId, versionId } },
      signal: options.signal,
    }),
  );
}

/** Deletes several versions of an image, all or nothing. */
export async function deleteVersions(
  ctx: ClientContext,
  imageId: number,
  versionIds: readonly number[],
  options: RequestOptions = {},
): Promise<Empty> {
  checkIds({ imageId });
  checkIdList("versionIds", versionIds);
  return dataOf(
    await ctx.api.DELETE("/images/{imageId}/versions", {
      params: { path: { imageId }, query: { versionIds: [...versionIds] } },
      signal: options.signal,
    }),
  );
}
