import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createImagesApi, VERSION } from "../src/index.js";
import { EMPTY_IMAGE_PAGE } from "./helpers.js";

const ROOT = "http://api.test";
const API = "/image-management/api/v2";

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  vi.stubEnv("PEAK_API_KEY", "");
  vi.stubEnv("API_KEY", "");
  vi.stubEnv("PEAK_BASE_URL", "");
  vi.stubEnv("STAGE", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

function api(options: Parameters<typeof createImagesApi>[0] = {}) {
  return createImagesApi({ baseUrl: ROOT, apiKey: "key-123", ...options });
}

/** Intercepts one GET and returns the exact path+query it was sent to. */
function captureGet(body: unknown = {}): Promise<string> {
  return new Promise((resolve) => {
    nock(ROOT)
      .get(() => true)
      .reply((uri) => {
        resolve(uri);
        return [200, body];
      });
  });
}

describe("query strings on the wire", () => {
  it.each([
    {
      name: "listImages with every filter: arrays as repeated keys",
      call: () =>
        api().GET("/images", {
          params: {
            query: {
              pageSize: 10,
              pageNumber: 2,
              searchTerm: "awesome image",
              status: ["ready", "in-use"],
              scope: ["custom"],
              lastBuildStatus: ["success", "failed"],
              tags: ["a", "b"],
            },
          },
        }),
      want: `${API}/images?pageSize=10&pageNumber=2&searchTerm=awesome%20image&status=ready&status=in-use&scope=custom&lastBuildStatus=success&lastBuildStatus=failed&tags=a&tags=b`,
    },
    {
      name: "undefined values and empty arrays are omitted",
      call: () =>
        api().GET("/images", {
          params: { query: { pageSize: undefined, status: [], searchTerm: "x", tags: undefined } },
        }),
      want: `${API}/images?searchTerm=x`,
    },
    {
      name: "no query at all",
      call: () => api().GET("/images"),
      want: `${API}/images`,
    },
    {
      name: "listImageVersions filters",
      call: () =>
        api().GET("/images/{imageId}/versions", {
          params: { path: { imageId: 101 }, query: { searchTerm: "0.0", status: ["not-ready"], tags: ["t"] } },
        }),
      want: `${API}/images/101/versions?searchTerm=0.0&status=not-ready&tags=t`,
    },
    {
      name: "listImageBuilds sends count=-1 when not given, like peak-sdk",
      call: () => api().GET("/images/{imageId}/builds", { params: { path: { imageId: 7 } } }),
      want: `${API}/images/7/builds?count=-1`,
    },
    {
      name: "listImageBuilds keeps an explicit count and repeats versions and buildStatus",
      call: () =>
        api().GET("/images/{imageId}/builds", {
          params: {
            path: { imageId: 7 },
            query: {
              count: 5,
              versions: [1, 2],
              buildStatus: ["building", "success"],
              dateFrom: "2026-01-01T00:00:00Z",
            },
          },
        }),
      want: `${API}/images/7/builds?count=5&versions=1&versions=2&buildStatus=building&buildStatus=success&dateFrom=2026-01-01T00%3A00%3A00Z`,
    },
    {
      name: "listImageBuilds with other filters still gets count=-1 appended",
      call: () =>
        api().GET("/images/{imageId}/builds", {
          params: { path: { imageId: 7 }, query: { pageSize: 5, buildStatus: ["failed"] } },
        }),
      want: `${API}/images/7/builds?pageSize=5&buildStatus=failed&count=-1`,
    },
    {
      name: "getBuildLogs nextToken is percent-encoded",
      call: () =>
        api().GET("/images/{imageId}/builds/{buildId}/logs", {
          params: { path: { imageId: 1, buildId: 2 }, query: { nextToken: "f/3724/s" } },
        }),
      want: `${API}/images/1/builds/2/logs?nextToken=f%2F3724%2Fs`,
    },
    {
      name: "downloadBuildLogs",
      call: () =>
        api().GET("/images/{imageId}/builds/{buildId}/logs/download", { params: { path: { imageId: 1, buildId: 2 } } }),
      want: `${API}/images/1/builds/2/logs/download`,
    },
    {
      name: "numeric-string ids are accepted as ids",
      call: () => api().GET("/images/{imageId}", { params: { path: { imageId: "42" as unknown as number } } }),
      want: `${API}/images/42`,
    },
  ])("$name", async ({ call, want }) => {
    const seen = captureGet(EMPTY_IMAGE_PAGE);
    await call();
    expect(await seen).toBe(want);
  });

  it("deleteVersions sends versionIds as repeated keys", async () => {
    const scope = nock(ROOT).delete(`${API}/images/5/versions?versionIds=11&versionIds=12`).reply(200, {});
    const { data } = await api().DELETE("/images/{imageId}/versions", {
      params: { path: { imageId: 5 }, query: { versionIds: [11, 12] } },
    });
    expect(data).toEqual({});
    expect(scope.isDone()).toBe(true);
  });
});

describe("headers", () => {
  it("sends the API key verbatim, without a Bearer prefix", async () => {
    nock(ROOT, { reqheaders: { authorization: "secret-key-value" } })
      .get(`${API}/images`)
      .reply(200, EMPTY_IMAGE_PAGE);
    await api({ apiKey: "secret-key-value" }).GET("/images");
  });

  it.each([
    { name: "the apiKey option wins over both variables", option: "opt", peak: "peak", legacy: "legacy", want: "opt" },
    { name: "PEAK_API_KEY wins over API_KEY", option: undefined, peak: "peak", legacy: "legacy", want: "peak" },
    {
      name: "API_KEY (the Python SDK's variable) is used last",
      option: undefined,
      peak: "",
      legacy: "legacy",
      want: "legacy",
    },
  ])("$name", async ({ option, peak, legacy, want }) => {
    vi.stubEnv("PEAK_API_KEY", peak);
    vi.stubEnv("API_KEY", legacy);
    nock(ROOT, { reqheaders: { authorization: want } })
      .get(`${API}/images`)
      .reply(200, EMPTY_IMAGE_PAGE);
    await createImagesApi({ baseUrl: ROOT, apiKey: option }).GET("/images");
  });

  it("calls an apiKey function for each request", async () => {
    let n = 0;
    const client = api({ apiKey: () => `token-${++n}` });
    nock(ROOT, { reqheaders: { authorization: "token-1" } })
      .get(`${API}/images`)
      .reply(200, EMPTY_IMAGE_PAGE);
    nock(ROOT, { reqheaders: { authorization: "token-2" } })
      .get(`${API}/images`)
      .reply(200, EMPTY_IMAGE_PAGE);
    await client.GET("/images");
    await client.GET("/images");
  });

  it("names the package and version in the User-Agent, after the caller's product token", async () => {
    let userAgent = "";
    nock(ROOT)
      .get(`${API}/images`)
      .reply(function () {
        userAgent = String(this.req.headers["user-agent"]);
        return [200, EMPTY_IMAGE_PAGE];
      });
    await api({ userAgent: "my-app/1.0" }).GET("/images");
    expect(userAgent).toMatch(new RegExp(`^my-app/1\\.0 @peak-images/core/${VERSION.replace(/\./g, "\\.")} node/`));
  });

  it("sends extra headers from the headers option", async () => {
    nock(ROOT, { reqheaders: { "x-tenant": "acme" } })
      .get(`${API}/images`)
      .reply(200, EMPTY_IMAGE_PAGE);
    await api({ headers: { "x-tenant": "acme" } }).GET("/images");
  });

  it("looks fetch up on every call, so a mock installed after creating the client still applies", async () => {
    const client = api();
    nock(ROOT)
      .get(`${API}/images`)
      .reply(200, { ...EMPTY_IMAGE_PAGE, imageCount: 3 });
    const { data } = await client.GET("/images");
    expect(data?.imageCount).toBe(3);
  });
});

describe("multipart bodies", () => {
  it("sends create-image as multipart: artifact part first, JSON text for objects, strings as-is, nulls dropped", async () => {
    let contentType = "";
    let raw = "";
    nock(ROOT)
      .post(`${API}/images`)
      .reply(function (_uri, body) {
        contentType = String(this.req.headers["content-type"]);
        raw = typeof body === "string" ? body : JSON.stringify(body);
        return [201, { imageId: 1, versionId: 2, buildId: 3 }];
      });
    const zip = new Blob([new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])]);
    const { data } = await api().POST("/images", {
      body: {
        name: "awesome-image",
        type: "workflow",
        version: "0.0.1",
        description: null as unknown as undefined,
        buildDetails: { source: "upload", useCache: false, buildArguments: [{ name: "A", value: "1" }] },
        artifact: zip,
      },
    });
    expect(data).toEqual({ imageId: 1, versionId: 2, buildId: 3 });
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
    expect(boundary, contentType).toBeTruthy();
    const parts = raw.split(`--${boundary}`).slice(1, -1);
    const names = parts.map((part) => /name="([^"]+)"/.exec(part)?.[1]);
    expect(names).toEqual(["artifact", "name", "type", "version", "buildDetails"]);
    expect(parts[0]).toContain('filename="artifact.zip"');
    expect(parts[0]).toMatch(/content-type: application\/zip/i);
    expect(parts[4]).toContain('{"source":"upload","useCache":false,"buildArguments":[{"name":"A","value":"1"}]}');
    expect(parts[1]).toMatch(/\r\n\r\nawesome-image\r\n$/);
  });

  it("sends a multipart body without an artifact part when there is none", async () => {
    let raw = "";
    nock(ROOT)
      .patch(`${API}/images/1/versions/2`)
      .reply(function (_uri, body) {
        raw = String(body);
        expect(this.req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
        return [200, { imageId: 1, versionId: 2, buildId: 4 }];
      });
    await api().PATCH("/images/{imageId}/versions/{versionId}", {
      params: { path: { imageId: 1, versionId: 2 } },
      body: { description: "new", buildDetails: { useCache: true } },
    });
    expect(raw).not.toContain('name="artifact"');
    expect(raw).toContain('name="description"\r\n\r\nnew\r\n');
    expect(raw).toContain('{"useCache":true}');
  });
});
