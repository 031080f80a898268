import { connect } from "node:net";
import type { Emulator } from "../../src/index.js";

/** What a raw upload saw. */
export interface RawUpload {
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  text: string;
  /** Body bytes sent when the first byte of the answer arrived (-1: no answer). */
  sentAtAnswer: number;
  /** Body bytes sent in all. */
  sentTotal: number;
  /** True when the server ended the connection before the whole body was sent. */
  cutShort: boolean;
}

/**
 * Sends a request whose body is `head`, then `size` bytes of filler, then `tail`, over a raw socket, like the
 * Python client: it keeps writing whatever the server answers, until it has sent everything or the server closes
 * the connection. Node's http client would stop writing once it has a complete response.
 */
export function rawUpload(
  emu: Emulator,
  request: { method: string; path: string; headers: Record<string, string>; head: Buffer; size: number; tail: Buffer },
  onSample: (sent: number) => void = () => undefined,
): Promise<RawUpload> {
  const url = new URL(emu.url);
  const length = request.head.length + request.size + request.tail.length;
  // One reused chunk: the client side allocates nothing per write, so growth is the server's.
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentAtAnswer = -1;
    let answer = Buffer.alloc(0);
    let done = false;
    const socket = connect(Number(url.port), url.hostname);
    const finish = () => {
      if (done) {
        return;
      }
      done = true;
      const text = answer.toString("utf8");
      const end = text.indexOf("\r\n\r\n");
      if (end === -1) {
        reject(new Error(`no answer (sent ${sent} of ${length})`));
        return;
      }
      const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers,
        text: text.slice(end + 4),
        sentAtAnswer,
        sentTotal: sent,
        cutShort: sent < length,
      });
    };
    socket.on("connect", () => {
      const head = Object.entries({ Host: url.host, "Content-Length": String(length), ...request.headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      socket.write(`${request.method} ${request.path} HTTP/1.1\r\n${head}\r\n`);
      socket.write(request.head);
      sent = request.head.length;
      let filler = 0;
      const pump = (): void => {
        while (!socket.destroyed && !socket.writableEnded) {
          let next: Buffer;
          if (filler < request.size) {
            next = request.size - filler >= chunk.length ? chunk : chunk.subarray(0, request.size - filler);
            filler += next.length;
          } else {
            // Everything but the tail is out: send it, then wait for the server to answer and close.
            socket.end(request.tail);
            sent += request.tail.length;
            return;
          }
          sent += next.length;
          if (sent % (4 * 1024 * 1024) < chunk.length) {
            onSample(sent);
          }
          if (!socket.write(next)) {
            socket.once("drain", pump);
            return;
          }
        }
      };
      pump();
    });
    socket.on("data", (data: Buffer) => {
      if (sentAtAnswer === -1) {
        sentAtAnswer = sent;
      }
      answer = Buffer.concat([answer, data]);
    });
    // A reset while writing is how a server that stopped reading shows; the answer may still have come.
    socket.on("error", () => finish());
    socket.on("close", () => finish());
  });
}
