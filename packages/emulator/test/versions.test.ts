import { describe, expect, it } from "vitest";
import { call, createImage, form, makeZip, sampleZip, start, waitForBuild } from "./helpers.js";

const brokenZip = () => makeZip({ Dockerfile: "FROM alpine\nCOPY nothing-here.txt /\n" });

describe("createVersion", () => {
  it("creates the next patch version by default (201) with an autodeploymentId only when asked", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu, { version: "1.2.3-python3.12" });
    const next = await call(emu, "POST", `/images/${imageId}/versions`, { form: form({}, sampleZip()) });
    expect(next.status).toBe(201);
    expect(next.body).toEqual({ imageId, versionId: 2, buildId: 2, autodeploymentId: null });
    const version = await call(emu, "GET", `/images/${imageId}/versions/2`);
    expect(version.body.version).toBe("1.2.4");
    const auto = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form(
        { version: "2.0.0", autodeployResources: [{ entityId: "wf-1", entityType: "workflow" }] },
        sampleZip(),
        true,
      ),
    });
    expect(auto.status).toBe(201);
    expect(auto.body.autodeploymentId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await call(emu, "GET", `/images/${imageId}/versions/${auto.body.versionId}`);
    expect(described.body.autodeployResources).toEqual([{ entityId: "wf-1", entityType: "workflow" }]);
  });

  it("refuses a duplicate version (409), an unknown image (404), another image's name or type (422)", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu);
    const dup = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form({ version: "0.0.1" }, sampleZip()),
    });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toBe("Version 0.0.1 of image awesome-image already exists");
    const unknown = await call(emu, "POST", "/images/42/versions", { form: form({}, sampleZip()) });
    expect(unknown.status).toBe(404);
    const otherName = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form({ name: "someone-else", version: "0.0.2" }, sampleZip()),
    });
    expect(otherName.status).toBe(422);
    expect(otherName.body.errors).toEqual([{ path: "body.name", message: "must be the image's name (awesome-image)" }]);
    const otherType = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form({ name: "awesome-image", type: "api", version: "0.0.2" }, sampleZip()),
    });
    expect(otherType.status).toBe(422);
    const same = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form({ name: "awesome-image", type: "workflow", version: "0.0.2" }, sampleZip()),
    });
    expect(same.status).toBe(201);
    const bad = await call(emu, "POST", `/images/${imageId}/versions`, {
      form: form({ autodeployResources: [{ entityId: "x", entityType: "robot" }] }, sampleZip()),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^body\.autodeployResources\[0\]\.entityType: must be equal to one of/);
    const versions = await call(emu, "GET", `/images/${imageId}/versions`);
    expect(versions.body.versionCount).toBe(2);
  });
});

describe("listImageVersions", () => {
  it("lists newest first with filters and pages", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu, { version: "0.1.0" });
    await call(emu, "POST", `/images/${imageId}/versions`, { form: form({ version: "0.2.0" }, brokenZip()) });
    await call(emu, "POST", `/images/${imageId}/versions`, { form: form({ version: "1.0.0" }, sampleZip()) });
    const all = await call(emu, "GET", `/images/${imageId}/versions`);
    expect(all.body.versions.map((v: { version: string }) => v.version)).toEqual(["1.0.0", "0.2.0", "0.1.0"]);
    expect(all.body).toMatchObject({ versionCount: 3, pageCount: 1, pageSize: 25, pageNumber: 1 });
    const failed = await call(emu, "GET", `/images/${imageId}/versions`, { query: { lastBuildStatus: "failed" } });
    expect(failed.body.versions.map((v: { version: string }) => v.version)).toEqual(["0.2.0"]);
    const ready = await call(emu, "GET", `/images/${imageId}/versions`, { query: { status: "ready" } });
    expect(ready.body.versionCount).toBe(2);
    const search = await call(emu, "GET", `/images/${imageId}/versions`, { query: { searchTerm: "0.2" } });
    expect(search.body.versions.map((v: { version: string }) => v.version)).toEqual(["0.2.0"]);
    const paged = await call(emu, "GET", `/images/${imageId}/versions`, { query: { pageSize: 2, pageNumber: 2 } });
    expect(paged.body).toMatchObject({ versionCount: 3, pageCount: 2, pageNumber: 2 });
    expect(paged.body.versions.map((v: { version: string }) => v.version)).toEqual(["0.1.0"]);
    expect((await call(emu, "GET", "/images/77/versions")).status).toBe(404);
  });

  it("filters versions by tag (seeded tags)", async () => {
    const emu = await start({ seedImages: 3 });
    // Image 2 has versions 1.0.0..1.0.2 with cycling tag sets.
    const all = await call(emu, "GET", "/images/2/versions");
    const python = all.body.versions.filter((v: { tags: { name: string }[] }) =>
      v.tags.some((t) => t.name === "python"),
    );
    expect(python.length).toBeGreaterThan(0);
    const tagged = await call(emu, "GET", "/images/2/versions", { query: { tags: "python" } });
    expect(tagged.body.versions).toEqual(python);
  });
});

describe("describeVersion", () => {
  it("answers the version with its image's name and type, 404 for a version of another image", async () => {
    const emu = await start();
    const a = await createImage(emu, { name: "a" });
    const b = await createImage(emu, { name: "b", type: "api" });
    const answer = await call(emu, "GET", `/images/${b.imageId}/versions/${b.versionId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ imageName: "b", imageType: "api", id: b.versionId, version: "0.0.1" });
    expect((await call(emu, "GET", `/images/${a.imageId}/versions/${b.versionId}`)).status).toBe(404);
    expect((await call(emu, "GET", `/images/${a.imageId}/versions/x`)).status).toBe(404);
  });
});

describe("updateVersion", () => {
  it("updates a not-ready version and rebuilds it (200), keeping the source and the last artifact", async () => {
    const emu = await start();
    const { imageId, versionId } = await createImage(emu, {}, brokenZip());
    const fixed = makeZip({ Dockerfile: "FROM alpine\nCOPY nothing-here.txt /\n", "nothing-here.txt": "now here" });
    const answer = await call(emu, "PATCH", `/images/${imageId}/versions/${versionId}`, {
      form: form({ description: "fixed", buildDetails: { useCache: false } }, fixed),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ imageId, versionId, buildId: 2, autodeploymentId: null });
    const version = await call(emu, "GET", `/images/${imageId}/versions/${versionId}`);
    expect(version.body).toMatchObject({
      description: "fixed",
      status: "ready",
      lastBuildStatus: "success",
      buildDetails: { source: "upload", useCache: false },
    });
    const builds = await call(emu, "GET", `/images/${imageId}/builds`);
    expect(builds.body.builds.map((b: { status: string }) => b.status)).toEqual(["success", "failed"]);
  });

  it("reuses the stored artifact when an update sends none", async () => {
    const emu = await start();
    const zip = makeZip({ "app/Dockerfile": "FROM alpine\n", "app/": "" });
    const { imageId, versionId } = await createImage(emu, {}, zip);
    // Default context "." has no Dockerfile: failed, still not-ready.
    expect((await call(emu, "GET", `/images/${imageId}`)).body.latestVersion.lastBuildStatus).toBe("failed");
    const answer = await call(emu, "PATCH", `/images/${imageId}/versions/${versionId}`, {
      form: form({ buildDetails: { context: "app" } }),
    });
    expect(answer.status).toBe(200);
    expect((await call(emu, "GET", `/images/${imageId}`)).body.latestVersion.status).toBe("ready");
  });

  it("refuses ready versions (409), a changed version string (422), unknown ids (404) and bad merges (400)", async () => {
    const emu = await start();
    const ok = await createImage(emu, { name: "ok" });
    const ready = await call(emu, "PATCH", `/images/${ok.imageId}/versions/${ok.versionId}`, {
      form: form({ description: "x" }),
    });
    expect(ready.status).toBe(409);
    expect(ready.body.detail).toMatch(/only not-ready versions can be updated/);

    const broken = await createImage(emu, { name: "broken" }, brokenZip());
    const path = `/images/${broken.imageId}/versions/${broken.versionId}`;
    const changed = await call(emu, "PATCH", path, { form: form({ version: "9.9.9" }) });
    expect(changed.status).toBe(422);
    expect(changed.body.detail).toBe("The version of an existing image version cannot be changed (0.0.1 != 9.9.9)");
    const same = await call(emu, "PATCH", path, { form: form({ version: "0.0.1", name: "broken", type: "workflow" }) });
    expect(same.status).toBe(200);
    const wrongName = await call(emu, "PATCH", path, { form: form({ name: "ok" }) });
    expect(wrongName.status).toBe(422);
    const toGithub = await call(emu, "PATCH", path, { form: form({ buildDetails: { source: "github" } }) });
    expect(toGithub.status).toBe(400);
    expect(toGithub.body.detail).toBe("body.buildDetails.repository: is required");
    const switched = await call(emu, "PATCH", path, {
      form: form({ buildDetails: { source: "github", repository: "https://github.com/o/r" } }),
    });
    expect(switched.status).toBe(200);
    const after = await call(emu, "GET", path);
    expect(after.body.buildDetails).toEqual({
      source: "github",
      useCache: true,
      repository: "https://github.com/o/r",
      context: ".",
      dockerfilePath: "Dockerfile",
    });
    expect((await call(emu, "PATCH", `/images/${broken.imageId}/versions/999`, { form: form({}) })).status).toBe(404);
  });

  it("stops a build still running when the version is updated", async () => {
    const emu = await start({ buildMs: 60_000 });
    const { imageId, versionId, buildId } = await createImage(emu);
    const answer = await call(emu, "PATCH", `/images/${imageId}/versions/${versionId}`, { form: form({}) });
    expect(answer.status).toBe(200);
    const builds = await call(emu, "GET", `/images/${imageId}/builds`);
    expect(builds.body.builds).toMatchObject([
      { buildId: answer.body.buildId, status: "building", finishedAt: null },
      { buildId, status: "stopped" },
    ]);
    const logs = await call(emu, "GET", `/images/${imageId}/builds/${buildId}/logs`, { query: {} });
    expect(logs.body.logs.at(-1).message).toBe(`Build stopped: superseded by build ${answer.body.buildId}`);
  });
});

describe("deleteVersion and deleteVersions", () => {
  it("deletes one version (200 {}), 404 after", async () => {
    const emu = await start();
    const { imageId, versionId } = await createImage(emu);
    const answer = await call(emu, "DELETE", `/images/${imageId}/versions/${versionId}`);
    expect(answer).toMatchObject({ status: 200, body: {} });
    expect((await call(emu, "DELETE", `/images/${imageId}/versions/${versionId}`)).status).toBe(404);
    // The image stays, without a latest version.
    const image = await call(emu, "GET", `/images/${imageId}`);
    expect(image.body).not.toHaveProperty("latestVersion");
  });

  it("deletes several versions all or nothing", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu);
    for (const version of ["0.0.2", "0.0.3"]) {
      await call(emu, "POST", `/images/${imageId}/versions`, { form: form({ version }, sampleZip()) });
    }
    const partlyUnknown = await call(emu, "DELETE", `/images/${imageId}/versions`, { query: { versionIds: [1, 99] } });
    expect(partlyUnknown.status).toBe(404);
    expect((await call(emu, "GET", `/images/${imageId}/versions`)).body.versionCount).toBe(3);
    const missing = await call(emu, "DELETE", `/images/${imageId}/versions`);
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toBe("query.versionIds: is required");
    const answer = await call(emu, "DELETE", `/images/${imageId}/versions`, { query: { versionIds: [1, 3] } });
    expect(answer).toMatchObject({ status: 200, body: {} });
    const left = await call(emu, "GET", `/images/${imageId}/versions`);
    expect(left.body.versions.map((v: { id: number }) => v.id)).toEqual([2]);
    const single = await call(emu, "DELETE", `/images/${imageId}/versions`, { query: { versionIds: 2 } });
    expect(single.status).toBe(200);
  });

  it("refuses to delete a version in use (422)", async () => {
    const emu = await start({ seedImages: 4 });
    const versions = await call(emu, "GET", "/images/4/versions", { query: { status: "in-use" } });
    const id = versions.body.versions[0].id;
    expect((await call(emu, "DELETE", `/images/4/versions/${id}`)).status).toBe(422);
    expect((await call(emu, "DELETE", "/images/4/versions", { query: { versionIds: id } })).status).toBe(422);
  });

  it("waits for nothing when builds are instant", async () => {
    const emu = await start();
    const { imageId, buildId } = await createImage(emu);
    expect(await waitForBuild(emu, imageId, buildId)).toBe("success");
  });
});
