import type {
  Build,
  BuildLogs,
  BuildPage,
  CreateResult,
  Empty,
  Image,
  ImagePage,
  ImagesApi,
  ImageVersion,
  ImageVersionDetails,
  LogEntry,
  VersionPage,
} from "@peak-images/core";
import type { ArtifactSource } from "./internal/artifact-source.js";
import type { ClientContext } from "./internal/context.js";
import type { PagePromise } from "./internal/pagination.js";
import type { UploadOptions } from "./internal/upload.js";
import type { CreateImageBody, CreateOrUpdateBody, CreateVersionBody, UpdateVersionBody } from "./resources/bodies.js";
import type { BuildOutcome } from "./resources/build-outcome.js";
import * as upsert from "./resources/create-or-update.js";
import * as lists from "./resources/lists.js";
import * as logs from "./resources/logs.js";
import * as reads from "./resources/reads.js";
import type { SaveBuildLogsOptions } from "./resources/save-logs.js";
import * as waiter from "./resources/waiter.js";
import * as writes from "./resources/writes.js";
import { getDefaultSession, Session, type SessionOptions } from "./session.js";

/** Saves a build's log to a file; only the Node entry has one. */
export type SaveLogs = (
  ctx: ClientContext,
  imageId: number,
  buildId: number,
  options?: SaveBuildLogsOptions,
) => Promise<string>;

/**
 * The methods of peak-sdk's image client (camelCase, ids as numbers, optional arguments in one options object),
 * plus paging, waiting for builds and following their logs. Built per runtime by the entry points.
 */
export class ImageClientBase {
  /** The session this client sends with. */
  readonly session: Session;
  /** The typed core client, for anything these methods do not cover. */
  readonly api: ImagesApi;
  readonly #ctx: ClientContext;
  readonly #saveLogs: SaveLogs;

  constructor(session: Session | SessionOptions | undefined, artifacts: ArtifactSource, saveLogs: SaveLogs) {
    this.session = session instanceof Session ? session : session ? new Session(session) : getDefaultSession();
    this.api = this.session.api;
    this.#ctx = { session: this.session, api: this.api, artifacts };
    this.#saveLogs = saveLogs;
  }

  /** Images (each with its latest version): await for one page, `for await` for every image. */
  listImages(options?: lists.ListImagesOptions): PagePromise<ImagePage, Image> {
    return lists.listImages(this.#ctx, options);
  }

  /** The versions of an image: await for one page, `for await` for every version. */
  listImageVersions(imageId: number, options?: lists.ListImageVersionsOptions): PagePromise<VersionPage, ImageVersion> {
    return lists.listImageVersions(this.#ctx, imageId, options);
  }

  /** The builds of an image, newest first: await for one page, `for await` for every build. */
  listImageBuilds(imageId: number, options?: lists.ListImageBuildsOptions): PagePromise<BuildPage, Build> {
    return lists.listImageBuilds(this.#ctx, imageId, options);
  }

  /** Creates an image and its first version, and starts the build. */
  createImage(body: CreateImageBody, options?: UploadOptions): Promise<CreateResult> {
    return writes.createImage(this.#ctx, body, options);
  }

  /** Creates a version of an image and starts its build. */
  createVersion(imageId: number, body: CreateVersionBody, options?: UploadOptions): Promise<CreateResult> {
    return writes.createVersion(this.#ctx, imageId, body, options);
  }

  /** Updates a `not-ready` version and starts a new build. */
  updateVersion(
    imageId: number,
    versionId: number,
    body: UpdateVersionBody,
    options?: UploadOptions,
  ): Promise<CreateResult> {
    return writes.updateVersion(this.#ctx, imageId, versionId, body, options);
  }

  /** Updates the exact name + version if it exists, else creates the version, else the image. */
  createOrUpdateImageVersion(body: CreateOrUpdateBody, options?: upsert.CreateOrUpdateOptions): Promise<CreateResult> {
    return upsert.createOrUpdateImageVersion(this.#ctx, body, options);
  }

  /** The image named exactly `name`, searching every page; undefined when there is none. */
  findImageByName(name: string, options?: reads.RequestOptions): Promise<Image | undefined> {
    return upsert.findImageByName(this.#ctx, name, options);
  }

  /** The version of an image that is exactly `version`, searching every page; undefined when there is none. */
  findImageVersion(
    imageId: number,
    version: string,
    options?: reads.RequestOptions,
  ): Promise<ImageVersion | undefined> {
    return upsert.findImageVersion(this.#ctx, imageId, version, options);
  }

  /** An image and its latest version. */
  describeImage(imageId: number, options?: reads.RequestOptions): Promise<Image> {
    return reads.describeImage(this.#ctx, imageId, options);
  }

  /** A version, with its image's name and type. */
  describeVersion(imageId: number, versionId: number, options?: reads.RequestOptions): Promise<ImageVersionDetails> {
    return reads.describeVersion(this.#ctx, imageId, versionId, options);
  }

  /** Deletes an image and all its versions. */
  deleteImage(imageId: number, options?: reads.RequestOptions): Promise<Empty> {
    return reads.deleteImage(this.#ctx, imageId, options);
  }

  /** Deletes one version. */
  deleteVersion(imageId: number, versionId: number, options?: reads.RequestOptions): Promise<Empty> {
    return reads.deleteVersion(this.#ctx, imageId, versionId, options);
  }

  /** Deletes several versions of an image, all or nothing. */
  deleteVersions(imageId: number, versionIds: readonly number[], options?: reads.RequestOptions): Promise<Empty> {
    return reads.deleteVersions(this.#ctx, imageId, versionIds, options);
  }

  /** One page of a build's log; pass `nextToken` from the previous page for the next. */
  getBuildLogs(imageId: number, buildId: number, options?: logs.GetBuildLogsOptions): Promise<BuildLogs> {
    return logs.getBuildLogs(this.#ctx, imageId, buildId, options);
  }

  /** A pre-signed link serving a build's whole log as text (fetch it without the API key). */
  getBuildLogsDownloadUrl(imageId: number, buildId: number, options?: reads.RequestOptions): Promise<string> {
    return logs.getBuildLogsDownloadUrl(this.#ctx, imageId, buildId, options);
  }

  /** Saves a build's whole log to a file and resolves with its absolute path (Node). */
  saveBuildLogs(imageId: number, buildId: number, options?: SaveBuildLogsOptions): Promise<string> {
    return this.#saveLogs(this.#ctx, imageId, buildId, options);
  }

  /** Every log line of a build as it is written, until the build has ended (polls with backoff). */
  followBuildLogs(imageId: number, buildId: number, options?: logs.FollowBuildLogsOptions): AsyncIterable<LogEntry> {
    return logs.followBuildLogs(this.#ctx, imageId, buildId, options);
  }

  /** Waits until a build ends: resolves on success, throws BuildFailedError or WaiterTimeoutError otherwise. */
  waitForBuild(imageId: number, buildId: number, options?: waiter.WaitForBuildOptions): Promise<BuildOutcome> {
    return waiter.waitForBuild(this.#ctx, imageId, buildId, options);
  }
}
