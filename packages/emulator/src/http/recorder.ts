import type { IncomingMessage } from "node:http";
import { parseQuery } from "./target.js";

/** A request as the emulator received it (`requests()`), with secrets redacted. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, as sent (trailing slash kept). */
  path: string;
  /** Query parameters: a string, or an array for repeated keys. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-case names; `authorization` (and `cookie`) replaced by `[REDACTED]`. */
  headers: Record<string, string>;
  /** Multipart part names in the order they arrived (`artifact` included); empty for other requests. */
  fields: string[];
  /** The spec's operationId, when the path and method matched one. */
  operationId?: string;
  /** The status answered; absent while in flight or when the connection was dropped. */
  status?: number;
  /** The fault injected instead of handling the request, if any. */
  fault?: "429" | "503" | "drop";
}

const redacted = "[REDACTED]";
const keptRequests = 10_000;
/** Longer header and query values are cut: 10,000 requests of 16 KB headers would otherwise hold 160 MB. */
const keptValueLength = 1024;

/** A value as recorded: cut past the kept length. */
function keep(value: string): string {
  return value.length <= keptValueLength
    ? value
    : `${value.slice(0, keptValueLength)}...[${value.length - keptValueLength} more characters]`;
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      const text = Array.isArray(value) ? value.join(", ") : value;
      out[name] = name === "authorization" || name === "cookie" ? redacted : keep(text);
    }
  }
  return out;
}

/** The log behind `requests()`: the latest requests at least, each value of bounded length. */
export class RequestLog {
  private readonly received: RecordedRequest[] = [];

  /** Records a request on arrival; the record is completed as the request is handled. */
  record(req: IncomingMessage, path: string, search: URLSearchParams): RecordedRequest {
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: keep(path),
      query: parseQuery(search, keep),
      headers: recordHeaders(req),
      fields: [],
    };
    this.received.push(record);
    if (this.received.length > keptRequests + 1000) {
      // Trimmed in batches, so the hot path does not shift the array on every request.
      this.received.splice(0, this.received.length - keptRequests);
    }
    return record;
  }

  /** A copy of what was received so far. */
  all(): RecordedRequest[] {
    return structuredClone(this.received);
  }

  /** Forgets the recorded requests. */
  clear(): void {
    this.received.length = 0;
  }
}
