import type { IncomingMessage, ServerResponse } from "node:http";

const allowedMethods = "GET, POST, PATCH, DELETE, OPTIONS";
// Headers a browser client of the SDK sends; preflights asking for others get them echoed back.
const defaultAllowedHeaders = "Authorization, Content-Type, Accept, X-Request-Id";
const exposedHeaders = "Retry-After, X-Request-Id, Content-Length";

/** Adds the CORS headers for an allowed Origin, so browser code can read bodies and Retry-After. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    // The answer depends on Origin: caches must not reuse it for another origin.
    res.setHeader("Vary", "Origin");
    res.setHeader("Access-Control-Expose-Headers", exposedHeaders);
  }
}

/** True for a CORS preflight (OPTIONS with Access-Control-Request-Method). */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
}

/** Answers a preflight of an allowed origin with 204; it needs no API key, as browsers never send one on them. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  const requested = req.headers["access-control-request-headers"];
  res.setHeader("Access-Control-Allow-Methods", allowedMethods);
  res.setHeader("Access-Control-Allow-Headers", requested ?? defaultAllowedHeaders);
  res.setHeader("Access-Control-Max-Age", "600");
  res.setHeader("Content-Length", "0");
  res.statusCode = 204;
  res.end();
}

/** Answers a plain OPTIONS (no preflight headers) with 204 and the `Allow` header of the path. */
export function answerOptions(res: ServerResponse, allowed: readonly string[]): void {
  res.setHeader("Allow", [...allowed, "OPTIONS"].join(", "));
  res.setHeader("Content-Length", "0");
  res.statusCode = 204;
  res.end();
}
