import { ImageClientBase } from "./client.js";
import { UnsupportedArtifactError } from "./errors.js";
import { bytesOnlyArtifacts } from "./internal/artifact-bytes.js";
import type { Session, SessionOptions } from "./session.js";

export * from "./common.js";

/** The image client for browsers and other runtimes without a file system: artifacts are zip bytes. */
export class ImageClient extends ImageClientBase {
  /** A client on the given session (or session options); without one, the default session. */
  constructor(session?: Session | SessionOptions) {
    super(session, bytesOnlyArtifacts, async () => {
      throw new UnsupportedArtifactError(
        "saveBuildLogs writes a file and needs Node; here use getBuildLogsDownloadUrl() and fetch the link",
      );
    });
  }
}

/** Returns an image client, on the default session when none is given. */
export function getClient(session?: Session | SessionOptions): ImageClient {
  return new ImageClient(session);
}
