import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AbortError, BuildFailedError, type LogEntry } from "../src/index.js";
import { APP, emulated, failure, folder, tempDir } from "./helpers.js";

describe("an image's life against the emulator, over HTTP", () => {
  it("folder → createImage → waitForBuild → followBuildLogs → pages → create-or-update → saveBuildLogs → deletes", async () => {
    const { emulator, client } = await emulated({ buildMs: 150, logPageSize: 2 });
    const app = folder(APP);

    const created = await client.createImage(
      {
        name: "forecast",
        type: "workflow",
        version: "1.0.0",
        buildDetails: { source: "upload", buildArguments: [{ name: "PY", value: "3.12" }] },
      },
      { artifact: { path: app } },
    );
    expect(created).toEqual({ imageId: 1, versionId: 1, buildId: 1 });

    // Follow while it builds: every line once, in order, until the build ends.
    const lines: LogEntry[] = [];
    for await (const entry of client.followBuildLogs(created.imageId, created.buildId, { pollInterval: 0.02 })) {
      lines.push(entry);
    }
    const messages = lines.map((entry) => entry.message);
    expect(messages[0]).toContain("Build 1 of forecast:1.0.0 started");
    expect(messages).toContain("Step 3/6 : COPY requirements.txt .");
    expect(messages.at(-1)).toBe("Build succeeded");
    expect(new Set(messages).size).toBe(messages.length);
    const logCalls = emulator.requests().filter((r) => r.operationId === "getBuildLogs");
    // Backed off between empty polls: far fewer calls than a busy loop would make in 150 ms.
    expect(logCalls.length).toBeLessThan(40);

    const outcome = await client.waitForBuild(created.imageId, created.buildId, { minDelay: 0.02 });
    expect(outcome).toMatchObject({ imageId: 1, buildId: 1, status: "success" });
    expect((await client.describeVersion(1, 1)).status).toBe("ready");

    // The upload held exactly the files the ignore rules select (debug.log is excluded by .dockerignore).
    const upload = emulator.requests().find((r) => r.operationId === "createImage");
    expect(upload?.fields).toEqual(["artifact", "name", "type", "version", "buildDetails"]);

    // Images across several pages.
    for (const name of ["alpha", "beta", "gamma", "delta"]) {
      await client.createImage({
        name,
        type: "api",
        buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" },
      });
    }
    const pageSizes: number[] = [];
    for await (const page of client.listImages({ pageSize: 2 }).pages()) {
      pageSizes.push(page.images.length);
    }
    expect(pageSizes).toEqual([2, 2, 1]);
    const names: string[] = [];
    for await (const image of client.listImages({ pageSize: 2 })) {
      names.push(image.name);
    }
    expect(names.sort()).toEqual(["alpha", "beta", "delta", "forecast", "gamma"]);

    // Create-or-update of a new version of an existing image (every branch is covered by the next test).
    const asVersion = await client.createOrUpdateImageVersion({
      name: "forecast",
      type: "workflow",
      version: "1.1.0",
      buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" },
    });
    expect(asVersion.imageId).toBe(1);
    expect(asVersion.versionId).not.toBe(1);
    await client.waitForBuild(asVersion.imageId, asVersion.buildId, { minDelay: 0.02 });

    // Saving the whole log to a file.
    const saved = await client.saveBuildLogs(1, created.buildId, { fileName: join(tempDir(), "build.log") });
    const text = readFileSync(saved, "utf8");
    expect(text).toContain("Step 1/6 : FROM python:3.12-slim");
    expect(text).toContain("Build succeeded");

    // Builds: newest first, filtered by version.
    const builds = await client.listImageBuilds(1, { versionIds: [1] });
    expect(builds.builds.map((build) => build.buildId)).toEqual([1]);

    // Deletes.
    await client.deleteVersions(1, [asVersion.versionId]);
    expect((await client.listImageVersions(1)).versionCount).toBe(1);
    await client.deleteVersion(1, 1);
    await client.deleteImage(1);
    expect((await client.listImages()).imageCount).toBe(4);
  });

  it("create-or-update: the exact name found on page 3, and a version that is a prefix of another", async () => {
    const { emulator, client } = await emulated({ buildMs: 0 });
    // 250 images whose names contain "svc", so the target is far past the first page of a substring search.
    for (let i = 0; i < 250; i++) {
      await client.createImage({
        name: `svc-${String(i).padStart(3, "0")}`,
        type: "api",
        buildDetails: { source: "dockerfile", dockerfile: "FROM a" },
      });
    }
    const target = await client.createImage({
      name: "svc",
      type: "api",
      version: "1.0.0-rc.1",
      buildDetails: { source: "dockerfile", dockerfile: "FROM a" },
    });
    // Push the exact match behind 250 newer matches: list order is newest first.
    for (let i = 250; i < 500; i++) {
      await client.createImage({
        name: `svc-${String(i).padStart(3, "0")}`,
        type: "api",
        buildDetails: { source: "dockerfile", dockerfile: "FROM a" },
      });
    }
    const page1 = await client.listImages({ name: "svc", pageSize: 100 });
    expect(page1.images.some((image) => image.name === "svc")).toBe(false);

    // The image's versions: 1.0.0-rc.1 exists; 1.0.0 is a prefix of it but is not it → create a version.
    const actions: string[] = [];
    emulator.requests().splice(0);
    const created = await client.createOrUpdateImageVersion(
      { name: "svc", type: "api", version: "1.0.0", buildDetails: { source: "dockerfile", dockerfile: "FROM b" } },
      { onAction: (a) => actions.push(a.action) },
    );
    expect(actions).toEqual(["createVersion"]);
    expect(created.imageId).toBe(target.imageId);

    // Now 1.0.0 exists (failed builds keep versions not-ready; dockerfile builds succeed, so fail one first).
    const broken = await client.createVersion(target.imageId, {
      version: "2.0.0",
      buildDetails: { source: "dockerfile", dockerfile: "RUN nothing" },
    });
    await expect(client.waitForBuild(target.imageId, broken.buildId, { minDelay: 0.01 })).rejects.toBeInstanceOf(
      BuildFailedError,
    );
    const updated = await client.createOrUpdateImageVersion(
      { name: "svc", type: "api", version: "2.0.0", buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" } },
      { onAction: (a) => actions.push(a.action) },
    );
    expect(actions).toEqual(["createVersion", "updateVersion"]);
    expect(updated.versionId).toBe(broken.versionId);

    // A name nobody has → a new image.
    await client.createOrUpdateImageVersion(
      { name: "svc-new", type: "api", buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" } },
      { onAction: (a) => actions.push(a.action) },
    );
    expect(actions).toEqual(["createVersion", "updateVersion", "createImage"]);
    // Pages were walked, not just the first: the name search asked for page 2 and beyond.
    const pages = emulator
      .requests()
      .filter((r) => r.operationId === "listImages")
      .map((r) => r.query.pageNumber);
    expect(pages).toContain("3");
  }, 60_000);

  it("a build whose Dockerfile copies a missing file fails with BuildFailedError carrying the log line", async () => {
    const { client } = await emulated({ buildMs: 40 });
    const app = folder({ Dockerfile: "FROM alpine\nCOPY missing.txt /x\n", "present.txt": "x" });
    const created = await client.createImage({ name: "broken", type: "workflow" }, { artifact: { path: app } });
    const error = await failure(client.waitForBuild(created.imageId, created.buildId, { minDelay: 0.01 }));
    expect(error).toBeInstanceOf(BuildFailedError);
    const failed = error as BuildFailedError;
    expect(failed.build.status).toBe("failed");
    expect(failed.logLines.at(-1)).toContain("COPY source missing.txt not found in the artifact");
    expect(failed.message).toContain("missing.txt");
  });

  it("abort signals stop a wait, a follow and an upload; no temporary zip is left", async () => {
    const { client } = await emulated({ buildMs: 5_000 });
    const created = await client.createImage({
      name: "slow",
      type: "api",
      buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" },
    });

    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 50);
    expect(
      await failure(client.waitForBuild(created.imageId, created.buildId, { signal: waiting.signal, minDelay: 1 })),
    ).toBeInstanceOf(AbortError);

    const following = new AbortController();
    setTimeout(() => following.abort(), 50);
    const follow = (async () => {
      for await (const _ of client.followBuildLogs(created.imageId, created.buildId, {
        signal: following.signal,
        pollInterval: 1,
      })) {
        // lines arrive while it runs
      }
    })();
    expect(await failure(follow)).toBeInstanceOf(AbortError);

    const before = readdirSync(tmpdir()).filter((name) => name.startsWith("peak-images-artifact-"));
    const uploading = new AbortController();
    uploading.abort();
    const app = folder(APP);
    expect(
      await failure(
        client.createImage({ name: "never", type: "api" }, { artifact: { path: app }, signal: uploading.signal }),
      ),
    ).toBeInstanceOf(AbortError);
    const after = readdirSync(tmpdir()).filter((name) => name.startsWith("peak-images-artifact-"));
    expect(after).toEqual(before);
  });
});
