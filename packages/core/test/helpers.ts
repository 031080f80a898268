import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the test server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** A loopback server whose answers are scripted per request number. */
export interface ScriptedServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port chosen by the OS) that answers request i with `handler(req, res, i)`. */
export async function scriptedServer(
  handler: (req: SeenRequest, res: ServerResponse, index: number) => void,
): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    // Recorded on arrival, so a request the client gave up on early still counts.
    const record = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.alloc(0) };
    const index = seen.push(record) - 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      record.body = Buffer.concat(chunks);
      handler(record, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON answer with a Content-Length. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A page of images with no items, valid against the spec. */
export const EMPTY_IMAGE_PAGE = { imageCount: 0, pageSize: 25, pageNumber: 1, pageCount: 0, images: [] };
