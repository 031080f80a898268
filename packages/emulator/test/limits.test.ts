import { expect, it } from "vitest";
import { base, call, form, key, makeZip, start } from "./helpers.js";
import { rawUpload } from "./support/raw-upload.js";

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

it("answers a 1 GB upload 413 while it streams, then closes the connection, buffering nothing", async () => {
  const emu = await start({ maxArtifactMb: 10 });
  const total = 1024 * 1024 * 1024;
  const boundary = "0123456789abcdef0123456789abcdef";
  const baseline = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers));
  };
  const result = await rawUpload(
    emu,
    {
      method: "POST",
      path: `${base}/images`,
      headers: { Authorization: key, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      head: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="artifact"; filename="artifact.zip"\r\n` +
          "Content-Type: application/zip\r\n\r\n",
      ),
      size: total,
      tail: Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nhuge\r\n--${boundary}--\r\n`,
      ),
    },
    sample,
  );
  sample();

  expect(result.status).toBe(413);
  expect(JSON.parse(result.text)).toEqual({ detail: "Artifact exceeds the maximum size of 10 MB" });
  // Answered while the client was still sending, long before the end of the upload...
  expect(result.sentAtAnswer).toBeGreaterThan(0);
  expect(result.sentAtAnswer).toBeLessThan(total / 10);
  // ...saying the connection ends there, which it then did: the rest of the gigabyte was never taken in...
  expect(result.headers.connection).toBe("close");
  expect(result.cutShort).toBe(true);
  // ...and memory grew by far less than what went through.
  expect(peak).toBeLessThan(64 * 1024 * 1024);
  expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
});
