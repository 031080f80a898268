import { describe, expect, it } from "vitest";
import { getClient, type ImageClient, ValidationError } from "../src/index.js";
import { EMPTY_ZIP, folder, json, KEY, type Recorded, recorder } from "./helpers.js";

const BASE = "/image-management/api/v2";
const PAGE = { pageSize: 25, pageNumber: 1, pageCount: 0 };
const CREATED = { imageId: 7, versionId: 8, buildId: 9 };
const LOGS = { buildStatus: "success", startTime: "2026-01-01T00:00:00Z", finishTime: null, logs: [], nextToken: null };

/** What the fake service answers per path: enough for each method to resolve. */
function answerFor(req: Recorded): unknown {
  const path = new URL(req.url, "http://x").pathname.slice(BASE.length);
  if (req.method === "DELETE") {
    return {};
  }
  if (req.method !== "GET") {
    return CREATED;
  }
  if (path === "/images") {
    return { ...PAGE, imageCount: 0, images: [] };
  }
  if (path.endsWith("/versions")) {
    return { ...PAGE, versionCount: 0, versions: [] };
  }
  if (path.endsWith("/builds")) {
    return { ...PAGE, buildCount: 0, builds: [] };
  }
  if (path.endsWith("/logs")) {
    return LOGS;
  }
  if (path.endsWith("/download")) {
    return { downloadUrl: "http://127.0.0.1:9/never" };
  }
  return { id: 1 };
}

async function wireOf(call: (client: ImageClient) => Promise<unknown>): Promise<Recorded[]> {
  const server = await recorder((req, res) => json(res, 200, answerFor(req)));
  await call(getClient({ baseUrl: server.url, apiKey: KEY }));
  await server.close();
  return server.seen;
}

const JSON_CALLS: Array<[string, (c: ImageClient) => Promise<unknown>, string, string]> = [
  ["listImages()", (c) => c.listImages().then(), "GET", "/images"],
  [
    "listImages(every filter)",
    (c) =>
      c
        .listImages({
          pageSize: 50,
          pageNumber: 2,
          name: "my img/1",
          status: ["ready", "in-use"],
          scope: "custom",
          lastBuildStatus: ["failed"],
          tags: ["a b", "c,d"],
        })
        .then(),
    "GET",
    "/images?pageSize=50&pageNumber=2&searchTerm=my%20img%2F1&status=ready&status=in-use&scope=custom&lastBuildStatus=failed&tags=a%20b&tags=c%2Cd",
  ],
  [
    "listImageVersions",
    (c) => c.listImageVersions(3, { version: "1.0", status: "ready", lastBuildStatus: "success", tags: ["x"] }).then(),
    "GET",
    "/images/3/versions?searchTerm=1.0&status=ready&lastBuildStatus=success&tags=x",
  ],
  ["listImageBuilds() sends count=-1", (c) => c.listImageBuilds(3).then(), "GET", "/images/3/builds?count=-1"],
  [
    "listImageBuilds(every filter)",
    (c) =>
      c
        .listImageBuilds(3, {
          dateFrom: new Date("2026-01-02T03:04:05.000Z"),
          dateTo: "2026-02-01T00:00:00Z",
          pageSize: 10,
          pageNumber: 1,
          count: 5,
          versionIds: [11, 12],
          buildStatus: ["failed", "success"],
        })
        .then(),
    "GET",
    "/images/3/builds?pageSize=10&pageNumber=1&dateFrom=2026-01-02T03%3A04%3A05.000Z&dateTo=2026-02-01T00%3A00%3A00Z&count=5&versions=11&versions=12&buildStatus=failed&buildStatus=success",
  ],
  ["describeImage", (c) => c.describeImage(4), "GET", "/images/4"],
  ["describeVersion", (c) => c.describeVersion(4, 5), "GET", "/images/4/versions/5"],
  ["deleteImage", (c) => c.deleteImage(4), "DELETE", "/images/4"],
  ["deleteVersion", (c) => c.deleteVersion(4, 5), "DELETE", "/images/4/versions/5"],
  ["deleteVersions", (c) => c.deleteVersions(4, [5, 6]), "DELETE", "/images/4/versions?versionIds=5&versionIds=6"],
  ["getBuildLogs()", (c) => c.getBuildLogs(4, 9), "GET", "/images/4/builds/9/logs"],
  [
    "getBuildLogs(nextToken)",
    (c) => c.getBuildLogs(4, 9, { nextToken: "f/3724/s+=" }),
    "GET",
    "/images/4/builds/9/logs?nextToken=f%2F3724%2Fs%2B%3D",
  ],
  ["getBuildLogsDownloadUrl", (c) => c.getBuildLogsDownloadUrl(4, 9), "GET", "/images/4/builds/9/logs/download"],
];

describe("the wire of every JSON method", () => {
  it.each(JSON_CALLS)("%s", async (_name, call, method, path) => {
    const [request, ...more] = await wireOf(call);
    expect(more).toHaveLength(0);
    expect(request?.method).toBe(method);
    expect(request?.url).toBe(`${BASE}${path}`);
    expect(request?.headers.authorization).toBe(KEY);
    expect(request?.headers["user-agent"]).toMatch(
      /^@peak-images\/sdk\/\d+\.\d+\.\d+ @peak-images\/core\/\d+\.\d+\.\d+ node\//,
    );
    expect(request?.body.length).toBe(0);
  });
});

describe("the wire of the uploads", () => {
  const body = {
    name: "app",
    type: "workflow" as const,
    description: "with ünïcode",
    version: "1.0.0",
    buildDetails: {
      source: "upload" as const,
      useCache: false,
      buildArguments: [{ name: "A", value: "1" }],
      secrets: ["S"],
    },
  };

  it("createImage: artifact first as artifact.zip (application/zip), then one text part per field, non-strings as JSON", async () => {
    const [request] = await wireOf((c) => c.createImage(body, { artifact: EMPTY_ZIP }));
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`${BASE}/images`);
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(request?.headers["content-length"]).toBe(String(request?.body.length));
    expect(request?.headers["transfer-encoding"]).toBeUndefined();
    expect(request?.parts).toEqual([
      { name: "artifact", value: "", filename: "artifact.zip", contentType: "application/zip", size: EMPTY_ZIP.length },
      { name: "name", value: "app", contentType: "text/plain" },
      { name: "type", value: "workflow", contentType: "text/plain" },
      { name: "description", value: "with ünïcode", contentType: "text/plain" },
      { name: "version", value: "1.0.0", contentType: "text/plain" },
      { name: "buildDetails", value: JSON.stringify(body.buildDetails), contentType: "text/plain" },
    ]);
    // Text parts carry no Content-Type header of their own (busboy reports its text/plain default).
    expect(request?.body.toString("latin1")).not.toMatch(/name="name"\r\nContent-Type/);
  });

  it("createVersion from a folder: the zip of the folder, undefined fields never sent", async () => {
    const dir = folder({ Dockerfile: "FROM alpine\n" });
    const [request] = await wireOf((c) =>
      c.createVersion(
        3,
        { version: "0.0.2", description: undefined, autodeployResources: [{ entityId: "e1", entityType: "workflow" }] },
        { artifact: { path: dir } },
      ),
    );
    expect(request?.url).toBe(`${BASE}/images/3/versions`);
    expect(request?.parts.map((part) => part.name)).toEqual(["artifact", "version", "autodeployResources"]);
    expect(request?.parts[2]?.value).toBe('[{"entityId":"e1","entityType":"workflow"}]');
    expect(request?.parts[0]?.size).toBeGreaterThan(100);
  });

  it("updateVersion without an artifact: still multipart, no artifact part", async () => {
    const [request] = await wireOf((c) => c.updateVersion(3, 4, { buildDetails: { useCache: true } }));
    expect(request?.method).toBe("PATCH");
    expect(request?.url).toBe(`${BASE}/images/3/versions/4`);
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.parts).toEqual([{ name: "buildDetails", value: '{"useCache":true}', contentType: "text/plain" }]);
  });

  it("a github build sends its token only in the body field, and no artifact", async () => {
    const [request] = await wireOf((c) =>
      c.createImage({
        name: "gh",
        type: "api",
        buildDetails: { source: "github", repository: "https://github.com/o/r", token: "ghp_canary" },
      }),
    );
    expect(request?.parts.map((part) => part.name)).toEqual(["name", "type", "buildDetails"]);
    expect(JSON.parse(request?.parts[2]?.value ?? "")).toEqual({
      source: "github",
      repository: "https://github.com/o/r",
      token: "ghp_canary",
    });
  });
});

describe("nothing is sent for a bad argument", () => {
  const BAD: Array<[string, (c: ImageClient) => Promise<unknown>, string]> = [
    ["a fractional id", (c) => c.describeImage(1.5), "path.imageId: must be a positive integer id, got 1.5"],
    [
      "a string id",
      (c) => c.describeVersion("1" as unknown as number, 0),
      "path.versionId: must be a positive integer id, got 0",
    ],
    [
      "an id of ..",
      (c) => c.deleteImage(".." as unknown as number),
      'path.imageId: must be a positive integer id, got ".."',
    ],
    ["no version ids", (c) => c.deleteVersions(1, []), "versionIds: must list at least one id"],
    ["a bad version id", (c) => c.deleteVersions(1, [2, -3]), "versionIds[1]: must be a positive integer id, got -3"],
    [
      "a page size of 0",
      (c) => c.listImages({ pageSize: 0 }).then(),
      "options.pageSize: must be a positive integer, got 0",
    ],
    [
      "a missing name and type",
      (c) => c.createImage({} as never, { artifact: EMPTY_ZIP }),
      "body.name: is required; body.type: is required",
    ],
    [
      "an upload build without artifact",
      (c) => c.createImage({ name: "a", type: "api" }),
      "artifact: is required when buildDetails.source is upload",
    ],
    [
      "a Blob that is not a zip",
      (c) => c.createImage({ name: "a", type: "api" }, { artifact: new Blob(["hello"]) }),
      "artifact: is not a zip file",
    ],
    [
      "a negative poll interval",
      (c) => c.waitForBuild(1, 2, { minDelay: -1 }),
      "options.minDelay: must be a number of seconds >= 0, got -1",
    ],
  ];

  it.each(BAD)("%s", async (_name, call, message) => {
    const server = await recorder((req, res) => json(res, 200, answerFor(req)));
    const error = await call(getClient({ baseUrl: server.url, apiKey: KEY })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
    expect(server.seen).toHaveLength(0);
  });
});
