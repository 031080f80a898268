import type { RunContext } from "./context.js";
import type { CapturedRequest, DryRunState } from "./dry-run-state.js";
import { printResult } from "./io/output.js";

/** Thrown by the dry-run fetch once the request is captured: nothing goes on the wire. */
export class DryRunStop extends Error {
  override readonly name = "DryRunStop";
}

const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"]);
const MASK = "***";

function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

/** Build details with the github `token` and every secret name masked. */
export function redactBuildDetails(details: unknown): unknown {
  if (typeof details !== "object" || details === null || Array.isArray(details)) {
    return details;
  }
  const out: Record<string, unknown> = { ...(details as Record<string, unknown>) };
  if (out.token !== undefined) {
    out.token = MASK;
  }
  if (Array.isArray(out.secrets)) {
    out.secrets = out.secrets.map(() => MASK);
  }
  return out;
}

function parsedField(name: string, value: string): unknown {
  if (name === "token" || name === "secrets") {
    return MASK;
  }
  if (name === "buildDetails" || name === "autodeployResources") {
    try {
      const parsed: unknown = JSON.parse(value);
      return name === "buildDetails" ? redactBuildDetails(parsed) : parsed;
    } catch {
      return value;
    }
  }
  return value;
}

async function capture(request: Request): Promise<CapturedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[titleCase(name)] = SECRET_HEADERS.has(name) ? MASK : value;
  });
  const url = new URL(request.url);
  const captured: CapturedRequest = { method: request.method, url: `${url.origin}${url.pathname}`, headers };
  if ([...url.searchParams.keys()].length > 0) {
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    captured.query = query;
  }
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const body: Record<string, unknown> = {};
    for (const [name, value] of form) {
      body[name] =
        typeof value === "string"
          ? parsedField(name, value)
          : { fileName: value.name, contentType: value.type, bytes: value.size };
    }
    captured.body = body;
  }
  return captured;
}

/**
 * A fetch that records the request and stops instead of sending it. With `allowReads`, GET calls go through (so
 * create-or-update can find the image and version) and are listed.
 */
export function dryRunFetch(state: DryRunState, allowReads: boolean): (request: Request) => Promise<Response> {
  return async (request) => {
    if (allowReads && request.method === "GET") {
      state.resolvedWith.push(`GET ${request.url}`);
      return globalThis.fetch(request);
    }
    state.captured = await capture(request);
    throw new DryRunStop("dry run: request captured, not sent");
  };
}

/** Prints what --dry-run captured: the request, the read-only calls made, and the artifact's files. */
export async function printDryRun(ctx: RunContext, state: DryRunState): Promise<void> {
  const document: Record<string, unknown> = { dryRun: true, request: state.captured };
  if (state.resolvedWith.length > 0) {
    document.resolvedWith = state.resolvedWith;
  }
  if (state.artifact) {
    const { listArtifactFiles } = await import("@peak-images/artifact");
    const { path, ignoreFiles } = state.artifact;
    document.artifact = {
      path,
      ignoreFiles: ignoreFiles ?? null,
      files: await listArtifactFiles(path, ignoreFiles ? { ignoreFiles } : {}),
    };
  }
  await printResult(ctx, document);
}
