import type { CreateResult } from "@peak-images/core";
import { analyseBuild, type BuildAnalysis } from "../build/analyse.js";
import { ArtifactError, openArtifact, type StoredArtifact } from "../build/artifact.js";
import { writeBuildLog } from "../build/build-log.js";
import { formatBytes, maxDockerfileBytes } from "../build/limits.js";
import type { ServiceContext } from "./context.js";
import { badRequest } from "./errors.js";
import type { ImageRecord, StoredBuildDetails, VersionRecord } from "./records.js";

/** A build worked out before anything changes: the slow, asynchronous part of the create and update calls. */
export interface PreparedBuild {
  details: StoredBuildDetails;
  /** The upload build's zip: the one just uploaded (opened once, here), or the version's last one. */
  artifact: StoredArtifact | undefined;
  analysis: BuildAnalysis;
}

/**
 * Opens the upload (if any) and works out the build. Every way the request itself is wrong is a 400 from here: a
 * missing or unreadable zip, or a Dockerfile over the size limit. A Dockerfile that would not build is not: that
 * build fails, with its log saying why.
 */
export async function prepareBuild(
  ctx: ServiceContext,
  details: StoredBuildDetails,
  upload: Buffer | undefined,
  previous: StoredArtifact | undefined,
): Promise<PreparedBuild> {
  if (details.source === "dockerfile" && Buffer.byteLength(details.dockerfile ?? "") > maxDockerfileBytes) {
    throw badRequest(
      "body.buildDetails.dockerfile",
      `is larger than ${formatBytes(maxDockerfileBytes)} (the emulator's limit for a Dockerfile)`,
    );
  }
  try {
    let artifact: StoredArtifact | undefined;
    if (details.source === "upload") {
      artifact = upload === undefined ? previous : await openArtifact(upload);
      if (artifact === undefined) {
        throw badRequest("body.artifact", "is required when buildDetails.source is upload");
      }
    }
    const analysis = await analyseBuild({
      details,
      artifact,
      // Only the Dockerfile is inflated, so its own limit bounds the total too, below a smaller artifact limit.
      maxDockerfileBytes: Math.min(maxDockerfileBytes, ctx.maxArtifactBytes),
      parser: ctx.parser,
    });
    return { details, artifact, analysis };
  } catch (error) {
    if (error instanceof ArtifactError) {
      throw badRequest("body.artifact", error.message);
    }
    throw error;
  }
}

/**
 * Starts a prepared build of a version (stopping one still running) and answers as the create and update calls
 * do; an autodeployment id is handed out when the version has autodeploy resources.
 */
export function startBuild(
  ctx: ServiceContext,
  image: ImageRecord,
  version: VersionRecord,
  prepared: PreparedBuild,
  now: number,
): Required<CreateResult> {
  const names = { buildId: ctx.state.peekBuildId(), imageName: image.name, version: version.version };
  const plan = writeBuildLog(prepared.analysis, names);
  const build = ctx.runs.start(version, plan, prepared.artifact?.index.size ?? 0, now);
  const autodeploy = version.autodeployResources ?? [];
  return {
    imageId: image.id,
    versionId: version.id,
    buildId: build.id,
    autodeploymentId: autodeploy.length > 0 ? ctx.state.newAutodeploymentId() : null,
  };
}
