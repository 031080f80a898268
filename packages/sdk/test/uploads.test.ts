import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ArtifactTooLargeError,
  ConnectionError,
  getClient,
  InternalServerError,
  RateLimitError,
  RootNotFoundError,
  type UploadProgress,
} from "../src/index.js";
import { APP, EMPTY_ZIP, failure, folder, json, KEY, recorder } from "./helpers.js";

const CREATED = { imageId: 1, versionId: 2, buildId: 3 };
const FAST = { baseDelayMs: 1, maxDelayMs: 2 };

function leftovers(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("peak-images-artifact-"));
}

describe("uploads are sent again only when the service cannot have acted on them", () => {
  it.each([
    [429, { "retry-after": "0" }],
    [503, {}],
  ])("a %i is retried with the whole body again, from the same zip", async (status, headers) => {
    const server = await recorder((_req, res, i) =>
      i === 0 ? json(res, status, { detail: "busy" }, headers) : json(res, 200, CREATED),
    );
    const client = getClient({ baseUrl: server.url, apiKey: KEY, backoff: FAST });
    const app = folder(APP);
    expect(await client.createImage({ name: "a", type: "api" }, { artifact: { path: app } })).toEqual(CREATED);
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen;
    expect(second?.body.length).toBe(first?.body.length);
    expect(second?.parts.map((p) => [p.name, p.size ?? p.value])).toEqual(
      first?.parts.map((p) => [p.name, p.size ?? p.value]),
    );
    expect(second?.parts[0]?.size).toBeGreaterThan(100);
  });

  it.each([
    [
      "a 500",
      (res: Parameters<Parameters<typeof recorder>[0]>[1]) => json(res, 500, { detail: "boom" }),
      InternalServerError,
    ],
    [
      "a connection dropped after the body was read",
      (res: Parameters<Parameters<typeof recorder>[0]>[1]) => res.socket?.destroy(),
      ConnectionError,
    ],
  ])("%s is not retried (the service may have acted)", async (_name, answer, ErrorClass) => {
    const server = await recorder((_req, res) => answer(res));
    const client = getClient({ baseUrl: server.url, apiKey: KEY, backoff: FAST });
    const error = await failure(client.createImage({ name: "a", type: "api" }, { artifact: EMPTY_ZIP }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(server.seen).toHaveLength(1);
  });

  it("a refused connection is retried, then surfaces as ConnectionError", async () => {
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    await server.close();
    const attempts: string[] = [];
    const client = getClient({
      baseUrl: server.url,
      apiKey: KEY,
      maxRetries: 2,
      backoff: FAST,
      fetch: (request) => {
        attempts.push(request.method);
        return globalThis.fetch(request);
      },
    });
    const error = await failure(client.createImage({ name: "a", type: "api" }, { artifact: EMPTY_ZIP }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attempts).toEqual(["POST", "POST", "POST"]);
  });

  it("a 429 asking for longer than the client waits ends at once", async () => {
    const server = await recorder((_req, res) => json(res, 429, { detail: "later" }, { "retry-after": "600" }));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const error = await failure(client.createImage({ name: "a", type: "api" }, { artifact: EMPTY_ZIP }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(server.seen).toHaveLength(1);
  });

  it("maxRetries bounds the resends", async () => {
    const server = await recorder((_req, res) => json(res, 503, { detail: "busy" }));
    const client = getClient({ baseUrl: server.url, apiKey: KEY, maxRetries: 1, backoff: FAST });
    await expect(client.updateVersion(1, 2, {}, { artifact: EMPTY_ZIP })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(2);
  });
});

describe("temporary zips", () => {
  it.each([
    ["success", (res: Parameters<Parameters<typeof recorder>[0]>[1]) => json(res, 200, CREATED)],
    ["an API error", (res: Parameters<Parameters<typeof recorder>[0]>[1]) => json(res, 409, { detail: "taken" })],
  ])("are removed after %s", async (_name, answer) => {
    const before = leftovers();
    const server = await recorder((_req, res) => answer(res));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    await failure(client.createImage({ name: "a", type: "api" }, { artifact: { path: folder(APP) } }));
    expect(server.seen).toHaveLength(1);
    expect(leftovers()).toEqual(before);
  });

  it("are removed when the caller aborts while the service has not answered", async () => {
    const before = leftovers();
    const server = await recorder(() => {
      // Never answers: the client gives up through its signal.
    });
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const controller = new AbortController();
    const call = failure(
      client.createImage({ name: "a", type: "api" }, { artifact: { path: folder(APP) }, signal: controller.signal }),
    );
    while (server.seen.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
    expect(leftovers()).toEqual(before);
  });

  it("are removed when the folder's zip is over the limit, and nothing is sent", async () => {
    const before = leftovers();
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const random = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 2654435761) >>> 24));
    const error = await failure(
      client.createImage(
        { name: "a", type: "api" },
        { artifact: { path: folder({ ...APP, "blob.bin": random }) }, maxArtifactBytes: 16 * 1024 },
      ),
    );
    expect(error).toBeInstanceOf(ArtifactTooLargeError);
    expect((error as Error).message).toContain("the limit is 16384 bytes (raise it with the maxArtifactBytes option)");
    expect(server.seen).toHaveLength(0);
    expect(leftovers()).toEqual(before);
  });
});

describe("artifact inputs", () => {
  it("a Uint8Array, a Blob and a File are sent as artifact.zip", async () => {
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    for (const artifact of [
      new Uint8Array(EMPTY_ZIP),
      new Blob([EMPTY_ZIP]),
      new File([EMPTY_ZIP], "mine.zip", { type: "x/y" }),
    ]) {
      await client.createImage({ name: "a", type: "api" }, { artifact });
    }
    expect(server.seen.map((r) => r.parts[0])).toEqual(
      Array(3).fill({
        name: "artifact",
        value: "",
        filename: "artifact.zip",
        contentType: "application/zip",
        size: 22,
      }),
    );
  });

  it("zip bytes over maxArtifactBytes are refused before sending", async () => {
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const error = await failure(
      client.createImage({ name: "a", type: "api" }, { artifact: EMPTY_ZIP, maxArtifactBytes: 10 }),
    );
    expect(error).toBeInstanceOf(ArtifactTooLargeError);
    expect(server.seen).toHaveLength(0);
  });

  it("a missing folder is the artifact package's typed error, and nothing is sent", async () => {
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const error = await failure(
      client.createImage({ name: "a", type: "api" }, { artifact: { path: "/no/such/folder" } }),
    );
    expect(error).toBeInstanceOf(RootNotFoundError);
    expect(server.seen).toHaveLength(0);
  });

  it("reports upload progress up to the zip's size, and zipping progress", async () => {
    const server = await recorder((_req, res) => json(res, 200, CREATED));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const big = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 2654435761) >>> 24));
    const progress: UploadProgress[] = [];
    const zipped: number[] = [];
    await client.createImage(
      { name: "a", type: "api" },
      {
        artifact: { path: folder({ ...APP, "data.bin": big }) },
        onUploadProgress: (p) => progress.push(p),
        onZipProgress: (p) => zipped.push(p.files),
      },
    );
    const total = server.seen[0]?.parts[0]?.size;
    if (process.versions.bun !== undefined) {
      // Bun's fetch reads a Blob body natively, not through its stream(): as in browsers, the one report comes
      // when the zip has been sent.
      expect(progress).toEqual([{ loaded: total, total }]);
    } else {
      expect(progress.length).toBeGreaterThan(1);
    }
    expect(progress.at(-1)).toEqual({ loaded: total, total });
    expect(progress.every((p, i) => i === 0 || p.loaded >= (progress[i - 1]?.loaded ?? 0))).toBe(true);
    // Dockerfile, requirements.txt, src/main.py, .dockerignore, data.bin (debug.log is ignored).
    expect(zipped.at(-1)).toBe(5);
  });
});
