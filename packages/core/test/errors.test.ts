import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  BadRequestError,
  ConflictError,
  createImagesApi,
  ForbiddenError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PeakError,
  RateLimitError,
  UnauthorizedError,
  UnprocessableEntityError,
} from "../src/index.js";
import { type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type BodyKind = "json" | "text" | "empty-length" | "empty-chunked";

function answer(res: ServerResponse, status: number, kind: BodyKind): void {
  const headers = { "x-request-id": "req-42" };
  switch (kind) {
    case "json": {
      const text = JSON.stringify({ detail: `detail for ${status}` });
      res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": text.length });
      res.end(text);
      return;
    }
    case "text":
      res.writeHead(status, { ...headers, "content-type": "text/plain", "content-length": 14 });
      res.end("plain failure!");
      return;
    case "empty-length":
      res.writeHead(status, { ...headers, "content-length": 0 });
      res.end();
      return;
    case "empty-chunked":
      res.writeHead(status, { ...headers, "content-type": "application/json", "transfer-encoding": "chunked" });
      res.end();
      return;
  }
}

const STATUSES: Array<[number, new (...args: never[]) => ApiError]> = [
  [400, BadRequestError],
  [401, UnauthorizedError],
  [403, ForbiddenError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, PayloadTooLargeError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [502, InternalServerError],
  [503, InternalServerError],
  [504, InternalServerError],
  [405, ApiError],
  [418, ApiError],
];
const KINDS: BodyKind[] = ["json", "text", "empty-length", "empty-chunked"];
const CASES = STATUSES.flatMap(([status, ErrorClass]) => KINDS.map((kind) => ({ status, ErrorClass, kind })));

describe("each status maps to its error class", () => {
  it.each(CASES)("$status with a $kind body → $ErrorClass.name", async ({ status, ErrorClass, kind }) => {
    server = await scriptedServer((_req, res) => answer(res, status, kind));
    // POST is never retried, so every status is answered exactly once.
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const error = await api
      .POST("/images", { body: { name: "x", type: "api" } })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PeakError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.name).toBe(ErrorClass.name);
    expect(apiError.requestId).toBe("req-42");
    expect(apiError.method).toBe("POST");
    expect(apiError.url).toBe(`${server.url}/image-management/api/v2/images`);
    if (kind === "json") {
      expect(apiError.body).toEqual({ detail: `detail for ${status}` });
      expect(apiError.message).toBe(`detail for ${status}`);
    } else if (kind === "text") {
      expect(apiError.body).toBe("plain failure!");
      expect(apiError.message).toBe("plain failure!");
    } else {
      expect(apiError.body).toBeUndefined();
      expect(apiError.message).toBe(`HTTP ${status} with an empty body`);
    }
    expect(server.seen).toHaveLength(1);
  });
});

describe("error details", () => {
  it("a 413 carries the server's detail as its message", async () => {
    server = await scriptedServer((_req, res) => {
      const text = JSON.stringify({ detail: "Artifact exceeds the maximum size of 10 MB" });
      res.writeHead(413, { "content-type": "application/json", "content-length": text.length });
      res.end(text);
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const error = await api.POST("/images", { body: { name: "x", type: "api" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).message).toBe("Artifact exceeds the maximum size of 10 MB");
  });

  it("a 429 exposes the Retry-After the service asked for", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(429, { "retry-after": "7", "content-length": 0 });
      res.end();
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", maxRetries: 0 });
    const error = (await api.GET("/images").catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7000);
  });

  it("a FastAPI-style detail list becomes a readable message", async () => {
    server = await scriptedServer((_req, res) => {
      const text = JSON.stringify({ detail: [{ loc: ["query", "pageSize"], msg: "must be <= 100" }] });
      res.writeHead(422, { "content-type": "application/json", "content-length": text.length });
      res.end(text);
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    await expect(api.GET("/images")).rejects.toThrow("must be <= 100");
  });

  it("a 204 resolves with undefined data", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const { data, error } = await api.DELETE("/images/{imageId}", { params: { path: { imageId: 1 } } });
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });
});
