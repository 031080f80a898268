import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { apiBasePath } from "@peak-images/spec";
import { ApiError } from "../domain/errors.js";
import type { Service } from "../domain/service.js";
import type { ResolvedOptions } from "../options.js";
import type { Operation } from "../spec/operations.js";
import { describeProblems } from "../spec/problems.js";
import type { SpecValidator } from "../spec/validator.js";
import { checkWireIntegers } from "../spec/wire-integers.js";
import { answerOptions, answerPreflight, applyCors, isPreflight } from "./cors.js";
import type { Fault, FaultInjector } from "./faults.js";
import { answerInternal, internalPrefix } from "./internal.js";
import { type MultipartBody, MultipartError, parseMultipart } from "./multipart.js";
import type { OriginPolicy } from "./origin-policy.js";
import type { RecordedRequest, RequestLog } from "./recorder.js";
import type { Replier } from "./reply.js";
import type { Router } from "./router.js";
import { parseQuery, splitTarget } from "./target.js";

/** What the pipeline works with. */
export interface PipelineParts {
  options: ResolvedOptions;
  validator: SpecValidator;
  router: Router;
  service: Service;
  faults: FaultInjector;
  log: RequestLog;
  replier: Replier;
  policy: OriginPolicy;
}

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

/**
 * One request, in order: record it; refuse foreign hosts and origins; CORS; the emulator's own routes; routing;
 * a fault drawn on arrival; auth; parameters; the multipart body; then the service.
 */
export class RequestPipeline {
  private sequence = 0;

  constructor(private readonly parts: PipelineParts) {}

  /** Handles one request; failures of the emulator itself are thrown (the server answers them 500). */
  async handle(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const { policy, replier, router } = this.parts;
    this.sequence += 1;
    res.setHeader("X-Request-Id", `emulator-${this.sequence}`);
    const method = req.method ?? "GET";
    const target = splitTarget(req.url ?? "/");
    const record = this.parts.log.record(req, target.pathname, target.search);
    let operationId: string | undefined;
    const reply: Reply = (status, body, headers = {}) => {
      record.status = status;
      replier.json(req, res, operationId, status, body, headers);
    };

    if (!policy.allowsHost(req.headers.host)) {
      reply(403, { detail: "This emulator listens on loopback and only answers requests to a loopback host" });
      return;
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !policy.allowsOrigin(requestOrigin)) {
      reply(403, { detail: "This origin is not allowed: start the emulator with --cors-origin <origin> to allow it" });
      return;
    }
    if (isPreflight(req)) {
      record.status = 204;
      answerPreflight(req, res);
      return;
    }
    applyCors(req, res);
    if (target.pathname.startsWith(`${internalPrefix}/`)) {
      answerInternal(req, res, target, record, this.parts.service, replier);
      return;
    }
    if (target.pathname !== apiBasePath && !target.pathname.startsWith(`${apiBasePath}/`)) {
      reply(404, { detail: `No route ${target.pathname}: the API lives under ${apiBasePath}` });
      return;
    }
    const match = router.match(method, target.pathname.slice(apiBasePath.length) || "/");
    if (match.kind === "not-found") {
      reply(404, { detail: `No route ${method} ${target.pathname}` });
      return;
    }
    if (match.kind === "method-not-allowed") {
      if (method === "OPTIONS") {
        record.status = 204;
        answerOptions(res, match.allowed);
        return;
      }
      const allow = [...match.allowed, "OPTIONS"].join(", ");
      reply(405, { detail: `Method ${method} is not allowed on ${target.pathname}` }, { Allow: allow });
      return;
    }
    const { operation } = match;
    operationId = operation.id;
    record.operationId = operation.id;

    // The fault is drawn on arrival, before anything is read or changed, so a faulted request changes nothing.
    const fault = this.parts.faults.decide();
    if (this.parts.options.latencyMs > 0) {
      await sleep(this.parts.options.latencyMs);
    }
    if (fault !== undefined) {
      this.applyFault(req, res, fault, record, reply);
      return;
    }
    if (req.headers.authorization !== this.parts.options.apiKey) {
      reply(401, { detail: "Missing or invalid Authorization header" });
      return;
    }
    const params = this.checkParams(operation, match.params, target.search, reply);
    if (params === undefined) {
      return;
    }
    const body = await this.readBody(req, operation, record, reply);
    if (body === false) {
      return;
    }
    try {
      const result = await this.parts.service.handle({
        operation,
        ...params,
        fields: body?.fields,
        artifact: body?.file,
        origin: this.origin(req, url),
      });
      reply(result.status, result.body);
    } catch (error) {
      if (error instanceof ApiError) {
        reply(error.status, error.body());
        return;
      }
      throw error;
    }
  }

  /** Path and query parameters, checked and coerced; undefined once a failure has been answered. */
  private checkParams(
    operation: Operation,
    pathParams: Record<string, string>,
    search: URLSearchParams,
    reply: Reply,
  ): { params: Record<string, unknown>; query: Record<string, unknown> } | undefined {
    const { validator } = this.parts;
    const params: Record<string, unknown> = { ...pathParams };
    const query: Record<string, unknown> = parseQuery(search);
    // An id not written as one names no resource: 404, as an unknown id.
    const badIds = checkWireIntegers(operation, "path", params);
    if (badIds.length > 0) {
      reply(404, { detail: `${describeProblems(badIds)} (no resource has such an id)` });
      return undefined;
    }
    const wire = checkWireIntegers(operation, "query", query);
    const problems =
      wire.length > 0 ? wire : [...validator.checkPath(operation, params), ...validator.checkQuery(operation, query)];
    if (problems.length > 0) {
      reply(400, { detail: describeProblems(problems), errors: problems });
      return undefined;
    }
    return { params, query };
  }

  /** The multipart body of create and update calls; false once a failure has been answered. */
  private async readBody(
    req: IncomingMessage,
    operation: Operation,
    record: RecordedRequest,
    reply: Reply,
  ): Promise<MultipartBody | undefined | false> {
    if (operation.body === undefined) {
      // GET and DELETE from the Python SDK carry a `{}` JSON body: read and ignore whatever comes.
      req.resume();
      return undefined;
    }
    if (!/^multipart\/form-data\s*;/i.test(req.headers["content-type"] ?? "")) {
      const message = "must be multipart/form-data (with a boundary)";
      reply(400, { detail: `body: ${message}`, errors: [{ path: "body", message }] });
      return false;
    }
    try {
      return await parseMultipart(req, {
        maxFileBytes: this.parts.options.maxArtifactBytes,
        fileFields: operation.body.fileFields,
        onPart: (name) => record.fields.push(name),
      });
    } catch (error) {
      if (error instanceof MultipartError) {
        const errors = error.status === 413 ? {} : { errors: [{ path: error.path, message: error.message }] };
        reply(error.status, { detail: error.message, ...errors });
        return false;
      }
      throw error;
    }
  }

  /** The origin the client used, for links: the Host it sent works through port mappings. */
  private origin(req: IncomingMessage, url: string): string {
    const host = req.headers.host;
    return host !== undefined && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `http://${host}` : url;
  }

  private applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    fault: Fault,
    record: RecordedRequest,
    reply: Reply,
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
    const detail =
      fault.kind === "throttle" ? "Too many requests (injected fault)" : "Service unavailable (injected fault)";
    reply(fault.status, { detail }, { "Retry-After": String(fault.retryAfter) });
  }
}
