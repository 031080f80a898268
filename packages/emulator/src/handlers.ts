import { checkSameImage, mergeBuildDetails, nextPatch, prepareArtifact, readBody, withDefaults } from "./bodies.js";
import { type BuildInput, planBuild } from "./builds.js";
import { ApiError, badRequest } from "./errors.js";
import { LogLinks, logPage } from "./logs.js";
import type { MultipartBody } from "./multipart.js";
import type { Operation } from "./operations.js";
import { seedImages } from "./seed.js";
import { emulatorUser, type ImageRecord, type ImageType, State, type TagRecord, type VersionRecord } from "./state.js";
import { describeProblems, type SpecValidator } from "./validate.js";
import { buildView, imageView, type JsonBody, page, versionDetailsView, versionView } from "./views.js";

/** A validated request, ready for its operation's handler. */
export interface HandlerRequest {
  operation: Operation;
  /** Path parameters, coerced to integers by the validator. */
  params: Record<string, unknown>;
  /** Query parameters, coerced and with defaults filled in by the validator. */
  query: Record<string, unknown>;
  multipart: MultipartBody | undefined;
  /** `http://host:port` as the client reached the emulator, for links it hands out. */
  origin: string;
}

/** A successful answer. */
export interface HandlerResult {
  status: number;
  body: JsonBody;
}

const dayMs = 86_400_000;

function hasAny(values: unknown, wanted: unknown): boolean {
  return !Array.isArray(wanted) || wanted.length === 0 || wanted.includes(values);
}

function tagged(tags: TagRecord[] | undefined, wanted: unknown): boolean {
  if (!Array.isArray(wanted) || wanted.length === 0) {
    return true;
  }
  return (tags ?? []).some((t) => wanted.includes(t.name));
}

/** The operations of the API over the in-memory state; every check that can fail runs before anything changes. */
export class Service {
  readonly state: State;
  private readonly links = new LogLinks();

  constructor(
    private readonly validator: SpecValidator,
    private readonly options: { buildMs: number; seedImages: number; logPageSize: number },
  ) {
    this.state = new State(options.buildMs);
    this.reset();
  }

  /** Back to the start: empty, or the seeded images again. */
  reset(): void {
    this.state.clear();
    if (this.options.seedImages > 0) {
      seedImages(this.state, this.options.seedImages, Date.now());
    }
  }

  /** Runs one operation. */
  async handle(req: HandlerRequest): Promise<HandlerResult> {
    switch (req.operation.id) {
      case "listImages":
        return this.listImages(req);
      case "createImage":
        return this.createImage(req);
      case "describeImage":
        return { status: 200, body: imageView(this.state, this.image(req)) };
      case "deleteImage":
        return this.deleteImage(req);
      case "listImageVersions":
        return this.listImageVersions(req);
      case "createVersion":
        return this.createVersion(req);
      case "deleteVersions":
        return this.deleteVersions(req);
      case "describeVersion": {
        const image = this.image(req);
        return { status: 200, body: versionDetailsView(image, this.version(req, image)) };
      }
      case "updateVersion":
        return this.updateVersion(req);
      case "deleteVersion":
        return this.deleteVersion(req);
      case "listImageBuilds":
        return this.listImageBuilds(req);
      case "getBuildLogs":
        return this.getBuildLogs(req);
      case "downloadBuildLogs":
        return this.downloadBuildLogs(req);
      default:
        throw new ApiError(500, `Operation ${req.operation.id} is not implemented by the emulator`);
    }
  }

  private image(req: HandlerRequest): ImageRecord {
    const id = req.params.imageId as number;
    const image = this.state.images.get(id);
    if (image === undefined) {
      throw new ApiError(404, `Image ${id} not found`);
    }
    return image;
  }

  private version(req: HandlerRequest, image: ImageRecord): VersionRecord {
    const id = req.params.versionId as number;
    const version = this.state.versions.get(id);
    if (version === undefined || version.imageId !== image.id) {
      throw new ApiError(404, `Version ${id} of image ${image.id} not found`);
    }
    return version;
  }

  private build(
    version: VersionRecord,
    image: ImageRecord,
    input: Omit<BuildInput, "buildId" | "imageName" | "version">,
  ) {
    const plan = planBuild({
      ...input,
      buildId: this.state.peekBuildId(),
      imageName: image.name,
      version: version.version,
    });
    return this.state.startBuild(version, plan, input.artifact?.size ?? 0, Date.now());
  }

  // ---- images -------------------------------------------------------------------------------------------------

  private listImages(req: HandlerRequest): HandlerResult {
    const q = req.query;
    const term = typeof q.searchTerm === "string" ? q.searchTerm.toLowerCase() : undefined;
    const images = [...this.state.images.values()];
    const filtered = [term, q.scope, q.status, q.lastBuildStatus, q.tags].some(
      (f) => f !== undefined && (!Array.isArray(f) || f.length > 0),
    );
    if (!filtered) {
      // No filter: page straight from the end (newest first) without visiting every image.
      const { pageSize, pageNumber } = q as { pageSize: number; pageNumber: number };
      const end = images.length - (pageNumber - 1) * pageSize;
      const slice = end <= 0 ? [] : images.slice(Math.max(0, end - pageSize), end).reverse();
      return {
        status: 200,
        body: {
          imageCount: images.length,
          pageSize,
          pageNumber,
          pageCount: Math.ceil(images.length / pageSize),
          images: slice.map((image) => imageView(this.state, image)),
        },
      };
    }
    const matches: ImageRecord[] = [];
    // Newest first, like the versions and builds lists.
    for (let i = images.length - 1; i >= 0; i--) {
      const image = images[i];
      if (image === undefined) {
        continue;
      }
      const latest = this.state.latestVersion(image);
      if (
        term !== undefined &&
        !image.name.toLowerCase().includes(term) &&
        !(latest?.version.toLowerCase().includes(term) ?? false)
      ) {
        continue;
      }
      if (!hasAny(image.scope, q.scope) || !hasAny(latest?.status, q.status)) {
        continue;
      }
      if (!hasAny(latest?.lastBuildStatus, q.lastBuildStatus) || !tagged(latest?.tags, q.tags)) {
        continue;
      }
      matches.push(image);
    }
    const { items, ...info } = page(matches, q.pageSize as number, q.pageNumber as number);
    return {
      status: 200,
      body: {
        imageCount: matches.length,
        ...info,
        images: items.map((image) => imageView(this.state, image)),
      },
    };
  }

  private async createImage(req: HandlerRequest): Promise<HandlerResult> {
    const body = readBody(this.validator, req.operation, req.multipart);
    const details = withDefaults(body.buildDetails);
    const artifact = req.multipart?.file?.data;
    const prepared = await prepareArtifact(details, artifact);
    // Checked after the await: a concurrent create of the same name may have landed meanwhile.
    const name = body.name as string;
    if (this.state.findImageByName(name) !== undefined) {
      throw new ApiError(409, `Image name ${name} is already in use`);
    }
    const now = Date.now();
    const image = this.state.addImage(
      {
        name,
        type: body.type as ImageType,
        scope: "custom",
        ...(body.description === undefined ? {} : { description: body.description }),
        createdBy: emulatorUser,
        updatedBy: emulatorUser,
      },
      now,
    );
    const version = this.state.addVersion(
      image,
      {
        version: body.version ?? "0.0.1",
        ...(body.description === undefined ? {} : { description: body.description }),
        createdBy: emulatorUser,
        updatedBy: emulatorUser,
        tags: [],
        buildDetails: details,
        ...(artifact === undefined || details.source !== "upload" ? {} : { artifact }),
      },
      now,
    );
    const build = this.build(version, image, {
      details,
      artifact: prepared.index,
      dockerfileText: prepared.dockerfileText,
    });
    return { status: 201, body: { imageId: image.id, versionId: version.id, buildId: build.id } };
  }

  private inUse(versions: VersionRecord[]): void {
    const busy = versions.find((v) => v.status === "in-use");
    if (busy !== undefined) {
      throw new ApiError(422, `Version ${busy.version} (id ${busy.id}) is in use and cannot be deleted`);
    }
  }

  private deleteImage(req: HandlerRequest): HandlerResult {
    const image = this.image(req);
    const versions = image.versionIds.map((id) => this.state.versions.get(id)).filter((v) => v !== undefined);
    this.inUse(versions);
    this.state.removeImage(image);
    return { status: 200, body: {} };
  }

  // ---- versions -----------------------------------------------------------------------------------------------

  private listImageVersions(req: HandlerRequest): HandlerResult {
    const image = this.image(req);
    const q = req.query;
    const term = typeof q.searchTerm === "string" ? q.searchTerm.toLowerCase() : undefined;
    const matches: VersionRecord[] = [];
    for (let i = image.versionIds.length - 1; i >= 0; i--) {
      const version = this.state.versions.get(image.versionIds[i] ?? 0);
      if (version === undefined) {
        continue;
      }
      if (term !== undefined && !version.version.toLowerCase().includes(term)) {
        continue;
      }
      if (!hasAny(version.status, q.status) || !hasAny(version.lastBuildStatus, q.lastBuildStatus)) {
        continue;
      }
      if (!tagged(version.tags, q.tags)) {
        continue;
      }
      matches.push(version);
    }
    const { items, ...info } = page(matches, q.pageSize as number, q.pageNumber as number);
    return { status: 200, body: { versionCount: matches.length, ...info, versions: items.map(versionView) } };
  }

  private async createVersion(req: HandlerRequest): Promise<HandlerResult> {
    const image = this.image(req);
    const body = readBody(this.validator, req.operation, req.multipart);
    checkSameImage(body, image);
    const details = withDefaults(body.buildDetails);
    const artifact = req.multipart?.file?.data;
    const prepared = await prepareArtifact(details, artifact);
    // Re-read after the await: the image may have been deleted or given this version meanwhile.
    const current = this.image(req);
    const existing = current.versionIds
      .map((id) => this.state.versions.get(id)?.version)
      .filter((v) => v !== undefined);
    const versionString = body.version ?? nextPatch(existing);
    if (existing.includes(versionString)) {
      throw new ApiError(409, `Version ${versionString} of image ${current.name} already exists`);
    }
    const now = Date.now();
    const version = this.state.addVersion(
      current,
      {
        version: versionString,
        ...(body.description === undefined ? {} : { description: body.description }),
        createdBy: emulatorUser,
        updatedBy: emulatorUser,
        tags: [],
        buildDetails: details,
        ...(body.autodeployResources === undefined ? {} : { autodeployResources: body.autodeployResources }),
        ...(artifact === undefined || details.source !== "upload" ? {} : { artifact }),
      },
      now,
    );
    const build = this.build(version, current, {
      details,
      artifact: prepared.index,
      dockerfileText: prepared.dockerfileText,
    });
    const autodeploymentId =
      body.autodeployResources !== undefined && body.autodeployResources.length > 0
        ? this.state.newAutodeploymentId()
        : null;
    return {
      status: 201,
      body: { imageId: current.id, versionId: version.id, buildId: build.id, autodeploymentId },
    };
  }

  private async updateVersion(req: HandlerRequest): Promise<HandlerResult> {
    const image = this.image(req);
    const version = this.version(req, image);
    const body = readBody(this.validator, req.operation, req.multipart);
    if (version.status !== "not-ready") {
      throw new ApiError(
        409,
        `Version ${version.version} is ${version.status}: only not-ready versions can be updated`,
      );
    }
    checkSameImage(body, image);
    if (body.version !== undefined && body.version !== version.version) {
      throw new ApiError(
        422,
        `The version of an existing image version cannot be changed (${version.version} != ${body.version})`,
        [{ path: "body.version", message: `must equal the current version (${version.version})` }],
      );
    }
    const merged = mergeBuildDetails(version.buildDetails, body.buildDetails);
    const problems = this.validator.checkSchema("#/components/schemas/BuildDetailsInput", merged, "body.buildDetails");
    if (problems.length > 0) {
      throw new ApiError(400, describeProblems(problems), problems);
    }
    const details = withDefaults(merged);
    const artifact = req.multipart?.file?.data ?? version.artifact;
    const prepared = await prepareArtifact(details, artifact);
    // Re-check after the await: a concurrent call may have deleted or rebuilt the version.
    const fresh = this.version(req, this.image(req));
    if (fresh.status !== "not-ready") {
      throw new ApiError(409, `Version ${fresh.version} is ${fresh.status}: only not-ready versions can be updated`);
    }
    const now = Date.now();
    fresh.buildDetails = details;
    if (body.description !== undefined) {
      fresh.description = body.description;
    }
    if (body.autodeployResources !== undefined) {
      fresh.autodeployResources = body.autodeployResources;
    }
    if (artifact !== undefined && details.source === "upload") {
      fresh.artifact = artifact;
    }
    fresh.updatedAt = new Date(now).toISOString();
    fresh.updatedBy = emulatorUser;
    const build = this.build(fresh, image, {
      details,
      artifact: prepared.index,
      dockerfileText: prepared.dockerfileText,
    });
    const autodeploymentId =
      fresh.autodeployResources !== undefined && fresh.autodeployResources.length > 0
        ? this.state.newAutodeploymentId()
        : null;
    return { status: 200, body: { imageId: image.id, versionId: fresh.id, buildId: build.id, autodeploymentId } };
  }

  private deleteVersion(req: HandlerRequest): HandlerResult {
    const version = this.version(req, this.image(req));
    this.inUse([version]);
    this.state.removeVersion(version);
    return { status: 200, body: {} };
  }

  private deleteVersions(req: HandlerRequest): HandlerResult {
    const image = this.image(req);
    const ids = req.query.versionIds as number[];
    // All or nothing: every id is checked before the first one is removed.
    const versions = ids.map((id) => {
      const version = this.state.versions.get(id);
      if (version === undefined || version.imageId !== image.id) {
        throw new ApiError(404, `Version ${id} of image ${image.id} not found`);
      }
      return version;
    });
    this.inUse(versions);
    for (const version of new Set(versions)) {
      this.state.removeVersion(version);
    }
    return { status: 200, body: {} };
  }

  // ---- builds -------------------------------------------------------------------------------------------------

  private listImageBuilds(req: HandlerRequest): HandlerResult {
    const image = this.image(req);
    const q = req.query;
    const now = Date.now();
    const from = typeof q.dateFrom === "string" ? Date.parse(q.dateFrom) : now - 90 * dayMs;
    const to = typeof q.dateTo === "string" ? Date.parse(q.dateTo) : now;
    if (from > to) {
      throw badRequest("query.dateFrom", "must not be after dateTo");
    }
    const builds = [];
    for (const versionId of image.versionIds) {
      for (const buildId of this.state.versions.get(versionId)?.buildIds ?? []) {
        const build = this.state.builds.get(buildId);
        if (build !== undefined && build.startedMs >= from && build.startedMs <= to) {
          builds.push(build);
        }
      }
    }
    builds.sort((a, b) => b.id - a.id);
    const filtered = builds.filter((b) => hasAny(b.versionId, q.versions) && hasAny(b.status, q.buildStatus));
    // `count` keeps that many of the latest matching builds; -1 keeps them all.
    const count = q.count as number;
    const considered = count >= 0 ? filtered.slice(0, count) : filtered;
    const { items, ...info } = page(considered, q.pageSize as number, q.pageNumber as number);
    return { status: 200, body: { buildCount: considered.length, ...info, builds: items.map(buildView) } };
  }

  private getBuildLogs(req: HandlerRequest): HandlerResult {
    const build = this.logBuild(req);
    const token = typeof req.query.nextToken === "string" ? req.query.nextToken : undefined;
    return { status: 200, body: logPage(this.state, build, token, this.options.logPageSize, Date.now()) };
  }

  private downloadBuildLogs(req: HandlerRequest): HandlerResult {
    return { status: 200, body: { downloadUrl: this.links.url(req.origin, this.logBuild(req)) } };
  }

  /** The whole log of a build as text, for the pre-signed link; undefined when the link is not valid. */
  logText(imageId: number, buildId: number, signature: string): string | undefined {
    return this.links.text(this.state, imageId, buildId, signature);
  }

  private logBuild(req: HandlerRequest) {
    const image = this.image(req);
    const id = req.params.buildId as number;
    const build = this.state.builds.get(id);
    if (build === undefined || build.imageId !== image.id) {
      throw new ApiError(404, `Build ${id} of image ${image.id} not found`);
    }
    return build;
  }
}
