import { type CreateResult, ValidationError, type ValidationIssue } from "@peak-images/core";
import { type MultipartOperation, requestBodyIssues } from "@peak-images/core/body-check";
import { checkIds } from "../internal/checks.js";
import type { ClientContext } from "../internal/context.js";
import { dataOf } from "../internal/result.js";
import { sendWithArtifact, type UploadOptions } from "../internal/upload.js";
import type { CreateImageBody, CreateVersionBody, UpdateVersionBody } from "./bodies.js";

/**
 * Rejects a body the spec does not accept, listing every problem with its JSON path, before anything is zipped
 * or sent. An upload build with no artifact is refused here too (the service would answer 400).
 */
function checkBody(operation: MultipartOperation, body: unknown, options: UploadOptions): void {
  const issues: ValidationIssue[] = requestBodyIssues(operation, body);
  const source = (body as { buildDetails?: { source?: unknown } } | null)?.buildDetails?.source ?? "upload";
  if (operation !== "updateVersion" && source === "upload" && options.artifact === undefined && issues.length === 0) {
    issues.push({ path: "artifact", message: "is required when buildDetails.source is upload (the default)" });
  }
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
}

/** Creates an image and its first version, and starts the build. */
export async function createImage(
  ctx: ClientContext,
  body: CreateImageBody,
  options: UploadOptions = {},
): Promise<CreateResult> {
  checkBody("createImage", body, options);
  return sendWithArtifact(ctx, options, async (artifact) => {
    return dataOf(await ctx.session.uploadApi.POST("/images", { body: { ...body, artifact }, signal: options.signal }));
  });
}

/** Creates a version of an image and starts its build. */
export async function createVersion(
  ctx: ClientContext,
  imageId: number,
  body: CreateVersionBody,
  options: UploadOptions = {},
): Promise<CreateResult> {
  checkIds({ imageId });
  checkBody("createVersion", body, options);
  return sendWithArtifact(ctx, options, async (artifact) => {
    return dataOf(
      await ctx.session.uploadApi.POST("/images/{imageId}/versions", {
        params: { path: { imageId } },
        body: { ...body, artifact },
        signal: options.signal,
      }),
    );
  });
}

/** Updates a `not-ready` version and starts a new build (without an artifact, the last one is reused). */
export async function updateVersion(
  ctx: ClientContext,
  imageId: number,
  versionId: number,
  body: UpdateVersionBody,
  options: UploadOptions = {},
): Promise<CreateResult> {
  checkIds({ imageId, versionId });
  checkBody("updateVersion", body, options);
  return sendWithArtifact(ctx, options, async (artifact) => {
    return dataOf(
      await ctx.session.uploadApi.PATCH("/images/{imageId}/versions/{versionId}", {
        params: { path: { imageId, versionId } },
        body: { ...body, artifact },
        signal: options.signal,
      }),
    );
  });
}
