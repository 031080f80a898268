import { afterEach, describe, expect, it } from "vitest";
import { AbortError, createImagesApi, TimeoutError } from "../src/index.js";
import { EMPTY_IMAGE_PAGE, json, type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("timeouts", () => {
  it("an attempt with no answer fails with TimeoutError after the timeout, and is not repeated", async () => {
    server = await scriptedServer(() => {
      /* never answers */
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", timeout: 300 });
    const error = await api.GET("/images").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(300);
    expect((error as Error).message).toContain("timed out after 300 ms");
    expect(server.seen).toHaveLength(1);
  });

  it("the timeout also covers a body that stalls after the headers", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 100 });
      res.write("{");
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", timeout: 80 });
    await expect(api.GET("/images")).rejects.toBeInstanceOf(TimeoutError);
  });

  it("answers within the timeout succeed", async () => {
    server = await scriptedServer((_req, res) => setTimeout(() => json(res, 200, EMPTY_IMAGE_PAGE), 20));
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", timeout: 2000 });
    const { data } = await api.GET("/images");
    expect(data).toEqual(EMPTY_IMAGE_PAGE);
  });
});

describe("abort", () => {
  it("an already aborted signal fails with AbortError before sending", async () => {
    server = await scriptedServer((_req, res) => json(res, 200, EMPTY_IMAGE_PAGE));
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    await expect(api.GET("/images", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(0);
  });

  it("a client-level signal aborts the client's requests", async () => {
    server = await scriptedServer((_req, res) => json(res, 200, EMPTY_IMAGE_PAGE));
    const controller = new AbortController();
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", signal: controller.signal });
    await api.GET("/images");
    controller.abort();
    await expect(api.GET("/images")).rejects.toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(1);
  });

  it("aborting while waiting for the answer fails with AbortError", async () => {
    server = await scriptedServer(() => {
      /* never answers */
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const controller = new AbortController();
    const pending = api.GET("/images", { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it("aborting during a retry backoff stops at once, without further attempts", async () => {
    server = await scriptedServer((_req, res) => json(res, 503, { detail: "busy" }, { "retry-after": "30" }));
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const controller = new AbortController();
    const pending = api.GET("/images", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user pressed Ctrl-C")), 100);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toContain("user pressed Ctrl-C");
    expect(server.seen).toHaveLength(1);
  });
});
