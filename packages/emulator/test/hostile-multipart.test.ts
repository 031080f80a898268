import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { base, call, key, raw, sampleZip, start } from "./helpers.js";

const boundary = "B";
const head = (name: string, file?: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file === undefined ? "" : `; filename="${file}"`}\r\n\r\n`;
const whole = `${head("name")}x\r\n${head("type")}workflow\r\n${head("artifact", "a.zip")}`;

async function post(emu: Awaited<ReturnType<typeof start>>, body: Buffer | string, contentType?: string) {
  return raw(emu, {
    method: "POST",
    path: `${base}/images`,
    headers: {
      Authorization: key,
      "Content-Type": contentType ?? `multipart/form-data; boundary=${boundary}`,
      "Content-Length": String(Buffer.byteLength(body)),
    },
    body,
  });
}

async function healthy(emu: Awaited<ReturnType<typeof start>>): Promise<void> {
  expect((await call(emu, "GET", "/_emulator/health", { auth: null })).body).toEqual({ status: "ok" });
}

describe("malformed multipart bodies answer 400 and the emulator lives on", () => {
  const cases: [string, Buffer | string][] = [
    ["ending inside the artifact part", `${head("artifact", "a.zip")}PK`],
    ["ending inside the artifact part, after the text fields", Buffer.concat([Buffer.from(whole), sampleZip()])],
    ["ending inside a text field", `${head("name")}half a na`],
    ["ending inside a part's headers", `--${boundary}\r\nContent-Disposition: form-da`],
    ["ending right after a boundary", `--${boundary}`],
    ["ending inside a file part sent for a text field", `${head("name", "n.txt")}some text`],
    ["ending inside a second file part", `${head("artifact", "a.zip")}PK\r\n${head("artifact", "b.zip")}PK`],
    ["without any boundary", "just some bytes\r\n"],
    ["with a part without headers", `--${boundary}\r\n\r\nbody\r\n--${boundary}--\r\n`],
    ["empty", ""],
  ];
  for (const [what, body] of cases) {
    it(what, async () => {
      const emu = await start();
      const answer = await post(emu, body);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).detail).toMatch(/^body/);
      await healthy(emu);
      expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
    });
  }

  it("with text fields of more than 2 MiB in all (each under the 1 MiB field limit)", async () => {
    const emu = await start();
    const big = "x".repeat(900 * 1024);
    const answer = await post(
      emu,
      `${head("description")}${big}\r\n${head("name")}${big}\r\n${head("zz")}${big}\r\n--B--\r\n`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).detail).toBe("body: text fields longer than 2097152 bytes in all");
  });

  it("with a boundary that is not in the body, or no boundary at all", async () => {
    const emu = await start();
    expect((await post(emu, whole, "multipart/form-data; boundary=other")).status).toBe(400);
    expect((await post(emu, whole, "multipart/form-data; charset=utf-8")).status).toBe(400);
    expect((await post(emu, whole, "multipart/form-data")).status).toBe(400);
    await healthy(emu);
  });

  it("a client that hangs up in the middle of an upload", async () => {
    const emu = await start();
    const url = new URL(emu.url);
    for (const cut of [10, whole.length, whole.length + 100]) {
      const socket = connect(Number(url.port), url.hostname);
      await new Promise<void>((resolve) => socket.on("connect", resolve));
      socket.on("error", () => undefined);
      const body = Buffer.concat([Buffer.from(whole), sampleZip()]).subarray(0, cut);
      socket.write(
        `POST ${base}/images HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${key}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 100000\r\n\r\n`,
      );
      socket.write(body);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
    }
    await healthy(emu);
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
  });
});
