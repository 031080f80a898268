import { expect, it } from "vitest";
import { call, createImage, form, type Loose, readAllLogs, sampleZip, start, waitForBuild } from "./helpers.js";

it("create -> build -> logs (paged) -> describe -> list with filters -> update -> delete", async () => {
  const emu = await start({ buildMs: 100, logPageSize: 3 });
  const broken = sampleZip({ Dockerfile: "FROM python:3.12-slim\nCOPY requirements.txt .\nCOPY app.py .\n" });
  const { imageId, versionId, buildId } = await createImage(emu, { name: "flow-image", type: "api" }, broken);

  // Build, read in pages while it runs.
  const pages = await readAllLogs(emu, imageId, buildId);
  const lines = pages.flatMap((p: Loose) => p.logs.map((l: { message: string }) => l.message));
  expect(pages.length).toBeGreaterThan(2);
  expect(lines).toContain("Step 2/3 : COPY requirements.txt .");
  expect(lines.at(-1)).toBe("Build failed: Step 3/3: COPY source app.py not found in the artifact (looked for app.py)");

  // Describe.
  const version = await call(emu, "GET", `/images/${imageId}/versions/${versionId}`);
  expect(version.body).toMatchObject({
    imageName: "flow-image",
    imageType: "api",
    status: "not-ready",
    lastBuildStatus: "failed",
  });

  // List with filters.
  const failedImages = await call(emu, "GET", "/images", {
    query: { lastBuildStatus: "failed", scope: "custom", searchTerm: "flow" },
  });
  expect(failedImages.body.images.map((i: { id: number }) => i.id)).toEqual([imageId]);
  const readyImages = await call(emu, "GET", "/images", { query: { status: "ready" } });
  expect(readyImages.body.imageCount).toBe(0);

  // Update with the missing file, rebuild, now ready.
  const update = await call(emu, "PATCH", `/images/${imageId}/versions/${versionId}`, {
    form: form(
      { description: "with app.py" },
      sampleZip({ Dockerfile: "FROM python:3.12-slim\nCOPY app.py .\n", "app.py": "" }),
      true,
    ),
  });
  expect(update.status).toBe(200);
  expect(await waitForBuild(emu, imageId, update.body.buildId)).toBe("success");
  const listed = await call(emu, "GET", "/images", { query: { status: "ready", lastBuildStatus: "success" } });
  expect(listed.body.images).toMatchObject([
    { id: imageId, latestVersion: { description: "with app.py", status: "ready" } },
  ]);
  const builds = await call(emu, "GET", `/images/${imageId}/builds`, { query: { count: -1, versions: versionId } });
  expect(builds.body.builds.map((b: { status: string }) => b.status)).toEqual(["success", "failed"]);

  // Delete.
  expect((await call(emu, "DELETE", `/images/${imageId}`)).status).toBe(200);
  expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
  expect((await call(emu, "GET", `/images/${imageId}/builds/${buildId}/logs`)).status).toBe(404);
});
