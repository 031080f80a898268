import { PeakError } from "@peak-images/core";
import type { BuildOutcome } from "./resources/build-outcome.js";

/** A build ended in a state other than `success`; carries the build and the last lines of its log. */
export class BuildFailedError extends PeakError {
  override readonly name = "BuildFailedError";
  override readonly code = "BUILD_FAILED";
  /** The build as last observed (`status` is `failed` or `stopped`). */
  readonly build: BuildOutcome;
  /** The last lines of the build's log, oldest first (at most 20). */
  readonly logLines: readonly string[];

  constructor(build: BuildOutcome, logLines: readonly string[]) {
    const last = logLines.at(-1);
    super(
      `Build ${build.buildId} of image ${build.imageId} ended with status "${build.status}"${last ? `: ${last}` : ""}`,
    );
    this.build = build;
    this.logLines = logLines;
  }
}

/** `waitForBuild` gave up after `maxWaitSeconds` while the build was still running. */
export class WaiterTimeoutError extends PeakError {
  override readonly name = "WaiterTimeoutError";
  override readonly code = "WAITER_TIMEOUT";
  /** The limit that was reached, in seconds. */
  readonly maxWaitSeconds: number;
  /** The build as last observed. */
  readonly build: BuildOutcome | undefined;

  constructor(maxWaitSeconds: number, build: BuildOutcome | undefined) {
    super(
      `Build ${build ? `${build.buildId} of image ${build.imageId} ` : ""}was still "${build?.status ?? "unknown"}" after ${maxWaitSeconds} s (maxWaitSeconds); it goes on running on the service`,
    );
    this.maxWaitSeconds = maxWaitSeconds;
    this.build = build;
  }
}

/** An artifact is larger than `maxArtifactBytes` (10 MiB by default, as the Python SDK); nothing was sent. */
export class ArtifactTooLargeError extends PeakError {
  override readonly name = "ArtifactTooLargeError";
  override readonly code = "ARTIFACT_TOO_LARGE";
  /** The limit in bytes. */
  readonly maxBytes: number;

  constructor(maxBytes: number, detail: string, options?: { cause?: unknown }) {
    super(`${detail}; the limit is ${formatMiB(maxBytes)} (raise it with the maxArtifactBytes option)`, options);
    this.maxBytes = maxBytes;
  }
}

/** An artifact was given in a form this runtime cannot use (e.g. a folder path in a browser). */
export class UnsupportedArtifactError extends PeakError {
  override readonly name = "UnsupportedArtifactError";
  override readonly code = "UNSUPPORTED_ARTIFACT";
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}
