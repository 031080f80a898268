import { openapiDocument } from "@peak-images/spec";
import { sharedParsePool } from "./build/parse-pool.js";
import { Service } from "./domain/service.js";
import { FaultInjector } from "./http/faults.js";
import { OriginPolicy } from "./http/origin-policy.js";
import { RequestPipeline } from "./http/pipeline.js";
import { type RecordedRequest, RequestLog } from "./http/recorder.js";
import { Replier } from "./http/reply.js";
import { Router } from "./http/router.js";
import { EmulatorServer } from "./http/server.js";
import { type EmulatorOptions, resolveOptions } from "./options.js";
import type { Problem } from "./spec/problems.js";
import { SpecValidator } from "./spec/validator.js";

export { parseCliArgs } from "./cli.js";
export type { RecordedRequest } from "./http/recorder.js";
export type { EmulatorOptions, ResponseRecord } from "./options.js";
export { OptionError } from "./options.js";
export type { Problem } from "./spec/problems.js";

/** A running emulator. */
export interface Emulator {
  /** The service root to give clients, e.g. `http://127.0.0.1:4010` (the API is under its base path). */
  url: string;
  /** Stops the server, drops open connections and cancels running builds. */
  stop(): Promise<void>;
  /** Back to the initial state: no images (or the seeded ones again), ids from 1, faults from the seed, no requests. */
  reset(): void;
  /** What the emulator received so far (the latest 10,000 requests at least), oldest first, Authorization redacted. */
  requests(): RecordedRequest[];
}

let sharedValidator: SpecValidator | undefined;

/** The spec compiled once per process: many emulators in one test run share it. */
function specValidator(): SpecValidator {
  sharedValidator ??= new SpecValidator(openapiDocument);
  return sharedValidator;
}

/** Starts an emulator of the Image Management API; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const validator = specValidator();
  const service = new Service(validator, sharedParsePool(), resolved);
  const faults = new FaultInjector(resolved.faultRate, resolved.seed);
  const log = new RequestLog();
  const pipeline = new RequestPipeline({
    options: resolved,
    validator,
    router: new Router(validator.operations),
    service,
    faults,
    log,
    replier: new Replier(resolved.onResponse),
    policy: new OriginPolicy(resolved.corsOrigins, resolved.host),
  });
  const server = new EmulatorServer(resolved, pipeline);
  let url: string;
  try {
    url = await server.listen();
  } catch (error) {
    service.clear();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopped ??= server.close().then(() => service.clear());
      return stopped;
    },
    reset() {
      service.reset();
      faults.reset();
      log.clear();
    },
    requests: () => log.all(),
  };
}

/** Validates a response body against the spec's schema for an operation and status; returns the problems. */
export function checkResponse(operationId: string, status: number, body: unknown): Problem[] {
  return specValidator().checkResponse(operationId, status, body);
}
