import { isOrigin } from "./http/origin-policy.js";

/** A response the emulator sent, as passed to `onResponse` (e.g. to validate it against the spec). */
export interface ResponseRecord {
  /** The spec's operationId, or undefined for routes outside the spec (404s, preflights, log downloads). */
  operationId: string | undefined;
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or the text for non-JSON answers. */
  body: unknown;
}

/** Options of `startEmulator()`; the bin has a flag for each but `logPageSize` and `onResponse`. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one (default 0 for `startEmulator`, 4010 for the bin). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** The only accepted `Authorization` value (default `local-dev-key`). */
  apiKey?: string;
  /** How long a build runs, in milliseconds (default 1500; 0 finishes builds before the create call answers). */
  buildMs?: number;
  /** Largest accepted artifact in MiB, more than 0 (default 10). */
  maxArtifactMb?: number;
  /** Fraction of API requests answered with a fault: 429, 503 or a dropped connection (default 0). */
  faultRate?: number;
  /** Delay added before every API request is handled, in milliseconds (default 0). */
  latencyMs?: number;
  /** Seed of the fault PRNG (default 1). */
  seed?: number;
  /** Number of images pre-created with versions and builds (default 0). */
  seedImages?: number;
  /** Browser origins allowed besides loopback ones, e.g. `https://app.example:8443` (default none). */
  corsOrigins?: string[];
  /** Longest a whole request (headers and body) may take to arrive, in milliseconds (default 30,000). */
  requestTimeoutMs?: number;
  /** Longest the request headers may take to arrive, in milliseconds (default 10,000; at most requestTimeoutMs). */
  headersTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in milliseconds (default 5,000). */
  keepAliveTimeoutMs?: number;
  /** Most connections open at once; more are closed as they arrive (default 128). */
  maxConnections?: number;
  /** Log lines per page of `getBuildLogs` (default 10). */
  logPageSize?: number;
  /** Called after every complete response, with what was sent. */
  onResponse?: (record: ResponseRecord) => void;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<EmulatorOptions, "onResponse" | "corsOrigins">> & {
  corsOrigins: readonly string[];
  /** `maxArtifactMb` in bytes. */
  maxArtifactBytes: number;
  onResponse: ((record: ResponseRecord) => void) | undefined;
};

/** Thrown for an option or flag value that cannot be used. */
export class OptionError extends Error {
  override name = "OptionError";
}

function checkNumber(name: string, value: number, min: number, max: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? "an integer" : "a number";
    throw new OptionError(`${name} must be ${kind} between ${min} and ${max}, got ${String(value)}`);
  }
  return value;
}

function checkText(name: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) {
    throw new OptionError(`${name} must be ${what}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const MiB = 1024 * 1024;

/** Fills in defaults and checks ranges, so a bad value fails at start rather than mid-test. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const maxArtifactMb = options.maxArtifactMb ?? 10;
  if (!(maxArtifactMb > 0) || Math.floor(maxArtifactMb * MiB) < 1) {
    throw new OptionError(`maxArtifactMb must be a number greater than 0, got ${String(maxArtifactMb)}`);
  }
  const corsOrigins = options.corsOrigins ?? [];
  for (const origin of corsOrigins) {
    if (!isOrigin(origin)) {
      throw new OptionError(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://app.example:8443`);
    }
  }
  const ms = (name: string, value: number | undefined, fallback: number, min = 0) =>
    checkNumber(name, value ?? fallback, min, 86_400_000, true);
  const resolved: ResolvedOptions = {
    port: checkNumber("port", options.port ?? 0, 0, 65535, true),
    host: checkText("host", options.host ?? "127.0.0.1", /^\S+$/, "a host name or address"),
    // Sent verbatim as a header value: visible ASCII, spaces only inside.
    apiKey: checkText("apiKey", options.apiKey ?? "local-dev-key", /^[!-~]([ -~]*[!-~])?$/, "printable ASCII"),
    buildMs: ms("buildMs", options.buildMs, 1500),
    maxArtifactMb: checkNumber("maxArtifactMb", maxArtifactMb, 0, 10_240, false),
    maxArtifactBytes: Math.floor(maxArtifactMb * MiB),
    faultRate: checkNumber("faultRate", options.faultRate ?? 0, 0, 1, false),
    latencyMs: checkNumber("latencyMs", options.latencyMs ?? 0, 0, 600_000, true),
    seed: checkNumber("seed", options.seed ?? 1, 0, 2 ** 32 - 1, true),
    seedImages: checkNumber("seedImages", options.seedImages ?? 0, 0, 1_000_000, true),
    corsOrigins,
    requestTimeoutMs: ms("requestTimeoutMs", options.requestTimeoutMs, 30_000, 1),
    headersTimeoutMs: ms("headersTimeoutMs", options.headersTimeoutMs, 10_000, 1),
    keepAliveTimeoutMs: ms("keepAliveTimeoutMs", options.keepAliveTimeoutMs, 5_000, 1),
    maxConnections: checkNumber("maxConnections", options.maxConnections ?? 128, 1, 100_000, true),
    logPageSize: checkNumber("logPageSize", options.logPageSize ?? 10, 1, 10_000, true),
    onResponse: options.onResponse,
  };
  if (options.requestTimeoutMs !== undefined && options.headersTimeoutMs === undefined) {
    // A short request timeout brings the headers timeout down with it.
    resolved.headersTimeoutMs = Math.min(resolved.headersTimeoutMs, resolved.requestTimeoutMs);
  }
  if (resolved.headersTimeoutMs > resolved.requestTimeoutMs) {
    throw new OptionError(
      `headersTimeoutMs (${resolved.headersTimeoutMs}) must not be more than requestTimeoutMs (${resolved.requestTimeoutMs})`,
    );
  }
  return resolved;
}
