import { afterEach, describe, expect, it } from "vitest";
import {
  BadRequestError,
  ConnectionError,
  createImagesApi,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "../src/index.js";
import { DEFAULT_RETRY, retryDelayMs } from "../src/retry.js";
import { EMPTY_IMAGE_PAGE, json, type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Collects the delays the client announced before each retry. */
function delayLogger() {
  const delays: number[] = [];
  return {
    delays,
    logger: {
      debug(message: string) {
        const match = /^retrying .* in (\d+) ms$/.exec(message);
        if (match) {
          delays.push(Number(match[1]));
        }
      },
    },
  };
}

function fastApi(url: string, extra: Parameters<typeof createImagesApi>[0] = {}) {
  return createImagesApi({ baseUrl: url, apiKey: "k", backoff: { baseDelayMs: 1, maxDelayMs: 4 }, ...extra });
}

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])(
    "a GET answered %i every time is tried 4 times (3 retries)",
    async (status) => {
      server = await scriptedServer((_req, res) => json(res, status, { detail: "nope" }));
      const error = await fastApi(server.url)
        .GET("/images")
        .catch((e: unknown) => e);
      expect(server.seen).toHaveLength(4);
      expect((error as { status: number }).status).toBe(status);
      if (status === 429) {
        expect(error).toBeInstanceOf(RateLimitError);
      } else if (status >= 500) {
        expect(error).toBeInstanceOf(InternalServerError);
      }
    },
  );

  it("a GET that fails twice then succeeds resolves with the data", async () => {
    server = await scriptedServer((_req, res, i) =>
      i < 2 ? json(res, 503, { detail: "busy" }) : json(res, 200, EMPTY_IMAGE_PAGE),
    );
    const { data } = await fastApi(server.url).GET("/images");
    expect(data).toEqual(EMPTY_IMAGE_PAGE);
    expect(server.seen).toHaveLength(3);
  });

  it("DELETE is retried like GET", async () => {
    server = await scriptedServer((_req, res, i) => (i === 0 ? json(res, 502, { detail: "x" }) : json(res, 200, {})));
    const { data } = await fastApi(server.url).DELETE("/images/{imageId}", { params: { path: { imageId: 3 } } });
    expect(data).toEqual({});
    expect(server.seen.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  it.each(["POST", "PATCH"] as const)("%s is never retried, so an upload body is never replayed", async (method) => {
    server = await scriptedServer((_req, res) => json(res, 503, { detail: "busy" }));
    const api = fastApi(server.url);
    const call =
      method === "POST"
        ? api.POST("/images", { body: { name: "n", type: "api" } })
        : api.PATCH("/images/{imageId}/versions/{versionId}", {
            params: { path: { imageId: 1, versionId: 2 } },
            body: { description: "d" },
          });
    await expect(call).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(1);
  });

  it.each([
    [400, BadRequestError],
    [404, NotFoundError],
  ])("a GET answered %i is not retried", async (status, ErrorClass) => {
    server = await scriptedServer((_req, res) => json(res, status, { detail: "no" }));
    await expect(fastApi(server.url).GET("/images")).rejects.toBeInstanceOf(ErrorClass);
    expect(server.seen).toHaveLength(1);
  });

  it("maxRetries: 0 sends exactly one attempt", async () => {
    server = await scriptedServer((_req, res) => json(res, 500, { detail: "x" }));
    await expect(fastApi(server.url, { maxRetries: 0 }).GET("/images")).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("a connection dropped mid-response is retried, then surfaces as ConnectionError", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
      res.write('{"imageCount":');
      res.socket?.destroy();
    });
    const error = await fastApi(server.url)
      .GET("/images")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.seen).toHaveLength(4);
  });

  it("a refused connection is a ConnectionError naming the request", async () => {
    server = await scriptedServer((_req, res) => json(res, 200, {}));
    const url = server.url;
    await server.close();
    server = undefined;
    const error = await fastApi(url, { maxRetries: 1 })
      .GET("/images")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(`GET ${url}/image-management/api/v2/images failed`);
  });
});

describe("backoff", () => {
  it("honours Retry-After in seconds", async () => {
    server = await scriptedServer((_req, res, i) =>
      i === 0 ? json(res, 429, { detail: "slow down" }, { "retry-after": "1" }) : json(res, 200, EMPTY_IMAGE_PAGE),
    );
    const { delays, logger } = delayLogger();
    await fastApi(server.url, { logger }).GET("/images");
    expect(delays).toEqual([1000]);
  });

  it("honours retry-after-ms and an HTTP-date Retry-After", async () => {
    const headers = new Headers({ "retry-after-ms": "250" });
    expect(retryDelayMs(0, DEFAULT_RETRY, headers)).toBe(250);
    const date = new Headers({ "retry-after": new Date(Date.now() + 5000).toUTCString() });
    const delay = retryDelayMs(0, DEFAULT_RETRY, date);
    expect(delay).toBeGreaterThan(3000);
    expect(delay).toBeLessThanOrEqual(5000);
  });

  it("gives up at once, with the server's value in the error, when Retry-After is over the 60 s cap", async () => {
    server = await scriptedServer((_req, res) => json(res, 429, { detail: "slow down" }, { "retry-after": "120" }));
    const started = Date.now();
    const error = await createImagesApi({ baseUrl: server.url, apiKey: "k" })
      .GET("/images")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as Error).message).toContain("slow down");
    expect((error as Error).message).toContain("retry after 120 s, longer than the 60 s this client waits");
    expect(server.seen).toHaveLength(1);
    // It did not sleep first: the 60 s cap was not waited out either.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("a Retry-After within a raised cap is waited for", async () => {
    server = await scriptedServer((_req, res, i) =>
      i === 0 ? json(res, 503, { detail: "busy" }, { "retry-after": "120" }) : json(res, 200, EMPTY_IMAGE_PAGE),
    );
    const { delays, logger } = delayLogger();
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", logger, backoff: { maxRetryAfterMs: 200_000 } });
    const controller = new AbortController();
    const call = api.GET("/images", { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delays).toEqual([120_000]);
    controller.abort();
    expect(await call).toBeInstanceOf(Error);
  });

  it("doubles each step, with jitter between half and the whole step, up to the cap", () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4].map((n) => retryDelayMs(n, options, undefined, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([0, 1, 2, 3, 4].map((n) => retryDelayMs(n, options, undefined, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });

  it("announces growing delays between attempts", async () => {
    server = await scriptedServer((_req, res) => json(res, 503, { detail: "x" }));
    const { delays, logger } = delayLogger();
    await fastApi(server.url, { logger, backoff: { baseDelayMs: 20, maxDelayMs: 1000 } })
      .GET("/images")
      .catch(() => undefined);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    expect(delays[0]).toBeLessThanOrEqual(20);
    expect(delays[1]).toBeGreaterThanOrEqual(20);
    expect(delays[1]).toBeLessThanOrEqual(40);
    expect(delays[2]).toBeGreaterThanOrEqual(40);
    expect(delays[2]).toBeLessThanOrEqual(80);
  });
});
