import type { IncomingMessage, ServerResponse } from "node:http";
import type { Service } from "../domain/service.js";
import type { RecordedRequest } from "./recorder.js";
import type { Replier } from "./reply.js";
import type { RequestTarget } from "./target.js";

/** Where the emulator's own routes live: outside the API, no key needed. */
export const internalPrefix = "/_emulator";

/** Answers the emulator's own routes: `/health`, and the pre-signed log links `downloadBuildLogs` hands out. */
export function answerInternal(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  record: RecordedRequest,
  service: Service,
  replier: Replier,
): void {
  req.resume();
  const path = target.pathname.slice(internalPrefix.length);
  if (path === "/health") {
    record.status = 200;
    replier.json(req, res, undefined, 200, { status: "ok" });
    return;
  }
  const logLink = /^\/build-logs\/(\d{1,15})\/(\d{1,15})\.log$/.exec(path);
  if (logLink !== null && (req.method === "GET" || req.method === "HEAD")) {
    // A pre-signed link: no API key, the signature in the query is the credential.
    const signature = target.search.get("X-Emulator-Signature") ?? "";
    const text = service.logText(Number(logLink[1]), Number(logLink[2]), signature);
    record.status = text === undefined ? 403 : 200;
    replier.text(req, res, record.status, text ?? "The link is not valid (unknown build or bad signature)\n");
    return;
  }
  record.status = 404;
  replier.json(req, res, undefined, 404, { detail: `No route ${target.pathname}` });
}
