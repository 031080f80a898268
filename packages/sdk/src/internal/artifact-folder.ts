import { openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbortError } from "@peak-images/core";
import { ArtifactTooLargeError } from "../errors.js";
import { type ArtifactSource, isArtifactFolder, maxArtifactBytes, zipFromBytes } from "./artifact-source.js";

/**
 * Artifacts under Node: a folder is zipped by `@peak-images/artifact` into a temporary file and uploaded as a
 * file-backed Blob, so the zip never sits in the JS heap and a retry can read it again; the temporary folder is
 * removed however the call ends.
 */
export const nodeArtifacts: ArtifactSource = {
  async withZip(input, options, use) {
    if (!isArtifactFolder(input)) {
      return use(await zipFromBytes(input, options));
    }
    const max = maxArtifactBytes(options);
    // Loaded on first use, so a program that never uploads a folder (e.g. a CLI listing images) can skip it.
    const { writeArtifact } = await import("@peak-images/artifact");
    const dir = await mkdtemp(join(tmpdir(), "peak-images-artifact-"));
    try {
      const zipPath = join(dir, "artifact.zip");
      try {
        await writeArtifact(input.path, zipPath, {
          ...(input.ignoreFiles ? { ignoreFiles: [...input.ignoreFiles] } : {}),
          maxBytes: max,
          ...(options.onZipProgress ? { onProgress: options.onZipProgress } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        throw translate(error, input.path, max);
      }
      return await use(await openAsBlob(zipPath, { type: "application/zip" }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/** Maps the artifact package's size and abort failures onto the SDK's classes; other errors pass unchanged. */
function translate(error: unknown, path: string, max: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ARTIFACT_TOO_LARGE") {
    return new ArtifactTooLargeError(max, `The zip of ${path} grew past the limit`, { cause: error });
  }
  if (code === "ABORTED") {
    return new AbortError(`Zipping ${path} was aborted`, { cause: error });
  }
  return error;
}
