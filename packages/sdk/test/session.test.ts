import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  getClient,
  getDefaultSession,
  ImageClient,
  MissingCredentialsError,
  Session,
  TimeoutError,
  ValidationError,
  VERSION,
} from "../src/index.js";
import { json, KEY, recorder } from "./helpers.js";

beforeEach(() => {
  for (const name of ["PEAK_API_KEY", "API_KEY", "PEAK_BASE_URL", "STAGE"]) {
    vi.stubEnv(name, "");
  }
});
afterEach(() => vi.unstubAllEnvs());

describe("Session and getClient", () => {
  it("resolves the stage's URL as core does", () => {
    expect(new Session({ apiKey: "k" }).baseUrl).toBe("https://service.peak.ai/image-management/api/v2");
    expect(new Session({ apiKey: "k", stage: "latest" }).baseUrl).toBe(
      "https://service.dev.peak.ai/image-management/api/v2",
    );
    vi.stubEnv("STAGE", "test");
    expect(new Session({ apiKey: "k" }).baseUrl).toBe("https://service.test.peak.ai/image-management/api/v2");
    vi.stubEnv("PEAK_BASE_URL", "http://127.0.0.1:4010/");
    expect(new Session({ apiKey: "k" }).baseUrl).toBe("http://127.0.0.1:4010/image-management/api/v2");
  });

  it("fails when no key is set, naming the variables, and on a malformed base URL", () => {
    expect(() => new Session()).toThrow(MissingCredentialsError);
    expect(() => new Session()).toThrow("PEAK_API_KEY, API_KEY");
    expect(() => new Session({ apiKey: "k", baseUrl: "not a url" })).toThrow(ValidationError);
  });

  it("getClient() without a session uses one default session, created on first use from the environment", async () => {
    const server = await recorder((_req, res) => json(res, 200, { id: 1 }));
    vi.stubEnv("API_KEY", "from-python-variable");
    vi.stubEnv("PEAK_BASE_URL", server.url);
    const first = getClient();
    const second = getClient();
    expect(first).toBeInstanceOf(ImageClient);
    expect(first.session).toBe(second.session);
    expect(first.session).toBe(getDefaultSession());
    await first.describeImage(1);
    expect(server.seen[0]?.headers.authorization).toBe("from-python-variable");
  });

  it("a client can be made from a session or from session options; api is core's typed client", async () => {
    const server = await recorder((_req, res) => json(res, 200, { id: 3 }));
    const session = new Session({ baseUrl: server.url, apiKey: KEY, userAgent: "my-tool/2.0" });
    const client = new ImageClient(session);
    expect(client.session).toBe(session);
    const { data } = await client.api.GET("/images/{imageId}", { params: { path: { imageId: 3 } } });
    expect(data).toEqual({ id: 3 });
    expect(server.seen[0]?.headers["user-agent"]).toMatch(/^my-tool\/2\.0 @peak-images\/sdk\//);
    expect(getClient({ baseUrl: server.url, apiKey: KEY }).session).not.toBe(session);
  });

  it("VERSION is the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

describe("timeouts", () => {
  it("uploads have their own, longer per-attempt timeout", async () => {
    const server = await recorder((req, res) => {
      // Answers everything after 300 ms.
      setTimeout(
        () => json(res, 200, req.method === "GET" ? { id: 1 } : { imageId: 1, versionId: 1, buildId: 1 }),
        300,
      );
    });
    const client = getClient({ baseUrl: server.url, apiKey: KEY, timeout: 100, uploadTimeout: 5_000, maxRetries: 0 });
    await expect(client.describeImage(1)).rejects.toBeInstanceOf(TimeoutError);
    await expect(
      client.createImage({ name: "a", type: "api", buildDetails: { source: "dockerfile", dockerfile: "FROM a" } }),
    ).resolves.toEqual({ imageId: 1, versionId: 1, buildId: 1 });
  });
});
