import { ImageClientBase } from "./client.js";
import { nodeArtifacts } from "./internal/artifact-folder.js";
import { saveBuildLogs } from "./resources/save-logs.js";
import type { Session, SessionOptions } from "./session.js";

export {
  ArtifactError,
  InvalidPathError,
  LinkLoopError,
  LinkOutsideRootError,
  RootNotADirectoryError,
  RootNotFoundError,
} from "@peak-images/artifact";
export * from "./common.js";

/** The image client for Node: artifacts may be folders, zipped as peak-sdk would; logs can be saved to files. */
export class ImageClient extends ImageClientBase {
  /** A client on the given session (or session options); without one, the default session from the environment. */
  constructor(session?: Session | SessionOptions) {
    super(session, nodeArtifacts, saveBuildLogs);
  }
}

/** Returns an image client, on the default session when none is given (as peak-sdk's `get_client`). */
export function getClient(session?: Session | SessionOptions): ImageClient {
  return new ImageClient(session);
}
