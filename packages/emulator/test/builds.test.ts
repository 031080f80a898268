import { describe, expect, it } from "vitest";
import {
  call,
  createImage,
  form,
  type Loose,
  makeZip,
  readAllLogs,
  sampleZip,
  start,
  waitForBuild,
} from "./helpers.js";

async function messages(emu: Awaited<ReturnType<typeof start>>, imageId: number, buildId: number): Promise<string[]> {
  const pages = await readAllLogs(emu, imageId, buildId);
  return pages.flatMap((p: Loose) => p.logs.map((l: { message: string }) => l.message));
}

describe("builds from uploaded artifacts", () => {
  it("logs one Step line per instruction and succeeds", async () => {
    const emu = await start({ logPageSize: 100 });
    const { imageId, buildId } = await createImage(emu);
    const lines = await messages(emu, imageId, buildId);
    expect(lines.filter((l) => l.startsWith("Step "))).toEqual([
      "Step 1/5 : FROM python:3.12-slim",
      "Step 2/5 : WORKDIR /app",
      "Step 3/5 : COPY requirements.txt .",
      "Step 4/5 : RUN pip install -r requirements.txt",
      "Step 5/5 : COPY src/ ./src",
    ]);
    expect(lines.at(-1)).toBe("Build succeeded");
  });

  it("reads the Dockerfile at context/dockerfilePath and resolves COPY sources inside the context", async () => {
    const emu = await start({ logPageSize: 100 });
    const zip = makeZip({
      "svc/": "",
      "svc/docker/": "",
      "svc/docker/Dockerfile.prod": [
        "# syntax=docker/dockerfile:1",
        "ARG BASE=python:3.12",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template.
        "FROM ${BASE} AS build",
        "COPY --chown=1000:1000 *.txt \\",
        "     /app/",
        'COPY ["lib/util.py", "/app/lib/"]',
        "COPY --from=build /app /final",
        "ADD https://example.com/archive.tgz /tmp/",
        "COPY $HOME/file /x",
        "COPY lib/ /app/lib",
        'CMD ["python", "main.py"]',
      ].join("\n"),
      "svc/requirements.txt": "x",
      "svc/lib/": "",
      "svc/lib/util.py": "x",
    });
    const { imageId, buildId } = await createImage(
      emu,
      {
        buildDetails: {
          context: "svc",
          dockerfilePath: "docker/Dockerfile.prod",
          buildArguments: [{ name: "BASE", value: "python:3.12" }],
          secrets: ["PYPI"],
        },
      },
      zip,
    );
    const lines = await messages(emu, imageId, buildId);
    expect(lines).toContain("Step 3/9 : COPY --chown=1000:1000 *.txt /app/");
    expect(lines).toContain("Build arguments: BASE");
    expect(lines).toContain("Secrets available: PYPI");
    expect(lines.at(-1)).toBe("Build succeeded");
    expect((await call(emu, "GET", `/images/${imageId}`)).body.latestVersion.status).toBe("ready");
  });

  it("fails with a line naming a missing COPY source, a glob that matches nothing, or a missing Dockerfile", async () => {
    const emu = await start({ logPageSize: 100 });
    const cases: [Record<string, string>, Record<string, unknown>, string][] = [
      [
        { Dockerfile: "FROM alpine\nCOPY app.py /app/\nRUN true\n" },
        {},
        "Build failed: Step 2/3: COPY source app.py not found in the artifact (looked for app.py)",
      ],
      [
        { Dockerfile: "FROM alpine\nADD *.whl /wheels/\n", "a.txt": "" },
        {},
        "Build failed: Step 2/2: ADD source *.whl not found in the artifact (looked for *.whl)",
      ],
      [{ "Dockerfile.dev": "FROM alpine\n" }, {}, "Build failed: Dockerfile not found in the artifact at Dockerfile"],
      [
        { Dockerfile: "FROM alpine\n" },
        { context: "nope" },
        "Build failed: the context folder nope/ is not in the artifact",
      ],
      [
        { Dockerfile: "FROM alpine\nCOPY ../secret /x\n" },
        {},
        "Build failed: Step 2/2: COPY source ../secret is outside the build context",
      ],
      [
        { Dockerfile: `FROM alpine\nCOPY src/${"?".repeat(1025)} /x\n`, "src/a": "" },
        {},
        `Build failed: Step 2/2: COPY source src/${"?".repeat(1025)} has a glob segment of 1,025 characters, ` +
          "more than the emulator's limit of 1,024",
      ],
      [{ Dockerfile: "RUN echo hi\n" }, {}, "Build failed: the first instruction must be FROM (found RUN)"],
      [{ Dockerfile: "# only a comment\n" }, {}, "Build failed: the Dockerfile has no instructions"],
    ];
    let n = 0;
    for (const [entries, buildDetails, last] of cases) {
      n += 1;
      const { imageId, buildId } = await createImage(emu, { name: `case-${n}`, buildDetails }, makeZip(entries));
      const lines = await messages(emu, imageId, buildId);
      expect(lines.at(-1)).toBe(last);
      const image = await call(emu, "GET", `/images/${imageId}`);
      expect(image.body.latestVersion).toMatchObject({ status: "not-ready", lastBuildStatus: "failed" });
    }
    // The Step lines stop at the failing instruction.
    const { imageId, buildId } = await createImage(emu, { name: "stops" }, makeZip(cases[0]?.[0] ?? {}));
    expect((await messages(emu, imageId, buildId)).some((l) => l.includes("RUN true"))).toBe(false);
  });

  it("fails a dockerfile-source build that copies local files, and simulates github clones", async () => {
    const emu = await start({ logPageSize: 100 });
    const df = await call(emu, "POST", "/images", {
      form: form({
        name: "df",
        type: "api",
        buildDetails: { source: "dockerfile", dockerfile: "FROM alpine\nCOPY a /a\n" },
      }),
    });
    const dfLines = await messages(emu, df.body.imageId, df.body.buildId);
    expect(dfLines.at(-1)).toMatch(/^Build failed: Step 2\/2: COPY a: a dockerfile-source build has no build context/);
    const gh = await call(emu, "POST", "/images", {
      form: form({
        name: "gh",
        type: "api",
        buildDetails: { source: "github", repository: "https://github.com/o/r", branch: "dev" },
      }),
    });
    const ghLines = await messages(emu, gh.body.imageId, gh.body.buildId);
    expect(ghLines[1]).toMatch(/^Cloning https:\/\/github.com\/o\/r \(branch dev\)/);
    expect(ghLines.at(-1)).toBe("Build succeeded");
  });
});

describe("build timing and status", () => {
  it("goes building -> success and the version not-ready -> ready, with lastBuildStatus in step", async () => {
    const emu = await start({ buildMs: 150 });
    const { imageId, versionId, buildId } = await createImage(emu);
    const during = await call(emu, "GET", `/images/${imageId}/versions/${versionId}`);
    expect(during.body).toMatchObject({ status: "not-ready", lastBuildStatus: "building" });
    expect(during.body).not.toHaveProperty("pullUrl");
    expect(await waitForBuild(emu, imageId, buildId)).toBe("success");
    const after = await call(emu, "GET", `/images/${imageId}`);
    expect(after.body.latestVersion).toMatchObject({ status: "ready", lastBuildStatus: "success" });
    expect(after.body.latestVersion.pullUrl).toContain("awesome-image:0.0.1");
    const builds = await call(emu, "GET", `/images/${imageId}/builds`);
    expect(builds.body.builds[0].finishedAt).not.toBeNull();
  });
});

describe("getBuildLogs", () => {
  it("pages with nextToken while the build runs and ends with an empty page after it finished", async () => {
    const emu = await start({ buildMs: 120, logPageSize: 2 });
    const { imageId, buildId } = await createImage(emu);
    const pages = await readAllLogs(emu, imageId, buildId);
    const all = pages.flatMap((p: Loose) => p.logs);
    // Every line exactly once, in order, with epoch-millisecond times.
    const messagesInOrder = all.map((l: { message: string }) => l.message);
    expect(new Set(messagesInOrder).size).toBe(messagesInOrder.length);
    expect(messagesInOrder.filter((m: string) => m.startsWith("Step "))).toHaveLength(5);
    for (const line of all) {
      expect(Number.isInteger(line.timestamp)).toBe(true);
      expect(line.ingestionTime).toBeGreaterThanOrEqual(line.timestamp);
    }
    expect(pages.every((p: Loose) => p.logs.length <= 2)).toBe(true);
    const last = pages.at(-1);
    expect(last).toMatchObject({ buildStatus: "success", logs: [], nextToken: null });
    expect(last.finishTime).not.toBeNull();
  });

  it("rejects tokens of another build (400) and unknown builds (404)", async () => {
    const emu = await start({ logPageSize: 2 });
    const a = await createImage(emu, { name: "a" });
    const b = await createImage(emu, { name: "b" });
    const first = await call(emu, "GET", `/images/${a.imageId}/builds/${a.buildId}/logs`);
    const foreign = await call(emu, "GET", `/images/${b.imageId}/builds/${b.buildId}/logs`, {
      query: { nextToken: first.body.nextToken },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.detail).toBe("query.nextToken: is not a token of this build's log");
    expect((await call(emu, "GET", `/images/${a.imageId}/builds/${b.buildId}/logs`)).status).toBe(404);
    expect((await call(emu, "GET", `/images/${a.imageId}/builds/999/logs`)).status).toBe(404);
  });
});

describe("downloadBuildLogs", () => {
  it("returns a link on the emulator that serves the whole log as text without an API key", async () => {
    const emu = await start();
    const { imageId, buildId } = await createImage(emu);
    const answer = await call(emu, "GET", `/images/${imageId}/builds/${buildId}/logs/download`);
    expect(answer.status).toBe(200);
    const link = new URL(answer.body.downloadUrl);
    expect(link.origin).toBe(emu.url);
    const text = await (await fetch(link)).text();
    expect(text).toContain("Step 3/5 : COPY requirements.txt .");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/Build succeeded$/);
    link.searchParams.set("X-Emulator-Signature", "0".repeat(32));
    expect((await fetch(link)).status).toBe(403);
    expect((await call(emu, "GET", `/images/${imageId}/builds/77/logs/download`)).status).toBe(404);
  });
});

describe("listImageBuilds", () => {
  it("filters by versions, buildStatus, count and dates, newest first", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu, {}, makeZip({ Dockerfile: "FROM a\nCOPY x /\n" }));
    await call(emu, "PATCH", `/images/${imageId}/versions/1`, { form: form({}, sampleZip()) });
    await call(emu, "POST", `/images/${imageId}/versions`, { form: form({}, sampleZip()) });
    const all = await call(emu, "GET", `/images/${imageId}/builds`, { query: { count: -1 } });
    expect(all.body.builds.map((b: { buildId: number }) => b.buildId)).toEqual([3, 2, 1]);
    expect(all.body).toMatchObject({ buildCount: 3, pageCount: 1 });
    const v1 = await call(emu, "GET", `/images/${imageId}/builds`, { query: { versions: 1, count: -1 } });
    expect(v1.body.builds.map((b: { buildId: number }) => b.buildId)).toEqual([2, 1]);
    const failed = await call(emu, "GET", `/images/${imageId}/builds`, { query: { buildStatus: "failed" } });
    expect(failed.body.builds.map((b: { buildId: number }) => b.buildId)).toEqual([1]);
    const latestTwo = await call(emu, "GET", `/images/${imageId}/builds`, { query: { count: 2 } });
    expect(latestTwo.body).toMatchObject({ buildCount: 2 });
    const future = await call(emu, "GET", `/images/${imageId}/builds`, {
      query: {
        dateFrom: new Date(Date.now() + 3_600_000).toISOString(),
        dateTo: new Date(Date.now() + 7_200_000).toISOString(),
      },
    });
    expect(future.body).toMatchObject({ buildCount: 0, pageCount: 0, builds: [] });
    const paged = await call(emu, "GET", `/images/${imageId}/builds`, { query: { pageSize: 2, pageNumber: 2 } });
    expect(paged.body.builds.map((b: { buildId: number }) => b.buildId)).toEqual([1]);
  });

  it("answers 400 for bad dates, count and statuses, 404 for unknown images", async () => {
    const emu = await start();
    const { imageId } = await createImage(emu);
    const path = `/images/${imageId}/builds`;
    expect((await call(emu, "GET", path, { query: { dateFrom: "yesterday" } })).body.detail).toBe(
      'query.dateFrom: must match format "date-time"',
    );
    expect((await call(emu, "GET", path, { query: { count: -2 } })).body.detail).toBe("query.count: must be >= -1");
    expect((await call(emu, "GET", path, { query: { buildStatus: "done" } })).status).toBe(400);
    const inverted = await call(emu, "GET", path, {
      query: { dateFrom: "2026-02-01T00:00:00Z", dateTo: "2026-01-01T00:00:00Z" },
    });
    expect(inverted.body.detail).toBe("query.dateFrom: must not be after dateTo");
    expect((await call(emu, "GET", "/images/55/builds")).status).toBe(404);
  });
});
