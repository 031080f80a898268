import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createImagesApi, MissingCredentialsError, resolveBaseUrl, ValidationError } from "../src/index.js";

beforeEach(() => {
  for (const name of ["PEAK_API_KEY", "API_KEY", "PEAK_BASE_URL", "STAGE"]) {
    vi.stubEnv(name, "");
  }
});
afterEach(() => vi.unstubAllEnvs());

async function urlOf(options: Parameters<typeof createImagesApi>[0]): Promise<string> {
  let seen = "";
  const api = createImagesApi({
    apiKey: "k",
    ...options,
    fetch: async (request) => {
      seen = request.url;
      return new Response("{}", { headers: { "content-type": "application/json" } });
    },
  });
  await api.GET("/images/{imageId}", { params: { path: { imageId: 1 } } });
  return seen;
}

describe("base URL", () => {
  it.each([
    { name: "prod by default", options: {}, env: {}, want: "https://service.peak.ai" },
    { name: "stage prod", options: { stage: "prod" }, env: {}, want: "https://service.peak.ai" },
    { name: "stage latest maps to dev", options: { stage: "latest" }, env: {}, want: "https://service.dev.peak.ai" },
    { name: "stage test", options: { stage: "test" }, env: {}, want: "https://service.test.peak.ai" },
    { name: "stage from STAGE", options: {}, env: { STAGE: "beta" }, want: "https://service.beta.peak.ai" },
    {
      name: "stage option beats STAGE",
      options: { stage: "test" },
      env: { STAGE: "beta" },
      want: "https://service.test.peak.ai",
    },
    {
      name: "PEAK_BASE_URL replaces the root",
      options: {},
      env: { PEAK_BASE_URL: "http://127.0.0.1:4010" },
      want: "http://127.0.0.1:4010",
    },
    {
      name: "baseUrl option beats PEAK_BASE_URL and stage",
      options: { baseUrl: "http://localhost:1234/", stage: "test" },
      env: { PEAK_BASE_URL: "http://127.0.0.1:4010" },
      want: "http://localhost:1234",
    },
    {
      name: "a baseUrl that already ends with the API path is not doubled",
      options: { baseUrl: "http://127.0.0.1:4010/image-management/api/v2/" },
      env: {},
      want: "http://127.0.0.1:4010",
    },
    {
      name: "a baseUrl with a path prefix keeps it",
      options: { baseUrl: "https://proxy.example.com/peak" },
      env: {},
      want: "https://proxy.example.com/peak",
    },
  ])("$name", async ({ options, env, want }) => {
    for (const [name, value] of Object.entries(env)) {
      vi.stubEnv(name, value);
    }
    expect(await urlOf(options)).toBe(`${want}/image-management/api/v2/images/1`);
  });

  it.each([
    ["not a URL", { baseUrl: "localhost:4010" }, "baseUrl"],
    ["not http", { baseUrl: "ftp://example.com" }, "baseUrl"],
    ["a stage with a dot", { stage: "evil.com/x" }, "stage"],
  ])("rejects %s with a ValidationError", (_label, options, path) => {
    const error = (() => {
      try {
        resolveBaseUrl(options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe(path);
  });
});

describe("credentials", () => {
  it("without any key, creating the client throws MissingCredentialsError naming the variables", () => {
    expect(() => createImagesApi({ baseUrl: "http://127.0.0.1:1" })).toThrow(MissingCredentialsError);
    expect(() => createImagesApi({ baseUrl: "http://127.0.0.1:1" })).toThrow(/PEAK_API_KEY, API_KEY/);
  });

  it("an empty or blank key counts as missing", () => {
    vi.stubEnv("API_KEY", "   ");
    expect(() => createImagesApi({ apiKey: "" })).toThrow(MissingCredentialsError);
  });

  it("rejects a negative timeout or retry count", () => {
    expect(() => createImagesApi({ apiKey: "k", timeout: -1 })).toThrow(RangeError);
    expect(() => createImagesApi({ apiKey: "k", maxRetries: Number.NaN })).toThrow(RangeError);
  });
});
