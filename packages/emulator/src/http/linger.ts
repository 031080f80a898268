import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** A body still arriving after the answer is read and dropped up to this size, keeping the connection. */
const drainableBytes = 64 * 1024;
/** After an early answer, how long and how much the client may go on sending before the connection is cut. */
const lingerMs = 2000;
const lingerBytes = 16 * 1024 * 1024;

/** True when the request's body is still arriving and is large (or of unknown size): not worth reading to the end. */
function largeBodyPending(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) {
    return false;
  }
  if (req.headers["transfer-encoding"] !== undefined) {
    return true;
  }
  return Number(req.headers["content-length"] ?? 0) > drainableBytes;
}

/**
 * Node would destroy the socket right after the answer: a client still sending would then get a reset, which can
 * discard the answer before it reads it. Lingering instead: our FIN goes out after the answer, and what still
 * arrives is dropped for a short while (or up to a size), then the connection is cut.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = () => {
    socket.end();
    let received = 0;
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > lingerBytes) {
        socket.destroy();
      }
    });
    socket.once("close", () => clearTimeout(timer));
  };
}

/**
 * Before an answer is sent: when the client is still sending a large body (a 401 or 413 answered early), the
 * answer says `Connection: close` and the connection is closed once it is sent, instead of draining the body.
 */
export function closeIfBodyPending(req: IncomingMessage, res: ServerResponse): void {
  if (res.socket !== null && largeBodyPending(req)) {
    res.setHeader("Connection", "close");
    lingerOnClose(res.socket);
  }
}
