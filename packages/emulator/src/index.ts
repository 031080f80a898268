import { openapiDocument } from "@peak-images/spec";
import { FaultInjector } from "./faults.js";
import { Service } from "./handlers.js";
import { type EmulatorOptions, resolveOptions } from "./options.js";
import { Router } from "./router.js";
import { EmulatorServer, type RecordedRequest } from "./server.js";
import { SpecValidator } from "./validate.js";

export type { EmulatorOptions, ResponseRecord } from "./options.js";
export { OptionError, parseCliArgs } from "./options.js";
export type { RecordedRequest } from "./server.js";
export type { Problem } from "./validate.js";

/** A running emulator. */
export interface Emulator {
  /** The service root to give clients, e.g. `http://127.0.0.1:4010` (the API is under `/image-management/api/v2`). */
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
  const service = new Service(validator, resolved);
  const faults = new FaultInjector(resolved.faultRate, resolved.seed);
  const server = new EmulatorServer(resolved, validator, new Router(validator.operations), service, faults);
  let url: string;
  try {
    url = await server.listen();
  } catch (error) {
    service.state.clear();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop() {
      stopped ??= server.close().then(() => service.state.clear());
      return stopped;
    },
    reset() {
      service.reset();
      faults.reset();
      server.clearRequests();
    },
    requests: () => server.requests(),
  };
}

/** Validates a response body against the spec's schema for an operation and status; returns the problems. */
export function checkResponse(operationId: string, status: number, body: unknown): { path: string; message: string }[] {
  return specValidator().checkResponse(operationId, status, body);
}
