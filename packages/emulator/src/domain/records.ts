import type {
  AutodeployResource,
  BuildDetails,
  BuildStatus,
  GithubBuildDetails,
  Image,
  ImageVersion,
} from "@peak-images/core";
import type { StoredArtifact } from "../build/artifact.js";

// The records are the spec's shapes (generated into @peak-images/core) plus what only the emulator keeps.

/** A version's build settings as stored: the answered `BuildDetails`, `useCache` filled in, the github token kept. */
export type StoredBuildDetails = BuildDetails & Pick<GithubBuildDetails, "token"> & { useCache: boolean };

/** An image in memory: the spec's `Image` without its latest version, which is looked up. */
export interface ImageRecord extends Omit<Image, "latestVersion" | "updatedAt" | "updatedBy"> {
  updatedAt: string;
  updatedBy: string;
  /** Ascending: the last one is the latest version. */
  versionIds: number[];
}

/** A version in memory: the spec's `ImageVersion` plus its image, builds and last upload. */
export interface VersionRecord extends Omit<ImageVersion, "buildDetails" | "autodeployResources"> {
  imageId: number;
  buildDetails: StoredBuildDetails;
  autodeployResources?: AutodeployResource[];
  /** The last uploaded zip, opened once, reused when an update sends no new artifact. */
  artifact?: StoredArtifact;
  buildIds: number[];
}

/** One log line; it becomes visible `offsetMs` after the build started. */
export interface LogLineRecord {
  message: string;
  offsetMs: number;
}

/** A build in memory; answered as the spec's `Build` and `BuildLogs`. */
export interface BuildRecord {
  id: number;
  imageId: number;
  versionId: number;
  version: string;
  status: BuildStatus;
  outcome: "success" | "failed";
  startedMs: number;
  finishedMs: number | undefined;
  lines: LogLineRecord[];
  artifactSize: number;
  timer: NodeJS.Timeout | undefined;
}

/** Who the emulator says created things (there is one tenant and one user). */
export const emulatorUser = "emulator@peak-images.local";
