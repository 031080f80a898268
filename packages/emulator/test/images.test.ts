import { describe, expect, it } from "vitest";
import { call, createImage, form, makeZip, sampleZip, start } from "./helpers.js";

describe("listImages", () => {
  it("answers an empty first page with pageCount 0", async () => {
    const emu = await start();
    const answer = await call(emu, "GET", "/images");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ imageCount: 0, pageSize: 25, pageNumber: 1, pageCount: 0, images: [] });
  });

  it("pages through seeded images newest first without losing or repeating any", async () => {
    const emu = await start({ seedImages: 53 });
    const seen: number[] = [];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      const answer = await call(emu, "GET", "/images", { query: { pageSize: 20, pageNumber } });
      expect(answer.body).toMatchObject({ imageCount: 53, pageSize: 20, pageNumber, pageCount: 3 });
      seen.push(...answer.body.images.map((i: { id: number }) => i.id));
    }
    expect(seen).toEqual(Array.from({ length: 53 }, (_, i) => 53 - i));
    const beyond = await call(emu, "GET", "/images", { query: { pageSize: 20, pageNumber: 4 } });
    expect(beyond.body).toMatchObject({ imageCount: 53, pageCount: 3, images: [] });
  });

  it("filters by searchTerm, status, scope, lastBuildStatus and tags", async () => {
    const emu = await start({ seedImages: 40 });
    const all = (await call(emu, "GET", "/images", { query: { pageSize: 100 } })).body.images as {
      id: number;
      name: string;
      scope: string;
      latestVersion: { status: string; lastBuildStatus: string; tags: { name: string }[]; version: string };
    }[];
    const ids = (list: { id: number }[]) => list.map((i) => i.id).sort((a, b) => a - b);
    const query = async (q: Record<string, string | string[]>) =>
      ids((await call(emu, "GET", "/images", { query: { pageSize: 100, ...q } })).body.images);

    expect(await query({ searchTerm: "image-0001" })).toEqual(ids(all.filter((i) => i.name.includes("image-0001"))));
    expect(await query({ searchTerm: "1.0.2" })).toEqual(ids(all.filter((i) => i.latestVersion.version === "1.0.2")));
    expect(await query({ scope: "global" })).toEqual([10, 20, 30, 40]);
    const failed = all.filter((i) => i.latestVersion.lastBuildStatus === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(await query({ lastBuildStatus: "failed" })).toEqual(ids(failed));
    expect(await query({ status: "not-ready" })).toEqual(ids(failed));
    const inUse = all.filter((i) => i.latestVersion.status === "in-use");
    expect(inUse.length).toBeGreaterThan(0);
    expect(await query({ status: ["ready", "not-ready"] })).toEqual(ids(all.filter((i) => !inUse.includes(i))));
    expect(await query({ status: ["ready", "not-ready", "in-use"] })).toEqual(ids(all));
    const rTagged = all.filter((i) => i.latestVersion.tags.some((t) => t.name === "r"));
    expect(rTagged.length).toBeGreaterThan(0);
    expect(await query({ tags: "r" })).toEqual(ids(rTagged));
    expect(await query({ tags: "no-such-tag" })).toEqual([]);
  });

  it("rejects invalid query values with 400 naming the parameter", async () => {
    const emu = await start();
    const badStatus = await call(emu, "GET", "/images", { query: { status: "bogus" } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.detail).toMatch(/^query\.status\[0\]: must be equal to one of the allowed values/);
    expect(badStatus.body.errors[0].path).toBe("query.status[0]");
    const badSize = await call(emu, "GET", "/images", { query: { pageSize: 101 } });
    expect(badSize.status).toBe(400);
    expect(badSize.body.detail).toBe("query.pageSize: must be <= 100");
    const notNumber = await call(emu, "GET", "/images", { query: { pageNumber: "two" } });
    expect(notNumber.body.detail).toBe("query.pageNumber: must be integer");
    const repeated = await call(emu, "GET", "/images", { query: { pageSize: [1, 2] } });
    expect(repeated.status).toBe(400);
  });

  it("requires the API key (401), and only the exact key", async () => {
    const emu = await start({ apiKey: "secret-key" });
    expect((await call(emu, "GET", "/images", { auth: null })).status).toBe(401);
    expect((await call(emu, "GET", "/images", { auth: "wrong" })).status).toBe(401);
    expect((await call(emu, "GET", "/images", { auth: "Bearer secret-key" })).status).toBe(401);
    const ok = await call(emu, "GET", "/images", { auth: "secret-key" });
    expect(ok.status).toBe(200);
    const denied = await call(emu, "GET", "/images", { auth: null });
    expect(denied.body).toEqual({ detail: "Missing or invalid Authorization header" });
  });
});

describe("createImage", () => {
  it("creates an image, its first version 0.0.1 and a build (201)", async () => {
    const emu = await start();
    const answer = await call(emu, "POST", "/images", {
      form: form({ name: "awesome-image", type: "workflow", description: "demo" }, sampleZip()),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ imageId: 1, versionId: 1, buildId: 1 });
    const image = await call(emu, "GET", "/images/1");
    expect(image.body).toMatchObject({
      id: 1,
      name: "awesome-image",
      type: "workflow",
      scope: "custom",
      description: "demo",
      latestVersion: {
        id: 1,
        version: "0.0.1",
        status: "ready",
        lastBuildStatus: "success",
        buildDetails: { source: "upload", useCache: true, context: ".", dockerfilePath: "Dockerfile" },
      },
    });
  });

  it("gives increasing ids", async () => {
    const emu = await start();
    const a = await createImage(emu, { name: "a" });
    const b = await createImage(emu, { name: "b" });
    expect(b.imageId).toBeGreaterThan(a.imageId);
    expect(b.versionId).toBeGreaterThan(a.versionId);
    expect(b.buildId).toBeGreaterThan(a.buildId);
  });

  it("refuses a duplicate name with 409 and changes nothing", async () => {
    const emu = await start();
    await createImage(emu);
    const again = await call(emu, "POST", "/images", {
      form: form({ name: "awesome-image", type: "api" }, sampleZip()),
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("Image name awesome-image is already in use");
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(1);
  });

  it("answers 400 naming the field for missing, unknown and malformed fields", async () => {
    const emu = await start();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: "workflow" }, "body.name: is required"],
      [{ name: "x", type: "spaceship" }, "body.type: must be equal to one of the allowed values"],
      [{ name: "has space", type: "workflow" }, "body.name: must match pattern"],
      [{ name: "x", type: "workflow", colour: "red" }, "body.colour: is not an accepted property"],
      [{ name: "x", type: "workflow", version: "v1" }, "body.version: must match pattern"],
      [
        { name: "x", type: "workflow", buildDetails: { source: "github" } },
        "body.buildDetails.repository: is required",
      ],
      [
        { name: "x", type: "workflow", buildDetails: { source: "s3" } },
        "body.buildDetails.source: must be equal to one",
      ],
      [
        { name: "x", type: "workflow", buildDetails: { useCache: "yes" } },
        "body.buildDetails.useCache: must be boolean",
      ],
      [
        { name: "x", type: "workflow", buildDetails: { source: "upload", buildArguments: [{ name: "A" }] } },
        "body.buildDetails.buildArguments[0].value: is required",
      ],
    ];
    for (const [fields, detail] of cases) {
      const answer = await call(emu, "POST", "/images", { form: form(fields, sampleZip()) });
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(answer.body.detail).toContain(detail);
    }
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
  });

  it("answers 400 for JSON fields that are not JSON text", async () => {
    const emu = await start();
    const data = form({ name: "x", type: "workflow" }, sampleZip());
    data.append("buildDetails", '{"source": "upload",');
    const answer = await call(emu, "POST", "/images", { form: data });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/^body\.buildDetails: must be JSON text/);
  });

  it("needs an artifact for upload builds, and a real zip", async () => {
    const emu = await start();
    const missing = await call(emu, "POST", "/images", { form: form({ name: "x", type: "workflow" }) });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toBe("body.artifact: is required when buildDetails.source is upload");
    const notZip = await call(emu, "POST", "/images", {
      form: form({ name: "x", type: "workflow" }, Buffer.from("not a zip at all")),
    });
    expect(notZip.status).toBe(400);
    expect(notZip.body.detail).toMatch(/^body\.artifact: is not a readable zip archive/);
  });

  it("builds github and dockerfile sources without an artifact", async () => {
    const emu = await start();
    const gh = await call(emu, "POST", "/images", {
      form: form({
        name: "gh",
        type: "api",
        buildDetails: { source: "github", repository: "https://github.com/o/r", branch: "main", token: "t0ken" },
      }),
    });
    expect(gh.status).toBe(201);
    const described = await call(emu, "GET", `/images/${gh.body.imageId}`);
    expect(described.body.latestVersion.status).toBe("ready");
    // The token is write-only.
    expect(described.body.latestVersion.buildDetails).not.toHaveProperty("token");
    const df = await call(emu, "POST", "/images", {
      form: form({ name: "df", type: "webapp", buildDetails: { source: "dockerfile", dockerfile: "FROM nginx\n" } }),
    });
    expect(df.status).toBe(201);
  });

  it("refuses non-multipart bodies, extra file parts and a text artifact", async () => {
    const emu = await start();
    const json = await call(emu, "POST", "/images", { headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    const extraFile = form({ name: "x", type: "workflow" });
    extraFile.append("other", new Blob(["x"]), "other.bin");
    expect((await call(emu, "POST", "/images", { form: extraFile })).body.detail).toBe(
      "body.other: unexpected file part",
    );
    const textArtifact = form({ name: "x", type: "workflow", artifact: "abc" });
    expect((await call(emu, "POST", "/images", { form: textArtifact })).status).toBe(400);
  });
});

describe("describeImage", () => {
  it("answers 404 for an unknown id or one that is not an integer, 400 for one out of the schema's range", async () => {
    const emu = await start();
    const missing = await call(emu, "GET", "/images/999");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ detail: "Image 999 not found" });
    const bad = await call(emu, "GET", "/images/abc");
    expect(bad.status).toBe(404);
    expect(bad.body.detail).toBe("path.imageId: must be integer (no resource has such an id)");
    expect((await call(emu, "GET", "/images/0")).status).toBe(400);
  });

  it("shows a failed build on the latest version when a COPY source is missing", async () => {
    const emu = await start();
    const zip = makeZip({ Dockerfile: "FROM alpine\nCOPY missing.txt /x\n" });
    const { imageId } = await createImage(emu, {}, zip);
    const image = await call(emu, "GET", `/images/${imageId}`);
    expect(image.body.latestVersion).toMatchObject({ status: "not-ready", lastBuildStatus: "failed" });
    expect(image.body.latestVersion).not.toHaveProperty("pullUrl");
  });
});

describe("deleteImage", () => {
  it("deletes an image and everything under it (200 {})", async () => {
    const emu = await start();
    const { imageId, versionId } = await createImage(emu);
    const answer = await call(emu, "DELETE", `/images/${imageId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    expect((await call(emu, "GET", `/images/${imageId}`)).status).toBe(404);
    expect((await call(emu, "GET", `/images/${imageId}/versions/${versionId}`)).status).toBe(404);
    expect((await call(emu, "DELETE", `/images/${imageId}`)).status).toBe(404);
  });

  it("refuses with 422 while a version is in use", async () => {
    const emu = await start({ seedImages: 4 });
    // Seeded image 4 has its first version in use.
    const answer = await call(emu, "DELETE", "/images/4");
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toMatch(/in use/);
    expect((await call(emu, "GET", "/images/4")).status).toBe(200);
  });
});
