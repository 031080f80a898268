import { MissingCredentialsError, ValidationError } from "./errors.js";

/** Path under the service root where every Image Management operation lives. */
export const API_BASE_PATH = "/image-management/api/v2";

/** Environment variables read for the API key, in order of precedence. */
export const API_KEY_ENV_VARS = ["PEAK_API_KEY", "API_KEY"] as const;

/** An API key, or a function that returns the current one (called before each attempt). */
export type ApiKeySource = string | (() => string | Promise<string>);

/** An environment variable, undefined when unset or blank (and where there is no `process`). */
export function env(name: string): string | undefined {
  // process is absent in browsers and some edge runtimes.
  const value = typeof process === "undefined" ? undefined : process.env?.[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The service root for a stage: `prod` → service.peak.ai, `latest` → service.dev.peak.ai, else service.<stage>.peak.ai. */
export function serviceRootForStage(stage: string): string {
  const normalized = stage.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(normalized)) {
    throw new ValidationError([{ path: "stage", message: `"${stage}" is not a valid stage name` }]);
  }
  if (normalized === "prod") {
    return "https://service.peak.ai";
  }
  return `https://service.${normalized === "latest" ? "dev" : normalized}.peak.ai`;
}

/** Resolves the API's base URL: `baseUrl` option, else PEAK_BASE_URL, else the stage's root (option, STAGE, `prod`). */
export function resolveBaseUrl(options: { baseUrl?: string | undefined; stage?: string | undefined }): string {
  const root = options.baseUrl ?? env("PEAK_BASE_URL") ?? serviceRootForStage(options.stage ?? env("STAGE") ?? "prod");
  let url: URL;
  try {
    url = new URL(root);
  } catch {
    throw new ValidationError([{ path: "baseUrl", message: `"${root}" is not an absolute URL` }]);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError([{ path: "baseUrl", message: `"${root}" must use http or https` }]);
  }
  const trimmed = `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  // Accept both the service root and a URL that already ends with the API path.
  return trimmed.endsWith(API_BASE_PATH) ? trimmed : `${trimmed}${API_BASE_PATH}`;
}

/** Bytes an HTTP header value may hold: tab, printable ASCII and Latin-1; no line break or other control byte. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;

/**
 * Checks that a key can travel in the `Authorization` header. The message names where the key came from but never
 * includes the key: errors end up in logs and terminals.
 */
export function checkApiKey(key: unknown, from: string): string {
  if (typeof key !== "string" || key.trim() === "") {
    const got = typeof key === "string" ? "an empty string" : key === null ? "null" : typeof key;
    throw new ValidationError([{ path: "apiKey", message: `${from} gave ${got} instead of an API key` }]);
  }
  if (!HEADER_VALUE.test(key)) {
    throw new ValidationError([
      {
        path: "apiKey",
        message: `${from} holds a character that cannot be sent in an HTTP header (a line break or another control character, or a character beyond Latin-1); check how the key was copied (its value is not shown)`,
      },
    ]);
  }
  return key;
}

/** Resolves the API key source: the `apiKey` option, else PEAK_API_KEY, else API_KEY; throws when none is set. */
export function resolveApiKey(apiKey: ApiKeySource | undefined): ApiKeySource {
  if (typeof apiKey === "function") {
    return apiKey;
  }
  if (apiKey?.trim()) {
    return checkApiKey(apiKey, "the apiKey option");
  }
  for (const name of API_KEY_ENV_VARS) {
    const value = env(name);
    if (value !== undefined) {
      return checkApiKey(value, name);
    }
  }
  throw new MissingCredentialsError(API_KEY_ENV_VARS);
}
