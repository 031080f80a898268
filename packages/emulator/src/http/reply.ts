import type { IncomingMessage, ServerResponse } from "node:http";
import type { ResponseRecord } from "../options.js";
import { closeIfBodyPending } from "./linger.js";

/** Sends answers, and tells the `onResponse` hook what was sent. */
export class Replier {
  constructor(private readonly hook: ((record: ResponseRecord) => void) | undefined) {}

  /** Sends a JSON answer (once: a response already started or destroyed is left alone). */
  json(
    req: IncomingMessage,
    res: ServerResponse,
    operationId: string | undefined,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    if (this.send(req, res, status, text, { ...headers, "Content-Type": "application/json" }) && this.hook) {
      // The hook gets what was sent, parsed back: a copy the caller cannot change the state through.
      this.tell(req, operationId, status, headers, JSON.parse(text) as unknown);
    }
  }

  /** Sends a plain-text answer (the log download links). */
  text(req: IncomingMessage, res: ServerResponse, status: number, body: string): void {
    if (this.send(req, res, status, body, { "Content-Type": "text/plain; charset=utf-8" })) {
      this.tell(req, undefined, status, {}, body);
    }
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string>,
  ): boolean {
    if (res.headersSent || res.destroyed) {
      return false;
    }
    closeIfBodyPending(req, res);
    res.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)) });
    // Node leaves the body out of answers to HEAD by itself.
    res.end(body);
    return true;
  }

  private tell(
    req: IncomingMessage,
    operationId: string | undefined,
    status: number,
    headers: Record<string, string>,
    body: unknown,
  ): void {
    this.hook?.({
      operationId,
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0] ?? "/",
      status,
      headers: { ...headers },
      body,
    });
  }
}
