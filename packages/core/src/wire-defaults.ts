import type { Middleware } from "openapi-fetch";

/**
 * Adds `count=-1` ("every build within the dates") to a GET of the builds list that lacks it: peak-sdk always
 * sends it, and sending it keeps our requests identical to peak-sdk's.
 */
export const wireDefaults: Middleware = {
  onRequest({ request, schemaPath }) {
    if (
      request.method !== "GET" ||
      schemaPath !== "/images/{imageId}/builds" ||
      new URL(request.url).searchParams.has("count")
    ) {
      return undefined;
    }
    // Append rather than re-serialise, so the caller's parameters keep their exact encoding.
    return new Request(`${request.url}${request.url.includes("?") ? "&" : "?"}count=-1`, request);
  },
};
