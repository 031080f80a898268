import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";

/**
 * A fetch for bodiless requests (GET, DELETE) over `node:http`/`node:https`; requests with a body (uploads) go to
 * the global fetch. On Node 20 the first `fetch` loads undici's client and compiles its WebAssembly HTTP parser,
 * which costs more than the rest of a `peak images list` (see the README's benchmark); node's own client is ready
 * at start-up. Redirects are not followed (the API does not redirect); the caller's signal aborts the request.
 */
export async function httpFetch(request: Request): Promise<Response> {
  if (request.body !== null) {
    return globalThis.fetch(request);
  }
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return new Promise((resolve, reject) => {
    const outgoing = client.request(url, { method: request.method, headers, signal: request.signal }, (answer) => {
      resolve(toResponse(answer));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

function toResponse(answer: IncomingMessage): Response {
  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i]!, raw[i + 1]!);
  }
  const status = answer.statusCode ?? 0;
  const empty = status === 204 || status === 304 || status < 200;
  if (empty) {
    answer.resume();
  }
  return new Response(empty ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>), {
    status,
    statusText: answer.statusMessage ?? "",
    headers,
  });
}
