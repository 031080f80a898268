import { MissingCredentialsError, ValidationError } from "./errors.js";

/** Path under the service root where every Image Management operation lives. */
export const API_BASE_PATH = "/image-management/api/v2";

/** Environment variables read for the API key, in order of precedence. */
export const API_KEY_ENV_VARS = ["PEAK_API_KEY", "API_KEY"] as const;

/** An API key, or a function that returns the current one (called before each attempt). */
export type ApiKeySource = string | (() => string | Promise<string>);

function env(name: string): string | undefined {
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

/** Resolves the API key source: the `apiKey` option, else PEAK_API_KEY, else API_KEY; throws when none is set. */
export function resolveApiKey(apiKey: ApiKeySource | undefined): ApiKeySource {
  if (typeof apiKey === "function") {
    return apiKey;
  }
  const key = (apiKey?.trim() ? apiKey : undefined) ?? API_KEY_ENV_VARS.map(env).find((value) => value !== undefined);
  if (key === undefined) {
    throw new MissingCredentialsError(API_KEY_ENV_VARS);
  }
  return key;
}
