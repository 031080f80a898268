import type { Io } from "./context.js";
import { EXIT, UsageError } from "./errors.js";

// Maps any failure to one line on stderr and an exit code. Errors of the SDK and the artifact package are
// recognised by their `name` and `code`, so this module never loads them.

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  status?: number;
  method?: string;
  url?: string;
  requestId?: string;
  body?: unknown;
  issues?: readonly { path: string; message: string }[];
  logLines?: readonly string[];
  build?: { buildId?: number; imageId?: number; status?: string };
  stack?: string;
  cause?: unknown;
}

const USAGE_ARTIFACT_CODES = new Set([
  "INVALID_PATH",
  "ROOT_NOT_FOUND",
  "ROOT_NOT_A_DIRECTORY",
  "IGNORE_FILE_NOT_FOUND",
  "IGNORE_FILE_OUTSIDE_ROOT",
  "IGNORE_FILE_NOT_AT_ROOT",
  "INVALID_IGNORE_PATTERN",
  "LINK_OUTSIDE_ROOT",
  "LINK_LOOP",
]);

const KEY_VARIABLES = "PEAK_API_KEY (or API_KEY, as the Python peak CLI reads)";

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function where(error: ErrorLike): string {
  if (!error.url) {
    return "";
  }
  try {
    return ` from ${error.method ?? "?"} ${new URL(error.url).pathname}`;
  } catch {
    return "";
  }
}

function apiMessage(error: ErrorLike): string {
  const id = error.requestId ? ` (request id ${error.requestId})` : "";
  const issues =
    typeof error.body === "object" && error.body !== null && Array.isArray((error.body as { errors?: unknown }).errors)
      ? (error.body as { errors: { path?: unknown; message?: unknown }[] }).errors
          .slice(0, 5)
          .map((issue) => `${String(issue.path)}: ${String(issue.message)}`)
      : [];
  const detail =
    issues.length > 0 && !issues.every((issue) => error.message?.includes(issue))
      ? `${error.message} [${issues.join("; ")}]`
      : error.message;
  return `HTTP ${error.status}${where(error)}: ${detail}${id}`;
}

const API_HINTS: Record<number, string> = {
  404: "check the ids (peak images list, list-versions, list-builds)",
  409: "the name or version is taken, or the version is not in a state that allows this change",
  413: "the artifact is larger than the service accepts: exclude more with the ignore file",
  429: "the service is throttling requests: try again later",
};

/** Chooses the exit code and the one-line message for an error. */
export function describeError(raw: unknown): { code: number; message: string; before?: string[] } {
  if (raw instanceof UsageError) {
    return { code: EXIT.usage, message: raw.message };
  }
  const error = (typeof raw === "object" && raw !== null ? raw : { message: String(raw) }) as ErrorLike;
  const name = error.name ?? "";
  const message = error.message ?? String(raw);
  switch (name) {
    case "PreflightError":
      return { code: EXIT.failure, message };
    case "MissingCredentialsError":
      return { code: EXIT.credentials, message: `no API key: set ${KEY_VARIABLES} in the environment` };
    case "UnauthorizedError":
    case "ForbiddenError":
      return {
        code: EXIT.credentials,
        message: `the service refused the API key (${apiMessage(error)}): check ${KEY_VARIABLES} and the stage or base URL`,
      };
    case "ValidationError": {
      const issues = error.issues ?? [];
      if (issues.some((issue) => issue.path === "apiKey")) {
        return { code: EXIT.credentials, message: `unusable API key: ${message}` };
      }
      const list = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
      const body = issues.some((issue) => issue.path.startsWith("body"));
      return {
        code: EXIT.usage,
        message: `invalid input: ${list || message}${body ? " (fix the YAML body or the flags; nothing was sent)" : ""}`,
      };
    }
    case "BuildFailedError":
      return {
        code: EXIT.failure,
        message: `build ${error.build?.buildId} of image ${error.build?.imageId} ended with status ${error.build?.status}: see the log lines above (peak images get-build-logs --image-id ${error.build?.imageId} --build-id ${error.build?.buildId})`,
        before: (error.logLines ?? []).map((line) => `  | ${line}`),
      };
    case "WaiterTimeoutError":
      return { code: EXIT.failure, message: `${message}; wait longer with --max-wait` };
    case "AbortError":
      return { code: EXIT.interrupted, message: "interrupted" };
    case "TimeoutError":
      return { code: EXIT.failure, message: `${message}: the service did not answer in time` };
    case "ConnectionError":
      return {
        code: EXIT.failure,
        message: `${message}: check --base-url / PEAK_BASE_URL, --stage / STAGE and the network`,
      };
    case "ArtifactTooLargeError":
      return {
        code: EXIT.failure,
        message: `${message.replace(/ \(raise it with the \w+ option\)/, "")}: exclude more files with the ignore file (peak artifact ls shows what is uploaded)`,
      };
    default:
      break;
  }
  if (typeof error.status === "number" && error.status >= 100) {
    const hint = API_HINTS[error.status];
    return { code: EXIT.failure, message: `${apiMessage(error)}${hint ? `: ${hint}` : ""}` };
  }
  if (error.code === "ABORTED") {
    return { code: EXIT.interrupted, message: "interrupted" };
  }
  if (error.code && USAGE_ARTIFACT_CODES.has(error.code)) {
    return { code: EXIT.usage, message: `${message} (check the artifact path and ignore files)` };
  }
  if (error.code === "UNREADABLE_FILE") {
    return { code: EXIT.failure, message };
  }
  return { code: EXIT.failure, message: `unexpected error: ${message} (run again with --debug for details)` };
}

/** Prints the error as one line on stderr (the stack too with --debug) and returns the exit code. */
export function reportError(raw: unknown, options: { io: Io; debug: boolean; words: readonly string[] }): number {
  const { code, message, before } = describeError(raw);
  const { stderr } = options.io;
  if (options.debug && raw instanceof Error && !(raw instanceof UsageError)) {
    let current: unknown = raw;
    for (let depth = 0; current instanceof Error && depth < 5; depth++) {
      stderr.write(`${depth === 0 ? "" : "caused by: "}${current.stack ?? current.message}\n`);
      current = current.cause;
    }
  }
  for (const line of before ?? []) {
    stderr.write(`${line}\n`);
  }
  const hint =
    raw instanceof UsageError && raw.showUsage && options.words.length > 0
      ? ` (see 'peak ${options.words.join(" ")} --help')`
      : "";
  stderr.write(`peak: ${oneLine(message)}${hint}\n`);
  return code;
}
