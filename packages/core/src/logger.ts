import { env } from "./config.js";

/** Receives debug lines about each request; any object with a `debug` method works, `console` included. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
}

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
]);

/** Copies headers into a plain object with credential values replaced by `***`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? "***" : value;
  });
  return out;
}

/** A logger writing to stderr, used when PEAK_LOG=debug is set and no logger was given. */
export function envLogger(): Logger | undefined {
  if (env("PEAK_LOG")?.toLowerCase() !== "debug") {
    return undefined;
  }
  return {
    debug(message, details) {
      console.error(`[peak-images] ${message}${details ? ` ${JSON.stringify(details)}` : ""}`);
    },
  };
}
