import { parseArgs } from "node:util";

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

/** Options of `startEmulator()`; the bin's flags map onto the first nine. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one (default 0 for `startEmulator`, 4010 for the bin). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** The only accepted `Authorization` value (default `local-dev-key`). */
  apiKey?: string;
  /** How long a build runs, in milliseconds (default 1500; 0 finishes builds before the create call answers). */
  buildMs?: number;
  /** Largest accepted artifact in MiB (default 10). */
  maxArtifactMb?: number;
  /** Fraction of API requests answered with a fault: 429, 503 or a dropped connection (default 0). */
  faultRate?: number;
  /** Delay added before every API request is handled, in milliseconds (default 0). */
  latencyMs?: number;
  /** Seed of the fault PRNG (default 1). */
  seed?: number;
  /** Number of images pre-created with versions and builds (default 0). */
  seedImages?: number;
  /** Log lines per page of `getBuildLogs` (default 10). */
  logPageSize?: number;
  /** Called after every complete response, with what was sent. */
  onResponse?: (record: ResponseRecord) => void;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  port: number;
  host: string;
  apiKey: string;
  buildMs: number;
  maxArtifactMb: number;
  faultRate: number;
  latencyMs: number;
  seed: number;
  seedImages: number;
  logPageSize: number;
  onResponse: ((record: ResponseRecord) => void) | undefined;
}

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

/** Fills in defaults and checks ranges, so a bad value fails at start rather than mid-test. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const host = options.host ?? "127.0.0.1";
  if (host === "") {
    throw new OptionError("host must not be empty");
  }
  const apiKey = options.apiKey ?? "local-dev-key";
  if (apiKey === "") {
    throw new OptionError("apiKey must not be empty");
  }
  return {
    port: checkNumber("port", options.port ?? 0, 0, 65535, true),
    host,
    apiKey,
    buildMs: checkNumber("buildMs", options.buildMs ?? 1500, 0, 86_400_000, true),
    maxArtifactMb: checkNumber("maxArtifactMb", options.maxArtifactMb ?? 10, 0, 10_240, false),
    faultRate: checkNumber("faultRate", options.faultRate ?? 0, 0, 1, false),
    latencyMs: checkNumber("latencyMs", options.latencyMs ?? 0, 0, 600_000, true),
    seed: checkNumber("seed", options.seed ?? 1, 0, 2 ** 32 - 1, true),
    seedImages: checkNumber("seedImages", options.seedImages ?? 0, 0, 1_000_000, true),
    logPageSize: checkNumber("logPageSize", options.logPageSize ?? 10, 1, 10_000, true),
    onResponse: options.onResponse,
  };
}

/** Usage text of the bin. */
export const usage = `Usage: peak-images-emulator [options]

A local, stateful emulator of Peak's Image Management API (/image-management/api/v2).

Options:
  --port <n>             port to listen on, 0 for a free one (default 4010)
  --host <host>          interface to bind (default 127.0.0.1)
  --api-key <key>        the accepted Authorization value (default local-dev-key)
  --build-ms <ms>        how long a build runs (default 1500)
  --max-artifact-mb <n>  largest accepted artifact in MiB (default 10)
  --fault-rate <r>       fraction of requests answered 429/503/dropped (default 0)
  --latency-ms <ms>      delay added to every request (default 0)
  --seed <n>             seed of the fault generator (default 1)
  --seed-images <n>      images to pre-create (default 0)
  -h, --help             show this help
`;

/** What the bin should do: start with these options, or print the help. */
export type CliCommand = { kind: "help" } | { kind: "start"; options: EmulatorOptions };

function numberFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  // Number("") is 0 and Number(" 1") is 1: insist on a plain decimal literal.
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim()) || raw.trim() !== raw) {
    throw new OptionError(`--${flag} expects a number, got "${raw}"`);
  }
  return Number(raw);
}

/** Parses the bin's argv (without node and script); throws OptionError on unknown flags or bad values. */
export function parseCliArgs(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new OptionError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help === true) {
    return { kind: "help" };
  }
  const options: EmulatorOptions = { port: 4010 };
  const assign = <K extends keyof EmulatorOptions>(key: K, value: EmulatorOptions[K] | undefined): void => {
    if (value !== undefined) {
      options[key] = value;
    }
  };
  assign("port", numberFlag("port", v.port));
  assign("host", v.host);
  assign("apiKey", v["api-key"]);
  assign("buildMs", numberFlag("build-ms", v["build-ms"]));
  assign("maxArtifactMb", numberFlag("max-artifact-mb", v["max-artifact-mb"]));
  assign("faultRate", numberFlag("fault-rate", v["fault-rate"]));
  assign("latencyMs", numberFlag("latency-ms", v["latency-ms"]));
  assign("seed", numberFlag("seed", v.seed));
  assign("seedImages", numberFlag("seed-images", v["seed-images"]));
  // Range checks happen here too, so the bin reports them before binding a port.
  resolveOptions(options);
  return { kind: "start", options };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      "build-ms": { type: "string" },
      "max-artifact-mb": { type: "string" },
      "fault-rate": { type: "string" },
      "latency-ms": { type: "string" },
      seed: { type: "string" },
      "seed-images": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
