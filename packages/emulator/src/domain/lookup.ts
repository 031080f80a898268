import type { ServiceContext } from "./context.js";
import { ApiError } from "./errors.js";
import type { BuildRecord, ImageRecord, VersionRecord } from "./records.js";

/** The image named by the path's `imageId`, or 404. */
export function findImage(ctx: ServiceContext, params: Record<string, unknown>): ImageRecord {
  const id = params.imageId as number;
  const image = ctx.state.images.get(id);
  if (image === undefined) {
    throw new ApiError(404, `Image ${id} not found`);
  }
  return image;
}

/** A version of the image, by id, or 404 (a version of another image is not found either). */
export function findVersion(ctx: ServiceContext, image: ImageRecord, id: number): VersionRecord {
  const version = ctx.state.versions.get(id);
  if (version === undefined || version.imageId !== image.id) {
    throw new ApiError(404, `Version ${id} of image ${image.id} not found`);
  }
  return version;
}

/** The build named by the path's `buildId`, of the path's image, or 404. */
export function findBuild(ctx: ServiceContext, params: Record<string, unknown>): BuildRecord {
  const image = findImage(ctx, params);
  const id = params.buildId as number;
  const build = ctx.state.builds.get(id);
  if (build === undefined || build.imageId !== image.id) {
    throw new ApiError(404, `Build ${id} of image ${image.id} not found`);
  }
  return build;
}

/** 422 when one of the versions is in use: such versions cannot be deleted. */
export function refuseInUse(versions: VersionRecord[]): void {
  const busy = versions.find((v) => v.status === "in-use");
  if (busy !== undefined) {
    throw new ApiError(422, `Version ${busy.version} (id ${busy.id}) is in use and cannot be deleted`);
  }
}
