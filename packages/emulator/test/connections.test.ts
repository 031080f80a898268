import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { base, call, key, raw, start } from "./helpers.js";
import { rawUpload } from "./support/raw-upload.js";

type Emu = Awaited<ReturnType<typeof start>>;
const GiB = 1024 * 1024 * 1024;

function open(emu: Emu): Promise<Socket> {
  const url = new URL(emu.url);
  const socket = connect(Number(url.port), url.hostname);
  socket.on("error", () => undefined);
  return once(socket, "connect").then(() => socket);
}

/** Resolves with what the server sent once it closes the connection, or with undefined after `ms`. */
async function closedWithin(socket: Socket, ms: number): Promise<string | undefined> {
  let received = "";
  socket.on("data", (d: Buffer) => {
    received += d.toString("latin1");
  });
  const closed = once(socket, "close").then(() => received);
  return Promise.race([closed, sleep(ms).then(() => undefined)]);
}

describe("an answer sent before the body has arrived closes the connection", () => {
  const big = (headers: Record<string, string>, path = `${base}/images`) => ({
    method: "POST",
    path,
    headers,
    head: Buffer.alloc(0),
    size: GiB,
    tail: Buffer.alloc(0),
  });

  it("401 to a 1 GB upload without the key: Connection: close, and the rest is not drained", async () => {
    const emu = await start();
    const result = await rawUpload(emu, big({ "Content-Type": "multipart/form-data; boundary=B" }));
    expect(result.status).toBe(401);
    expect(result.headers.connection).toBe("close");
    expect(result.cutShort).toBe(true);
    expect(result.sentTotal).toBeLessThan(GiB / 4);
  });

  it("the same for a 404, a 405 and a 400 on a body the emulator does not read", async () => {
    const emu = await start();
    for (const [path, method, status] of [
      [`${base}/nowhere`, "POST", 404],
      [`${base}/images/1`, "PUT", 405],
      [`${base}/images`, "POST", 400],
    ] as const) {
      const result = await rawUpload(emu, {
        ...big({ Authorization: key, "Content-Type": "application/octet-stream" }, path),
        method,
      });
      expect(result.status, `${method} ${path}`).toBe(status);
      expect(result.headers.connection).toBe("close");
      expect(result.cutShort).toBe(true);
    }
  });

  it("keeps the connection of a small body it reads and drops (the Python client's GET with {})", async () => {
    const emu = await start();
    const answer = await raw(emu, {
      method: "GET",
      path: `${base}/images`,
      headers: { Authorization: key, "Content-Type": "application/json", "Content-Length": "2" },
      body: "{}",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe("keep-alive");
  });
});

describe("timeouts and the connection cap", () => {
  it("closes a connection whose body trickles in past the request timeout (408)", async () => {
    const emu = await start({ requestTimeoutMs: 500 });
    const socket = await open(emu);
    socket.write(
      `POST ${base}/images HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${key}\r\n` +
        "Content-Type: multipart/form-data; boundary=B\r\nContent-Length: 1000\r\n\r\n",
    );
    const trickle = setInterval(() => socket.write("-"), 100);
    const answer = await closedWithin(socket, 10_000);
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect((await call(emu, "GET", "/_emulator/health", { auth: null })).status).toBe(200);
  });

  it("closes a connection whose headers trickle in past the headers timeout", async () => {
    const emu = await start({ headersTimeoutMs: 300, requestTimeoutMs: 5000 });
    const socket = await open(emu);
    socket.write(`GET ${base}/images HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const trickle = setInterval(() => socket.write("X-Slow: 1\r\n"), 100);
    const answer = await closedWithin(socket, 10_000);
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes a connection that never sends anything after the headers timeout", async () => {
    const emu = await start({ headersTimeoutMs: 300, requestTimeoutMs: 5000 });
    expect(await closedWithin(await open(emu), 10_000)).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes an idle keep-alive connection after the keep-alive timeout", async () => {
    const emu = await start({ keepAliveTimeoutMs: 200 });
    const socket = await open(emu);
    socket.write(`GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(await closedWithin(socket, 10_000)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("refuses connections past the cap, and takes new ones once others close", async () => {
    const emu = await start({ maxConnections: 2 });
    const first = await open(emu);
    const second = await open(emu);
    const third = await open(emu);
    third.write(`GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    // The third is closed at once, unanswered.
    expect(await closedWithin(third, 10_000)).toBe("");
    first.destroy();
    second.destroy();
    await sleep(50);
    expect((await raw(emu, { method: "GET", path: "/_emulator/health" })).status).toBe(200);
  });
});
