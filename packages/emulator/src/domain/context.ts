import type { ParsePool } from "../build/parse-pool.js";
import type { Operation } from "../spec/operations.js";
import type { SpecValidator } from "../spec/validator.js";
import type { TextFields } from "./bodies.js";
import type { BuildRuns } from "./build-runs.js";
import type { LogLinks } from "./logs.js";
import type { State } from "./state.js";

/** What every operation works with. */
export interface ServiceContext {
  state: State;
  runs: BuildRuns;
  validator: SpecValidator;
  parser: ParsePool;
  links: LogLinks;
  logPageSize: number;
  /** The artifact limit, which also bounds what is inflated from an artifact. */
  maxArtifactBytes: number;
}

/** A validated request, ready for its operation. */
export interface OperationRequest {
  operation: Operation;
  /** Path parameters, coerced to integers by the validator. */
  params: Record<string, unknown>;
  /** Query parameters, coerced and with defaults filled in by the validator. */
  query: Record<string, unknown>;
  /** Multipart text fields (create and update calls). */
  fields: TextFields | undefined;
  /** The uploaded artifact, when one was sent. */
  artifact: Buffer | undefined;
  /** `http://host:port` as the client reached the emulator, for links it hands out. */
  origin: string;
}

/** A successful answer: a status and a body of the spec's response schema. */
export interface OperationResult {
  status: number;
  body: object;
}

/** One operation of the API. */
export type OperationHandler = (
  ctx: ServiceContext,
  req: OperationRequest,
) => OperationResult | Promise<OperationResult>;
