import { describe, expect, it } from "vitest";
import { base, call, createImage, key, raw, start } from "./helpers.js";

describe("CORS", () => {
  it("answers preflights without a key and allows Authorization", async () => {
    const emu = await start();
    const answer = await raw(emu, {
      method: "OPTIONS",
      path: `${base}/images`,
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(answer.headers["access-control-allow-headers"]).toMatch(/authorization/i);
    expect(answer.headers["access-control-allow-methods"]).toContain("PATCH");
  });

  it("adds CORS headers to answers, errors included", async () => {
    const emu = await start({ corsOrigins: ["http://app.test"] });
    const ok = await call(emu, "GET", "/images", { headers: { Origin: "http://app.test" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://app.test");
    expect(ok.headers.get("access-control-expose-headers")).toContain("Retry-After");
    const denied = await call(emu, "GET", "/images", { auth: null, headers: { Origin: "http://app.test" } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe("http://app.test");
  });
});

describe("routing", () => {
  it("answers 404 outside the API and for unknown paths, 405 for unknown methods", async () => {
    const emu = await start();
    const outside = await call(emu, "GET", "/_nothing");
    expect(outside.status).toBe(404);
    const unknown = await call(emu, "GET", "/imagez");
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain("No route");
    const wrong = await call(emu, "PUT", "/images/1");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, DELETE, OPTIONS");
    const health = await call(emu, "GET", "/_emulator/health", { auth: null });
    expect(health.body).toEqual({ status: "ok" });
  });
});

describe("requests() and reset()", () => {
  it("records method, path, query, headers (redacted) and multipart field names", async () => {
    const emu = await start();
    await call(emu, "GET", "/images", { query: { status: ["ready", "in-use"], pageSize: 5 } });
    await createImage(emu);
    const [list, create] = emu.requests();
    expect(list).toMatchObject({
      method: "GET",
      path: `${base}/images`,
      query: { status: ["ready", "in-use"], pageSize: "5" },
      operationId: "listImages",
      status: 200,
      fields: [],
    });
    expect(list?.headers.authorization).toBe("[REDACTED]");
    expect(create).toMatchObject({ method: "POST", fields: ["name", "type", "artifact"], status: 201 });
    expect(JSON.stringify(emu.requests())).not.toContain(key);
    // A copy: changing it changes nothing inside the emulator.
    emu.requests().pop();
    expect(emu.requests()).toHaveLength(2);
  });

  it("keeps each recorded header and query value to 1,024 characters, so the log stays bounded", async () => {
    const emu = await start();
    const long = "v".repeat(6000);
    await call(emu, "GET", "/images", { query: { searchTerm: long }, headers: { "X-Long": long } });
    const [recorded] = emu.requests();
    expect(recorded?.headers["x-long"]).toBe(`${"v".repeat(1024)}...[4976 more characters]`);
    expect(recorded?.query.searchTerm).toBe(`${"v".repeat(1024)}...[4976 more characters]`);
  });

  it("reset() empties the state, restarts ids and forgets requests; seeded images come back", async () => {
    const emu = await start({ seedImages: 2 });
    await createImage(emu);
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(3);
    emu.reset();
    expect(emu.requests()).toEqual([]);
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(2);
    const again = await createImage(emu);
    expect(again.imageId).toBe(3);
  });

  it("stop() is idempotent and the port is released", async () => {
    const emu = await start();
    await emu.stop();
    await emu.stop();
    await expect(fetch(`${emu.url}${base}/images`)).rejects.toThrow();
  });
});

describe("seeded images", () => {
  it("are the same for the same count", async () => {
    const a = await start({ seedImages: 30 });
    const b = await start({ seedImages: 30 });
    const strip = (body: { images: Record<string, unknown>[] }) =>
      JSON.stringify(body.images).replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"T"');
    const pageA = await call(a, "GET", "/images", { query: { pageSize: 30 } });
    const pageB = await call(b, "GET", "/images", { query: { pageSize: 30 } });
    expect(strip(pageA.body)).toBe(strip(pageB.body));
    expect(pageA.body.images[29]).toMatchObject({ id: 1, name: "seed-image-00001" });
  });
});
