import type { Middleware } from "openapi-fetch";

/**
 * Query values the Python SDK always sends even when the caller gives none, keyed by schema path. `count=-1`
 * on builds means "every build within the dates"; sending it keeps our requests identical to peak-sdk's.
 */
const QUERY_DEFAULTS: Record<string, Record<string, string>> = {
  "/images/{imageId}/builds": { count: "-1" },
};

/** Adds the Python SDK's always-sent query defaults to GET requests that lack them. */
export const wireDefaults: Middleware = {
  onRequest({ request, schemaPath }) {
    const defaults = request.method === "GET" ? QUERY_DEFAULTS[schemaPath] : undefined;
    if (!defaults) {
      return undefined;
    }
    const present = new URL(request.url).searchParams;
    const missing = Object.entries(defaults).filter(([name]) => !present.has(name));
    if (missing.length === 0) {
      return undefined;
    }
    // Append rather than re-serialise, so the caller's parameters keep their exact encoding.
    const extra = missing.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&");
    return new Request(`${request.url}${request.url.includes("?") ? "&" : "?"}${extra}`, request);
  },
};
