import { connect } from "node:net";
import { expect, it } from "vitest";
import { base, call, form, key, makeZip, start } from "./helpers.js";

it("answers 413 {detail} for an artifact over the limit and changes nothing", async () => {
  const emu = await start({ maxArtifactMb: 1 });
  const big = makeZip({ Dockerfile: "FROM alpine\n", "blob.bin": Buffer.alloc(1_200_000, 7) });
  const answer = await call(emu, "POST", "/images", { form: form({ name: "big", type: "workflow" }, big) });
  expect(answer.status).toBe(413);
  expect(answer.body).toEqual({ detail: "Artifact exceeds the maximum size of 1 MB" });
  expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
  const small = makeZip({ Dockerfile: "FROM alpine\n", "blob.bin": Buffer.alloc(900_000, 7) });
  const ok = await call(emu, "POST", "/images", { form: form({ name: "small", type: "workflow" }, small) });
  expect(ok.status).toBe(201);
});

it("detects a 200 MB upload as too large while it streams, without buffering it", async () => {
  const emu = await start({ maxArtifactMb: 10 });
  const total = 200 * 1024 * 1024;
  const boundary = "0123456789abcdef0123456789abcdef";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="artifact"; filename="artifact.zip"\r\n` +
      "Content-Type: application/zip\r\n\r\n",
  );
  const tail = Buffer.from(
    `\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nhuge\r\n--${boundary}--\r\n`,
  );
  // One reused chunk: the client side allocates nothing per write, so growth is the server's.
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  function* body(): Generator<Buffer> {
    yield head;
    for (let sent = 0; sent < total; sent += chunk.length) {
      yield chunk;
    }
    yield tail;
  }
  const length = head.length + total + tail.length;
  const url = new URL(emu.url);
  const baseline = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers));
  };

  // A raw socket, like the Python client: it keeps sending the whole body whatever the server answers
  // (Node's own http client stops writing once it has a complete response).
  const result = await new Promise<{ status: number; text: string; sentAtAnswer: number; sentTotal: number }>(
    (resolve, reject) => {
      let sent = 0;
      let sentAtAnswer = -1;
      let answer = "";
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${base}/images HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${key}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${length}\r\n\r\n`,
        );
        const parts = body();
        const pump = (): void => {
          for (;;) {
            const next = parts.next();
            if (next.done) {
              // Everything sent: wait for the answer to be complete, then hang up.
              const finish = () => {
                if (/\r\n\r\n[\s\S]*\}$/.test(answer)) {
                  socket.end();
                  const [head = "", text = ""] = answer.split("\r\n\r\n");
                  resolve({ status: Number(head.split(" ")[1]), text, sentAtAnswer, sentTotal: sent });
                } else {
                  socket.once("data", finish);
                }
              };
              finish();
              return;
            }
            sent += next.value.length;
            if (sent % (4 * 1024 * 1024) < chunk.length) {
              sample();
            }
            if (!socket.write(next.value)) {
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
        answer += data.toString("utf8");
      });
      socket.on("error", reject);
    },
  );
  sample();

  expect(result.status).toBe(413);
  expect(JSON.parse(result.text)).toEqual({ detail: "Artifact exceeds the maximum size of 10 MB" });
  // Answered while the client was still sending, long before the end of the upload...
  expect(result.sentAtAnswer).toBeGreaterThan(0);
  expect(result.sentAtAnswer).toBeLessThan(total / 2);
  // ...the whole upload went through the server anyway (it is drained, not buffered)...
  expect(result.sentTotal).toBe(length);
  // ...and memory grew by far less than the 200 MB that went through.

  expect(peak).toBeLessThan(64 * 1024 * 1024);
  expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
});
