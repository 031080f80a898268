import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConflictError,
  createImagesApi,
  type ImagesApi,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from "@peak-images/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.js";

const KEY = "e2e-key";
let emulator: Emulator;
let api: ImagesApi;
let workdir: string;

/** Zips a small build context with Info-ZIP (installed by .ci/run), as an independent zip writer. */
function buildContext(files: Record<string, string>): Blob {
  const dir = mkdtempSync(join(workdir, "ctx-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  execFileSync("zip", ["-q", "-r", join(dir, "artifact.zip"), ...Object.keys(files)], { cwd: dir });
  return new Blob([readFileSync(join(dir, "artifact.zip"))]);
}

async function waitForBuild(imageId: number, buildId: number): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { data } = await api.GET("/images/{imageId}/builds/{buildId}/logs", {
      params: { path: { imageId, buildId } },
    });
    if (data && data.buildStatus !== "building") {
      return data.buildStatus;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("build did not finish");
}

beforeAll(async () => {
  workdir = mkdtempSync(join(tmpdir(), "core-e2e-"));
  emulator = await startEmulator({ apiKey: KEY, buildMs: 100, logPageSize: 2 });
  api = createImagesApi({ baseUrl: emulator.url, apiKey: KEY });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(workdir, { recursive: true, force: true });
});

describe("core against the emulator over HTTP", () => {
  let imageId = 0;
  let versionId = 0;
  let buildId = 0;

  it("creates an image from an uploaded build context", async () => {
    const artifact = buildContext({
      Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nCOPY src/ ./src/\nCMD ["python", "src/main.py"]\n',
      "requirements.txt": "pandas\n",
      "src/main.py": "print('hi')\n",
    });
    const { data, response } = await api.POST("/images", {
      body: {
        name: "e2e-image",
        type: "workflow",
        version: "0.0.1",
        description: "from core",
        buildDetails: { source: "upload", useCache: false, context: ".", dockerfilePath: "Dockerfile" },
        artifact,
      },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ imageId: expect.any(Number), versionId: expect.any(Number) });
    imageId = data!.imageId;
    versionId = data!.versionId;
    buildId = data!.buildId;
    const sent = emulator.requests().at(-1);
    expect(sent?.headers.authorization).toBe("[REDACTED]");
    expect(sent?.fields).toEqual(["artifact", "name", "type", "version", "description", "buildDetails"]);
  });

  it("a duplicate name is a ConflictError", async () => {
    await expect(
      api.POST("/images", {
        body: { name: "e2e-image", type: "api", buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" } },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("the build succeeds and its logs page through nextToken", async () => {
    expect(await waitForBuild(imageId, buildId)).toBe("success");
    const messages: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 50; page++) {
      const { data } = await api.GET("/images/{imageId}/builds/{buildId}/logs", {
        params: { path: { imageId, buildId }, query: { nextToken } },
      });
      messages.push(...(data?.logs ?? []).map((line) => line.message));
      for (const line of data?.logs ?? []) {
        expect(Number.isInteger(line.timestamp)).toBe(true);
      }
      if (!data?.nextToken || data.logs.length === 0) {
        break;
      }
      nextToken = data.nextToken;
    }
    expect(messages.some((m) => m.startsWith("Step 2/4 : COPY requirements.txt ."))).toBe(true);
    const { data: link } = await api.GET("/images/{imageId}/builds/{buildId}/logs/download", {
      params: { path: { imageId, buildId } },
    });
    const full = await (await fetch(link!.downloadUrl)).text();
    for (const message of messages) {
      expect(full).toContain(message);
    }
  });

  it("lists with filters sent as repeated keys, and describes", async () => {
    const { data: page } = await api.GET("/images", {
      params: { query: { searchTerm: "e2e", status: ["ready", "in-use"], lastBuildStatus: ["success"] } },
    });
    expect(page?.images.map((image) => image.name)).toEqual(["e2e-image"]);
    const listed = emulator.requests().findLast((r) => r.method === "GET" && r.path.endsWith("/images"));
    expect(listed?.query.status).toEqual(["ready", "in-use"]);
    const { data: none } = await api.GET("/images", { params: { query: { status: ["deleting"] } } });
    expect(none?.images).toEqual([]);
    const { data: image } = await api.GET("/images/{imageId}", { params: { path: { imageId } } });
    expect(image?.latestVersion?.status).toBe("ready");
    const { data: builds } = await api.GET("/images/{imageId}/builds", {
      params: { path: { imageId }, query: { buildStatus: ["success"] } },
    });
    expect(builds?.builds.map((b) => b.buildId)).toEqual([buildId]);
    const buildsCall = emulator.requests().findLast((r) => r.path.endsWith("/builds"));
    expect(buildsCall?.query.count).toEqual("-1");
  });

  it("updating a ready version is refused; a new version builds from an inline Dockerfile", async () => {
    await expect(
      api.PATCH("/images/{imageId}/versions/{versionId}", {
        params: { path: { imageId, versionId } },
        body: { description: "again" },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const { data } = await api.POST("/images/{imageId}/versions", {
      params: { path: { imageId } },
      body: { version: "0.0.2", buildDetails: { source: "dockerfile", dockerfile: "FROM alpine\nRUN echo hi\n" } },
    });
    expect(await waitForBuild(imageId, data!.buildId)).toBe("success");
    const { data: versions } = await api.GET("/images/{imageId}/versions", { params: { path: { imageId } } });
    expect(versions?.versions.map((v) => v.version).sort()).toEqual(["0.0.1", "0.0.2"]);
    await api.DELETE("/images/{imageId}/versions", {
      params: { path: { imageId }, query: { versionIds: [data!.versionId] } },
    });
  });

  it("deletes the image; it is then not found", async () => {
    await api.DELETE("/images/{imageId}", { params: { path: { imageId } } });
    await expect(api.GET("/images/{imageId}", { params: { path: { imageId } } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a wrong key is an UnauthorizedError; a bad id never reaches the emulator", async () => {
    const before = emulator.requests().length;
    await expect(
      api.GET("/images/{imageId}", { params: { path: { imageId: ".." as unknown as number } } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(emulator.requests()).toHaveLength(before);
    const wrong = createImagesApi({ baseUrl: emulator.url, apiKey: "not-the-key" });
    await expect(wrong.GET("/images")).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe("retries against injected faults", () => {
  it("every GET eventually succeeds through 429s, 503s and dropped connections", async () => {
    const flaky = await startEmulator({ apiKey: KEY, faultRate: 0.4, seed: 7, seedImages: 3 });
    try {
      const client = createImagesApi({
        baseUrl: flaky.url,
        apiKey: KEY,
        maxRetries: 8,
        // The emulator's faults ask for Retry-After 0 or 1 s; a cap below that would end the retries at once.
        backoff: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 },
      });
      for (let i = 0; i < 20; i++) {
        const { data } = await client.GET("/images", { params: { query: { pageSize: 2 } } });
        expect(data?.imageCount).toBe(3);
      }
      const faults = flaky.requests().filter((r) => r.fault !== undefined);
      expect(new Set(faults.map((r) => r.fault))).toEqual(new Set(["429", "503", "drop"]));
    } finally {
      await flaky.stop();
    }
  }, 60_000);
});
