import { UnsupportedArtifactError } from "../errors.js";
import { type ArtifactSource, isArtifactFolder, zipFromBytes } from "./artifact-source.js";

/** Artifacts in runtimes without a file system (browsers, workers): zip bytes only. */
export const bytesOnlyArtifacts: ArtifactSource = {
  async withZip(input, options, use) {
    if (isArtifactFolder(input)) {
      throw new UnsupportedArtifactError(
        `A folder artifact ({ path: ${JSON.stringify(input.path)} }) can only be zipped under Node; in this runtime pass the zip itself as a File, Blob or Uint8Array`,
      );
    }
    return use(await zipFromBytes(input, options));
  },
};
