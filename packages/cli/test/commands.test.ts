import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, EXAMPLES, emulatorEnv, fastEmulator, runPeak, SMALL_APP, tempTree } from "./helpers.js";

// Every command end to end: the built bin, spawned, against a real emulator over HTTP.

let emulator: Emulator;
let env: Record<string, string>;
const run = (args: string[], cwd = EXAMPLES) => runPeak(args, { env, cwd });
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

beforeAll(async () => {
  emulator = await fastEmulator();
  env = emulatorEnv(emulator);
});
afterAll(() => emulator.stop());

describe("peak images: writes", () => {
  it("create FILE -v params renders the template, zips the artifact and prints the service's answer", async () => {
    const result = await run(["images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=e2e-create"]);
    expect(result.code, result.stderr).toBe(0);
    const created = json(result.stdout);
    expect(created).toMatchObject({
      imageId: expect.any(Number),
      versionId: expect.any(Number),
      buildId: expect.any(Number),
    });
    const post = emulator.requests().find((request) => request.operationId === "createImage");
    expect(post?.fields).toEqual(["artifact", "name", "type", "version", "description", "buildDetails"]);
  });

  it("create --wait --follow streams the log on stderr and exits 0 on success", async () => {
    const result = await run([
      "images",
      "create",
      "image.yaml",
      "-v",
      "params.yaml",
      "-p",
      "image_name=e2e-wait",
      "--wait",
      "--follow",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d: Step 1\/\d+ : ARG PYTHON_VERSION=3.12$/m);
    expect(result.stderr).toContain("Build succeeded");
    expect(json(result.stdout).buildId).toEqual(expect.any(Number));
  });

  it("create --wait exits 1 with the last log lines when the build fails", async () => {
    const tree = tempTree({ Dockerfile: "FROM alpine\nCOPY missing.txt /\n", "keep.txt": "x" });
    try {
      const result = await run(
        [
          "images",
          "create",
          "--name",
          "e2e-fails",
          "--type",
          "workflow",
          "--artifact-path",
          tree.dir,
          "--skip-preflight",
          "--wait",
        ],
        tree.dir,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("  | Build failed");
      expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(
        /^peak: build \d+ of image \d+ ended with status failed/,
      );
      expect(json(result.stdout).buildId).toEqual(expect.any(Number));
    } finally {
      tree.cleanup();
    }
  });

  it("create-version, update-version and create-or-update go to their endpoints", async () => {
    const created = json(
      (
        await run([
          "images",
          "create",
          "--name",
          "e2e-versions",
          "--type",
          "api",
          "--source",
          "dockerfile",
          "--dockerfile",
          "FROM nginx",
          "--version",
          "1.0.0",
        ])
      ).stdout,
    );
    const imageId = String(created.imageId);
    const version = await run([
      "images",
      "create-version",
      imageId,
      "--version",
      "1.0.1",
      "--source",
      "dockerfile",
      "--dockerfile",
      "FROM nginx",
    ]);
    expect(version.code, version.stderr).toBe(0);
    const versionId = String(json(version.stdout).versionId);
    const update = await run([
      "images",
      "update-version",
      "--image-id",
      imageId,
      "--version-id",
      versionId,
      "--description",
      "updated",
      "--no-use-cache",
    ]);
    // The version may already be ready (fast builds): then the service answers 409, which exits 1.
    if (update.code === 0) {
      expect(json(update.stdout).versionId).toBe(Number(versionId));
      const patch = emulator.requests().findLast((request) => request.method === "PATCH");
      expect(patch?.fields).toEqual(expect.arrayContaining(["description", "buildDetails"]));
    } else {
      expect(update.code).toBe(1);
      expect(update.stderr).toMatch(/^peak: HTTP 409 from PATCH/m);
    }
    const upsert = await run([
      "images",
      "create-or-update",
      "--name",
      "e2e-versions",
      "--type",
      "api",
      "--version",
      "1.0.2",
      "--source",
      "dockerfile",
      "--dockerfile",
      "FROM nginx",
      "--wait",
    ]);
    expect(upsert.code, upsert.stderr).toBe(0);
    expect(upsert.stderr).toContain(`create-or-update: image ${imageId} has no such version: creating it`);
    expect(json(upsert.stdout).imageId).toBe(Number(imageId));
  });

  it("update-version of a not-ready version rebuilds it", async () => {
    const tree = tempTree({ Dockerfile: "FROM alpine\nCOPY missing.txt /\n" });
    try {
      const failed = json(
        (
          await run(
            [
              "images",
              "create",
              "--name",
              "e2e-update",
              "--type",
              "workflow",
              "--artifact-path",
              tree.dir,
              "--skip-preflight",
              "--wait",
            ],
            tree.dir,
          )
        ).stdout,
      );
      const result = await run([
        "images",
        "update-version",
        "--image-id",
        String(failed.imageId),
        "--version-id",
        String(failed.versionId),
        "--source",
        "dockerfile",
        "--dockerfile",
        "FROM alpine",
        "--wait",
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(json(result.stdout).versionId).toBe(failed.versionId);
    } finally {
      tree.cleanup();
    }
  });
});

describe("peak images: reads and deletes", () => {
  let imageId: string;
  let versionId: string;
  let buildId: string;
  beforeAll(async () => {
    const created = json(
      (await run(["images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=e2e-reads", "--wait"]))
        .stdout,
    );
    imageId = String(created.imageId);
    versionId = String(created.versionId);
    buildId = String(created.buildId);
  });

  it("list prints the service's page as JSON, filters sent as repeated keys", async () => {
    const result = await run([
      "images",
      "list",
      "--name",
      "e2e-reads",
      "--status",
      "ready,not-ready",
      "--page-size",
      "5",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const page = json(result.stdout);
    expect(page).toMatchObject({ imageCount: 1, pageSize: 5, images: [{ name: "e2e-reads" }] });
    const request = emulator.requests().findLast((r) => r.operationId === "listImages");
    expect(request?.query).toMatchObject({ searchTerm: "e2e-reads", status: ["ready", "not-ready"], pageSize: "5" });
  });

  it("list -o yaml prints PyYAML-style YAML", async () => {
    const result = await run(["images", "list", "--name", "e2e-reads", "-o", "yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^imageCount: 1\nimages:\n- {3}createdAt: '[^']+'\n {4}createdBy: /);
  });

  it("list-versions, describe, describe-version, list-builds", async () => {
    const versions = await run(["images", "list-versions", imageId]);
    expect(json(versions.stdout)).toMatchObject({ versionCount: 1, versions: [{ id: Number(versionId) }] });
    const image = await run(["images", "describe", imageId]);
    expect(json(image.stdout)).toMatchObject({ id: Number(imageId), name: "e2e-reads" });
    const version = await run(["images", "describe-version", "--image-id", imageId, "--version-id", versionId]);
    expect(json(version.stdout)).toMatchObject({ id: Number(versionId), imageName: "e2e-reads", status: "ready" });
    const builds = await run(["images", "list-builds", imageId, "--build-status", "success", "--count=-1"]);
    expect(json(builds.stdout)).toMatchObject({
      buildCount: 1,
      builds: [{ buildId: Number(buildId), status: "success" }],
    });
    const request = emulator.requests().findLast((r) => r.operationId === "listImageBuilds");
    expect(request?.query).toMatchObject({ count: "-1", buildStatus: "success" });
  });

  it("get-build-logs: one page, --follow lines on stdout, --save to a file", async () => {
    const page = await run(["images", "get-build-logs", "--image-id", imageId, "--build-id", buildId]);
    expect(json(page.stdout)).toMatchObject({ buildStatus: "success", logs: expect.any(Array) });
    const follow = await run(["images", "get-build-logs", "--image-id", imageId, "--build-id", buildId, "--follow"]);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d: Build succeeded$/m);
    const file = path.join(tmpdir(), `peak-cli-test-${process.pid}-${Date.now()}.log`);
    try {
      const save = await run([
        "images",
        "get-build-logs",
        "--image-id",
        imageId,
        "--build-id",
        buildId,
        "--save",
        "--file-name",
        file,
      ]);
      expect(save.stdout).toBe(`Log contents have been saved to: ${file}\n`);
      expect(readFileSync(file, "utf8")).toContain("Build succeeded");
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("wait prints the outcome of a finished build", async () => {
    const result = await run(["images", "wait", "--image-id", imageId, "--build-id", buildId]);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({
      imageId: Number(imageId),
      buildId: Number(buildId),
      status: "success",
    });
  });

  it("delete-version, delete-versions and delete", async () => {
    const second = json(
      (
        await run([
          "images",
          "create-version",
          imageId,
          "--version",
          "0.0.2",
          "--source",
          "dockerfile",
          "--dockerfile",
          "FROM nginx",
        ])
      ).stdout,
    );
    const third = json(
      (
        await run([
          "images",
          "create-version",
          imageId,
          "--version",
          "0.0.3",
          "--source",
          "dockerfile",
          "--dockerfile",
          "FROM nginx",
        ])
      ).stdout,
    );
    const one = await run([
      "images",
      "delete-version",
      "--image-id",
      imageId,
      "--version-id",
      String(second.versionId),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(json(one.stdout)).toEqual({});
    const many = await run([
      "images",
      "delete-versions",
      "--image-id",
      imageId,
      "--version-ids",
      `${third.versionId},${versionId}`,
    ]);
    expect(many.code, many.stderr).toBe(0);
    const request = emulator.requests().findLast((r) => r.operationId === "deleteVersions");
    expect([request?.query.versionIds].flat().map(String)).toEqual([String(third.versionId), versionId]);
    const image = await run(["images", "delete", imageId]);
    expect(image.code).toBe(0);
    expect((await run(["images", "describe", imageId])).code).toBe(1);
  });
});

describe("peak artifact", () => {
  it("ls prints the uploaded files, one per line", async () => {
    const result = await run(["artifact", "ls", "."]);
    expect(result.stdout.split("\n")).toEqual([
      ".dockerignore",
      "Dockerfile",
      "Dockerfile.dev",
      "app/__init__.py",
      "app/main.py",
      "config/settings.yaml",
      "requirements.txt",
      "",
    ]);
  });

  it("ls --ignore-file uses the given ignore files", async () => {
    const tree = tempTree({ ...SMALL_APP, "notes.md": "x", ".myignore": "*.md\n" });
    try {
      const result = await run(["artifact", "ls", tree.dir, "--ignore-file", ".myignore"]);
      expect(result.stdout).toBe(".myignore\nDockerfile\napp.py\n");
    } finally {
      tree.cleanup();
    }
  });

  it("zip writes the zip that would be uploaded", async () => {
    const out = path.join(tmpdir(), `peak-cli-test-${process.pid}.zip`);
    try {
      const result = await run(["artifact", "zip", ".", "-o", out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^wrote .*: 7 files, /);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    } finally {
      rmSync(out, { force: true });
    }
  });

  it("check passes on the example and fails on the dev Dockerfile, naming the ignore line and the fix", async () => {
    const ok = await run(["artifact", "check", "."]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: Dockerfile/);
    const bad = await run(["artifact", "check", ".", "--dockerfile-path", "Dockerfile.dev"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("excluded by .dockerignore line 6: tests/");
    expect(bad.stdout).toContain("!/tests/");
    const asJson = await run(["artifact", "check", ".", "--dockerfile-path", "Dockerfile.dev", "-o", "json"]);
    expect(json(asJson.stdout)).toMatchObject({
      ok: false,
      issues: [{ kind: "copy-source-missing", reinclude: "!/tests/" }],
    });
  });
});

describe("global behaviour", () => {
  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")) as { version: string };
    const result = await run(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("--help works on every level and shows examples", async () => {
    for (const args of [
      ["--help"],
      ["images", "--help"],
      ["artifact", "--help"],
      ["images", "create", "--help"],
      ["images", "list", "-h"],
    ]) {
      const result = await run(args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(/Usage: peak/);
    }
    expect((await run(["images", "get-build-logs", "--help"])).stdout).toContain(
      "Examples:\n  $ peak images get-build-logs",
    );
  });

  it("--generate prints the sample YAML of each variant", async () => {
    const result = await run(["images", "create", "--generate"]);
    expect(result.code).toBe(0);
    const docs = result.stdout.split(/^---$/m);
    expect(docs).toHaveLength(3);
    expect(docs.map((doc) => /source: (\w+)/.exec(doc)?.[1])).toEqual(["upload", "github", "dockerfile"]);
  });

  it("nothing is left in the working folder and no temp zip is left behind", async () => {
    expect(existsSync(path.join(EXAMPLES, "artifact.zip"))).toBe(false);
  });
});
