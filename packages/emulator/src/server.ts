import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { apiBasePath } from "@peak-images/spec";
import { answerPreflight, applyCors, isPreflight } from "./cors.js";
import { ApiError } from "./errors.js";
import type { Fault, FaultInjector } from "./faults.js";
import type { Service } from "./handlers.js";
import { type MultipartBody, MultipartError, parseMultipart } from "./multipart.js";
import type { Operation } from "./operations.js";
import type { ResolvedOptions, ResponseRecord } from "./options.js";
import type { Router } from "./router.js";
import { describeProblems, type SpecValidator } from "./validate.js";

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
const maxRecorded = 10_000;
const internalPrefix = "/_emulator";

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) {
      continue;
    }
    out[name] =
      name === "authorization" || name === "cookie" ? redacted : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** The HTTP front of the emulator: routing, faults, auth, validation, multipart, then the service. */
export class EmulatorServer {
  private readonly server: Server;
  private readonly received: RecordedRequest[] = [];
  private sequence = 0;
  /** `http://host:port` once listening. */
  url = "";

  constructor(
    private readonly options: ResolvedOptions,
    private readonly validator: SpecValidator,
    private readonly router: Router,
    private readonly service: Service,
    private readonly faults: FaultInjector,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.crash(res, error));
    });
  }

  /** Starts listening; resolves with the URL. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        const address = this.server.address() as AddressInfo;
        // The host as asked for (`--host localhost` prints localhost), the port as bound (`--port 0`).
        const asked = this.options.host;
        const host = asked.includes(":") && !asked.startsWith("[") ? `[${asked}]` : asked;
        this.url = `http://${host}:${address.port}`;
        resolve(this.url);
      });
    });
  }

  /** Stops listening and drops open connections (keep-alive ones included). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** A copy of what was received so far. */
  requests(): RecordedRequest[] {
    return structuredClone(this.received);
  }

  /** Forgets the recorded requests (`reset()`). */
  clearRequests(): void {
    this.received.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.sequence += 1;
    res.setHeader("X-Request-Id", `emulator-${this.sequence}`);
    const method = req.method ?? "GET";
    // Cheaper than new URL() on the hot path; the pathname is used as sent.
    const target = req.url ?? "/";
    const queryAt = target.indexOf("?");
    const url = {
      pathname: queryAt === -1 ? target : target.slice(0, queryAt),
      searchParams: new URLSearchParams(queryAt === -1 ? "" : target.slice(queryAt + 1)),
    };
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: parseQuery(url.searchParams),
      headers: recordHeaders(req),
      fields: [],
    };
    this.received.push(record);
    if (this.received.length > maxRecorded + 1000) {
      // A long-running emulator must not grow without bound: keep the latest requests only (trimmed in
      // batches so the hot path does not shift the array on every request).
      this.received.splice(0, this.received.length - maxRecorded);
    }
    const reply = (status: number, body: unknown, operation?: Operation, headers: Record<string, string> = {}) => {
      record.status = status;
      this.send(req, res, operation, status, body, headers);
    };

    if (isPreflight(req)) {
      record.status = 204;
      answerPreflight(req, res);
      return;
    }
    applyCors(req, res);
    if (url.pathname.startsWith(`${internalPrefix}/`)) {
      this.internal(req, res, url, record);
      return;
    }
    if (url.pathname !== apiBasePath && !url.pathname.startsWith(`${apiBasePath}/`)) {
      reply(404, { detail: `No route ${url.pathname}: the API lives under ${apiBasePath}` });
      return;
    }
    const match = this.router.match(method, url.pathname.slice(apiBasePath.length) || "/");
    if (match.kind === "not-found") {
      reply(404, { detail: `No route ${method} ${url.pathname}` });
      return;
    }
    if (match.kind === "method-not-allowed") {
      reply(405, { detail: `Method ${method} is not allowed on ${url.pathname}` }, undefined, {
        Allow: [...match.allowed, "OPTIONS"].join(", "),
      });
      return;
    }
    const { operation } = match;
    record.operationId = operation.id;

    // The fault is drawn on arrival, before anything is read or changed, so a faulted request changes nothing.
    const fault = this.faults.decide();
    if (this.options.latencyMs > 0) {
      await sleep(this.options.latencyMs);
    }
    if (fault !== undefined) {
      this.applyFault(req, res, operation, fault, record);
      return;
    }
    if (req.headers.authorization !== this.options.apiKey) {
      reply(401, { detail: "Missing or invalid Authorization header" }, operation);
      return;
    }
    const params: Record<string, unknown> = { ...match.params };
    const query: Record<string, unknown> = { ...record.query };
    const problems = [...this.validator.checkPath(operation, params), ...this.validator.checkQuery(operation, query)];
    if (problems.length > 0) {
      reply(400, { detail: describeProblems(problems), errors: problems }, operation);
      return;
    }

    let multipart: MultipartBody | undefined;
    if (operation.body !== undefined) {
      const type = req.headers["content-type"] ?? "";
      if (!/^multipart\/form-data\s*;/i.test(type)) {
        const message = "must be multipart/form-data (with a boundary)";
        reply(400, { detail: `body: ${message}`, errors: [{ path: "body", message }] }, operation);
        return;
      }
      try {
        multipart = await parseMultipart(req, {
          maxFileBytes: this.options.maxArtifactMb * 1024 * 1024,
          fileFields: operation.body.fileFields,
          onPart: (name) => record.fields.push(name),
        });
      } catch (error) {
        if (error instanceof MultipartError) {
          const body =
            error.status === 413
              ? { detail: error.message }
              : { detail: error.message, errors: [{ path: error.path, message: error.message }] };
          reply(error.status, body, operation);
          return;
        }
        throw error;
      }
    } else {
      // GET and DELETE from the Python SDK carry a `{}` JSON body: read and ignore whatever comes.
      req.resume();
    }

    try {
      const result = await this.service.handle({ operation, params, query, multipart, origin: this.origin(req) });
      reply(result.status, result.body, operation);
    } catch (error) {
      if (error instanceof ApiError) {
        reply(error.status, error.body(), operation);
        return;
      }
      throw error;
    }
  }

  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    // The Host the client used works through port mappings; fall back to the bound address.
    return host !== undefined && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `http://${host}` : this.url;
  }

  private applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    operation: Operation,
    fault: Fault,
    record: RecordedRequest,
  ): void {
    if (fault.kind === "drop") {
      record.fault = "drop";
      // Start a real answer, then cut the connection half way through it.
      const partial = '{"detail":';
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(partial.length + 32) });
      res.write(partial, () => res.socket?.destroy());
      req.resume();
      return;
    }
    record.fault = fault.kind === "throttle" ? "429" : "503";
    record.status = fault.status;
    const detail =
      fault.kind === "throttle" ? "Too many requests (injected fault)" : "Service unavailable (injected fault)";
    this.send(req, res, operation, fault.status, { detail }, { "Retry-After": String(fault.retryAfter) });
  }

  private internal(
    req: IncomingMessage,
    res: ServerResponse,
    url: { pathname: string; searchParams: URLSearchParams },
    record: RecordedRequest,
  ): void {
    req.resume();
    const path = url.pathname.slice(internalPrefix.length);
    if (path === "/health") {
      record.status = 200;
      this.send(req, res, undefined, 200, { status: "ok" }, {});
      return;
    }
    const logLink = /^\/build-logs\/(\d+)\/(\d+)\.log$/.exec(path);
    if (logLink !== null && (req.method === "GET" || req.method === "HEAD")) {
      // A pre-signed link: no API key, the signature in the query is the credential.
      const text = this.service.logText(
        Number(logLink[1]),
        Number(logLink[2]),
        url.searchParams.get("X-Emulator-Signature") ?? "",
      );
      const status = text === undefined ? 403 : 200;
      const body = text ?? "The link is not valid (unknown build or bad signature)\n";
      record.status = status;
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
      this.options.onResponse?.({
        operationId: undefined,
        method: req.method,
        path: url.pathname,
        status,
        headers: {},
        body,
      });
      return;
    }
    record.status = 404;
    this.send(req, res, undefined, 404, { detail: `No route ${url.pathname}` }, {});
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    operation: Operation | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): void {
    if (res.headersSent || res.destroyed) {
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(text)),
    });
    // Node keeps reading (and dropping) a request body that is still arriving after this answer.
    res.end(text);
    const hook = this.options.onResponse;
    if (hook !== undefined) {
      const record: ResponseRecord = {
        operationId: operation?.id,
        method: req.method ?? "GET",
        path: (req.url ?? "/").split("?")[0] ?? "/",
        status,
        headers: { ...headers },
        body: JSON.parse(text) as unknown,
      };
      hook(record);
    }
  }

  private crash(res: ServerResponse, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`peak-images-emulator: internal error: ${error instanceof Error ? error.stack : message}\n`);
    if (!res.headersSent && !res.destroyed) {
      const text = JSON.stringify({ detail: `Internal error in the emulator: ${message}` });
      res.writeHead(500, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) });
      res.end(text);
    }
  }
}
