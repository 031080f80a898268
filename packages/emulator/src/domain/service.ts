import type { ParsePool } from "../build/parse-pool.js";
import type { SpecValidator } from "../spec/validator.js";
import { BuildRuns } from "./build-runs.js";
import { downloadBuildLogs, getBuildLogs, listImageBuilds } from "./builds.js";
import type { OperationHandler, OperationRequest, OperationResult, ServiceContext } from "./context.js";
import { ApiError } from "./errors.js";
import { createImage, deleteImage, describeImage, listImages } from "./images.js";
import { LogLinks } from "./logs.js";
import { seedImages } from "./seed.js";
import { State } from "./state.js";
import {
  createVersion,
  deleteVersion,
  deleteVersions,
  describeVersion,
  listImageVersions,
  updateVersion,
} from "./versions.js";

const handlers = new Map<string, OperationHandler>(
  Object.entries({
    listImages,
    createImage,
    describeImage,
    deleteImage,
    listImageVersions,
    createVersion,
    describeVersion,
    updateVersion,
    deleteVersion,
    deleteVersions,
    listImageBuilds,
    getBuildLogs,
    downloadBuildLogs,
  }),
);

/** What the service is set up with. */
export interface ServiceOptions {
  buildMs: number;
  seedImages: number;
  logPageSize: number;
  maxArtifactBytes: number;
}

/** The API's operations over the in-memory state; every check that can fail runs before anything changes. */
export class Service {
  private readonly ctx: ServiceContext;

  constructor(
    validator: SpecValidator,
    parser: ParsePool,
    private readonly options: ServiceOptions,
  ) {
    const state = new State();
    this.ctx = {
      state,
      runs: new BuildRuns(state, options.buildMs),
      validator,
      parser,
      links: new LogLinks(),
      logPageSize: options.logPageSize,
      maxArtifactBytes: options.maxArtifactBytes,
    };
    this.reset();
  }

  /** Back to the start: empty, or the seeded images again. */
  reset(): void {
    this.ctx.state.clear();
    if (this.options.seedImages > 0) {
      seedImages(this.ctx.state, this.ctx.runs, this.options.seedImages, Date.now());
    }
  }

  /** Forgets everything and cancels running builds (when the emulator stops). */
  clear(): void {
    this.ctx.state.clear();
  }

  /** Runs one operation; failures other than the request's own are thrown as they are. */
  async handle(req: OperationRequest): Promise<OperationResult> {
    const handler = handlers.get(req.operation.id);
    if (handler === undefined) {
      throw new ApiError(500, `Operation ${req.operation.id} is not implemented by the emulator`);
    }
    return handler(this.ctx, req);
  }

  /** The whole log of a build as text, for the pre-signed link; undefined when the link is not valid. */
  logText(imageId: number, buildId: number, signature: string): string | undefined {
    return this.ctx.links.text(this.ctx.state, imageId, buildId, signature);
  }
}
