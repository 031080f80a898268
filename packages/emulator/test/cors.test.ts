import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli.js";
import { OptionError } from "../src/options.js";
import { base, call, createImage, raw, start } from "./helpers.js";

const preflight = (origin: string) => ({
  Origin: origin,
  "Access-Control-Request-Method": "POST",
  "Access-Control-Request-Headers": "authorization, content-type",
});

const loopback = [
  "http://localhost",
  "http://localhost:5173",
  "https://localhost:8443",
  "http://127.0.0.1:3000",
  "https://127.0.0.1",
  "http://[::1]:8080",
];
const foreign = [
  "null",
  "http://app.test",
  "https://example.com",
  "http://localhost.evil.test",
  "http://127.0.0.1.nip.io",
  "http://evil.test#http://localhost",
  "http://localhost:5173/path",
  "file://",
  "http://[::2]:8080",
];

describe("CORS admits loopback origins by default", () => {
  it("answers their preflights and requests with CORS headers", async () => {
    const emu = await start();
    for (const origin of loopback) {
      const answer = await raw(emu, { method: "OPTIONS", path: `${base}/images`, headers: preflight(origin) });
      expect(answer.status, origin).toBe(204);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      const listed = await call(emu, "GET", "/images", { headers: { Origin: origin } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("refuses other origins (null included) with 403 and no CORS headers, before reading or changing anything", async () => {
    const emu = await start();
    await createImage(emu);
    for (const origin of foreign) {
      const answer = await raw(emu, { method: "OPTIONS", path: `${base}/images`, headers: preflight(origin) });
      expect(answer.status, origin).toBe(403);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
      const deleted = await call(emu, "DELETE", "/images/1", { headers: { Origin: origin } });
      expect(deleted.status, origin).toBe(403);
      expect(deleted.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect((await call(emu, "GET", "/images/1")).status).toBe(200);
  });

  it("admits the origins named by corsOrigins, exactly", async () => {
    const emu = await start({ corsOrigins: ["https://app.example:8443", "http://app.test"] });
    for (const origin of ["https://app.example:8443", "http://app.test", "http://localhost:3000"]) {
      expect((await call(emu, "GET", "/images", { headers: { Origin: origin } })).status, origin).toBe(200);
    }
    for (const origin of ["https://app.example", "http://app.test:80", "http://APP.test"]) {
      expect((await call(emu, "GET", "/images", { headers: { Origin: origin } })).status, origin).toBe(403);
    }
  });

  it("answers only requests naming a loopback host when it listens on loopback (no DNS rebinding)", async () => {
    const emu = await start();
    const port = new URL(emu.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "LOCALHOST", `[::1]:${port}`]) {
      const answer = await raw(emu, { method: "GET", path: "/_emulator/health", headers: { Host: host } });
      expect(answer.status, host).toBe(200);
    }
    for (const host of [`evil.test:${port}`, "127.0.0.1.nip.io", "localhost.evil.test"]) {
      const answer = await raw(emu, { method: "GET", path: "/_emulator/health", headers: { Host: host } });
      expect(answer.status, host).toBe(403);
    }
  });
});

describe("a plain OPTIONS (no preflight headers)", () => {
  it("answers 204 with the path's Allow, which lists OPTIONS, and needs no key", async () => {
    const emu = await start();
    for (const [path, allow] of [
      ["/images", "GET, POST, OPTIONS"],
      ["/images/1", "GET, DELETE, OPTIONS"],
      ["/images/1/versions/2", "GET, PATCH, DELETE, OPTIONS"],
    ]) {
      const answer = await raw(emu, { method: "OPTIONS", path: `${base}${path}` });
      expect(answer.status, path).toBe(204);
      expect(answer.headers.allow).toBe(allow);
    }
    const wrong = await call(emu, "PUT", "/images/1");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, DELETE, OPTIONS");
    expect((await raw(emu, { method: "OPTIONS", path: `${base}/nowhere` })).status).toBe(404);
  });
});

describe("flags", () => {
  it("--cors-origin is repeatable and must be an origin", () => {
    expect(parseCliArgs(["--cors-origin", "http://a.test", "--cors-origin", "https://b.test:8443"])).toEqual({
      kind: "start",
      options: { port: 4010, corsOrigins: ["http://a.test", "https://b.test:8443"] },
    });
    for (const bad of ["null", "*", "http://a.test/", "a.test", "ftp://a.test", "http://a.test/path"]) {
      expect(() => parseCliArgs(["--cors-origin", bad]), bad).toThrow(OptionError);
    }
  });

  it("--max-artifact-mb must be more than 0", () => {
    for (const bad of ["0", "0.0", "-1", "0.0000001"]) {
      expect(() => parseCliArgs(["--max-artifact-mb", bad]), bad).toThrow(OptionError);
    }
    expect(parseCliArgs(["--max-artifact-mb", "0.5"])).toMatchObject({ options: { maxArtifactMb: 0.5 } });
  });

  it("timeouts and the connection cap have flags, checked like the others", () => {
    expect(
      parseCliArgs([
        "--request-timeout-ms",
        "20000",
        "--headers-timeout-ms",
        "5000",
        "--keep-alive-timeout-ms",
        "1000",
        "--max-connections",
        "16",
      ]),
    ).toMatchObject({
      options: { requestTimeoutMs: 20_000, headersTimeoutMs: 5000, keepAliveTimeoutMs: 1000, maxConnections: 16 },
    });
    for (const args of [
      ["--request-timeout-ms", "0"],
      ["--headers-timeout-ms", "20000", "--request-timeout-ms", "10000"],
      ["--max-connections", "0"],
      ["--keep-alive-timeout-ms", "1.5"],
      ["--api-key", " key"],
    ]) {
      expect(() => parseCliArgs(args), args.join(" ")).toThrow(OptionError);
    }
  });
});
