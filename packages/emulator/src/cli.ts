import { parseArgs } from "node:util";
import { apiBasePath } from "@peak-images/spec";
import { type EmulatorOptions, OptionError, resolveOptions } from "./options.js";

/** Usage text of the bin. */
export const usage = `Usage: peak-images-emulator [options]

A local, stateful emulator of Peak's Image Management API (${apiBasePath}).

Options:
  --port <n>                   port to listen on, 0 for a free one (default 4010)
  --host <host>                interface to bind (default 127.0.0.1)
  --api-key <key>              the accepted Authorization value (default local-dev-key)
  --build-ms <ms>              how long a build runs (default 1500)
  --max-artifact-mb <n>        largest accepted artifact in MiB, more than 0 (default 10)
  --fault-rate <r>             fraction of requests answered 429/503/dropped (default 0)
  --latency-ms <ms>            delay added to every request (default 0)
  --seed <n>                   seed of the fault generator (default 1)
  --seed-images <n>            images to pre-create (default 0)
  --cors-origin <origin>       a browser origin to allow besides loopback ones; repeatable
  --request-timeout-ms <ms>    longest a request may take to arrive (default 30000)
  --headers-timeout-ms <ms>    longest its headers may take (default 10000)
  --keep-alive-timeout-ms <ms> how long an idle connection stays open (default 5000)
  --max-connections <n>        most connections open at once (default 128)
  -h, --help                   show this help
`;

/** What the bin should do: start with these options, or print the help. */
export type CliCommand = { kind: "help" } | { kind: "start"; options: EmulatorOptions };

const numberFlags = {
  port: "port",
  "build-ms": "buildMs",
  "max-artifact-mb": "maxArtifactMb",
  "fault-rate": "faultRate",
  "latency-ms": "latencyMs",
  seed: "seed",
  "seed-images": "seedImages",
  "request-timeout-ms": "requestTimeoutMs",
  "headers-timeout-ms": "headersTimeoutMs",
  "keep-alive-timeout-ms": "keepAliveTimeoutMs",
  "max-connections": "maxConnections",
} as const;

function numberFlag(flag: string, raw: string): number {
  // Number("") is 0 and Number(" 1") is 1: insist on a plain decimal literal.
  if (!/^-?\d+(\.\d+)?$/.test(raw)) {
    throw new OptionError(`--${flag} expects a number, got "${raw}"`);
  }
  return Number(raw);
}

function parse(argv: string[]) {
  const text = { type: "string" } as const;
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      ...Object.fromEntries(Object.keys(numberFlags).map((flag) => [flag, text])),
      host: text,
      "api-key": text,
      "cors-origin": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** Parses the bin's argv (without node and script); throws OptionError on unknown flags or bad values. */
export function parseCliArgs(argv: string[]): CliCommand {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new OptionError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    return { kind: "help" };
  }
  const options: EmulatorOptions = { port: 4010 };
  for (const [flag, key] of Object.entries(numberFlags)) {
    const raw = values[flag];
    if (typeof raw === "string") {
      options[key] = numberFlag(flag, raw);
    }
  }
  if (typeof values.host === "string") {
    options.host = values.host;
  }
  if (typeof values["api-key"] === "string") {
    options.apiKey = values["api-key"];
  }
  const origins = values["cors-origin"];
  if (Array.isArray(origins)) {
    options.corsOrigins = origins;
  }
  // Range checks happen here too, so the bin reports them before binding a port.
  resolveOptions(options);
  return { kind: "start", options };
}
