import type { CreateResult, ImageClient, UploadOptions } from "@peak-images/sdk";
import { type RunContext, str } from "../../context.js";
import { PreflightError, UsageError } from "../../errors.js";
import { type ArtifactSpec, artifactFrom, mergeBody } from "../../input/merge.js";
import { printResult } from "../../io/output.js";
import { createProgress } from "../../io/progress.js";
import { waitForBuild } from "./_wait.js";

/** A create/update request assembled from the input file and the flags. */
export interface WriteInput {
  body: Record<string, unknown>;
  artifact: ArtifactSpec | undefined;
}

/** The sample files `--generate` prints for a command. */
export type SampleKind = "create_image" | "create_image_version" | "update_version" | "create_or_update_image";

/**
 * Reads FILE (or --file) with the params, merges the flags over its body and resolves the artifact. Returns
 * undefined after printing the samples when --generate was given.
 */
export async function readWriteInput(ctx: RunContext, sample: SampleKind): Promise<WriteInput | undefined> {
  if (ctx.flags.generate) {
    const { samples } = await import("../../samples.js");
    ctx.io.stdout.write(samples(sample));
    return undefined;
  }
  const positional = ctx.positionals.FILE as string | undefined;
  const option = str(ctx.flags, "file");
  if (positional !== undefined && option !== undefined && positional !== option) {
    throw new UsageError("give the YAML file once: as the FILE argument or with --file");
  }
  const file = positional ?? option;
  const { loadInputFile, loadParams } = await import("../../input/load-file.js");
  const params = await loadParams(str(ctx.flags, "params-file"), (ctx.flags.params as string[] | undefined) ?? []);
  const input = file ? await loadInputFile(file, params, ctx.io.env) : {};
  return { body: mergeBody(input, ctx.flags), artifact: artifactFrom(input, ctx.flags) };
}

/**
 * The Dockerfile preflight for upload builds: stops with the problems (the ignore line that excluded a file and
 * the `!` line that re-includes it) unless --skip-preflight.
 */
export async function preflight(ctx: RunContext, input: WriteInput): Promise<void> {
  const details = (input.body.buildDetails ?? {}) as { source?: unknown; dockerfilePath?: unknown; context?: unknown };
  if (!input.artifact || ctx.flags["skip-preflight"] || (details.source ?? "upload") !== "upload") {
    return;
  }
  const { checkArtifact } = await import("@peak-images/artifact");
  const report = await checkArtifact(input.artifact.path, {
    ...(input.artifact.ignoreFiles ? { ignoreFiles: input.artifact.ignoreFiles } : {}),
    ...(typeof details.dockerfilePath === "string" ? { dockerfilePath: details.dockerfilePath } : {}),
    ...(typeof details.context === "string" ? { context: details.context } : {}),
  });
  if (!report.ok) {
    const { issueLine } = await import("../artifact/_report.js");
    throw new PreflightError(
      `preflight: ${report.issues.map(issueLine).join("; ")} (nothing was sent; check with 'peak artifact check ${input.artifact.path}', or upload anyway with --skip-preflight)`,
    );
  }
}

/**
 * Sends a create/update call with progress bars, prints its result, then with --wait/--follow waits for the build
 * (exit 1 when it fails). `imageId` is known up front for version calls; create returns it.
 */
export async function sendWrite(
  ctx: RunContext,
  client: ImageClient,
  input: WriteInput,
  call: (options: UploadOptions) => Promise<CreateResult>,
  imageId?: () => number | undefined,
): Promise<number> {
  if (ctx.dryRun) {
    ctx.dryRun.artifact = input.artifact;
  }
  const progress = await createProgress(ctx);
  let result: CreateResult;
  try {
    result = await call({
      ...(input.artifact ? { artifact: input.artifact } : {}),
      signal: ctx.signal,
      onZipProgress: (done) => progress.zip(done),
      onUploadProgress: (done) => progress.upload(done),
    });
  } finally {
    progress.stop();
  }
  await printResult(ctx, result);
  const follow = ctx.flags.follow === true;
  if (ctx.flags.wait === true || follow) {
    const id = (result as { imageId?: number }).imageId ?? imageId?.();
    if (id === undefined) {
      throw new UsageError("cannot wait: the service did not say which image was built");
    }
    await waitForBuild(ctx, client, id, result.buildId, follow);
  }
  return 0;
}
