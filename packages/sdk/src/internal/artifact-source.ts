import type { ArtifactProgress } from "@peak-images/artifact";
import { ValidationError } from "@peak-images/core";
import { ArtifactTooLargeError } from "../errors.js";

/** A folder to zip as the Python SDK would (Node only): `ignoreFiles` default to `.dockerignore` when it exists. */
export interface ArtifactFolder {
  /** The build context folder. */
  path: string;
  /** Ignore files, named relative to `path` (they must sit at its root). */
  ignoreFiles?: readonly string[] | undefined;
}

/** A build context: a folder (Node), or the bytes of a zip already made (every runtime). */
export type ArtifactInput = ArtifactFolder | Blob | Uint8Array;

/** Bytes of the artifact handed to fetch so far, out of its size. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Zipping progress of a folder artifact (Node): files and bytes done so far, out of the totals. */
export type ZipProgress = ArtifactProgress;

/** How an artifact is turned into a zip file. */
export interface ArtifactOptions {
  /** Largest artifact accepted, compressed, in bytes (default 10 MiB, as the Python SDK). */
  maxArtifactBytes?: number | undefined;
  /** Called while a folder is zipped (Node). */
  onZipProgress?: ((progress: ZipProgress) => void) | undefined;
  /** Aborts the zipping and the upload. */
  signal?: AbortSignal | undefined;
}

/** Turns artifacts into an uploadable zip Blob for the length of a call, then releases what it made. */
export interface ArtifactSource {
  withZip<T>(input: ArtifactInput, options: ArtifactOptions, use: (zip: Blob) => Promise<T>): Promise<T>;
}

/** The Python SDK's limit: 10 MiB compressed. */
export const DEFAULT_MAX_ARTIFACT_BYTES = 10 * 1024 * 1024;

const ZIP_SIGNATURES = ["PK\u0003\u0004", "PK\u0005\u0006"];

/** True for `{ path }` objects (as opposed to bytes). */
export function isArtifactFolder(input: ArtifactInput): input is ArtifactFolder {
  return typeof input === "object" && input !== null && !(input instanceof Blob) && !(input instanceof Uint8Array);
}

/** The effective limit: the option when valid, else the default. */
export function maxArtifactBytes(options: ArtifactOptions): number {
  const max = options.maxArtifactBytes;
  if (max === undefined) {
    return DEFAULT_MAX_ARTIFACT_BYTES;
  }
  if (!Number.isSafeInteger(max) || max <= 0) {
    throw new ValidationError([
      { path: "options.maxArtifactBytes", message: `must be a positive integer, got ${max}` },
    ]);
  }
  return max;
}

/**
 * A zip given as bytes: checked against the limit and for the zip signature before anything is sent (a wrong file
 * would otherwise travel all the way to the service to be refused).
 */
export async function zipFromBytes(input: Blob | Uint8Array, options: ArtifactOptions): Promise<Blob> {
  const blob = input instanceof Blob ? input : new Blob([input as Uint8Array<ArrayBuffer>]);
  const max = maxArtifactBytes(options);
  if (blob.size > max) {
    throw new ArtifactTooLargeError(max, `The artifact is ${blob.size} bytes`);
  }
  const head = new TextDecoder("latin1").decode(await blob.slice(0, 4).arrayBuffer());
  if (!ZIP_SIGNATURES.includes(head)) {
    throw new ValidationError([
      { path: "artifact", message: "is not a zip file (it does not start with a zip signature)" },
    ]);
  }
  return blob;
}
