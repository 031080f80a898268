import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, EXAMPLES, fastEmulator, type PeakRun, runPeak } from "./helpers.js";

// A canary API key and a canary github token never appear in anything peak prints: results, --dry-run, --debug
// traces, error messages and stack traces.

const KEY = "canary-key-5d41402abc4b2a76";
const TOKEN = "canary-token-7d793037a0760186";
let emulator: Emulator;
const runs: PeakRun[] = [];

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await runPeak(args, {
    cwd: EXAMPLES,
    env: { PEAK_BASE_URL: emulator.url, PEAK_API_KEY: KEY, ...extraEnv },
  });
  runs.push(result);
  return result;
}

const GITHUB = [
  "--name",
  "gh-image",
  "--type",
  "workflow",
  "--source",
  "github",
  "--repository",
  "https://github.com/org/repo",
  "--branch",
  "main",
  "--token",
  TOKEN,
];

beforeAll(async () => {
  emulator = await fastEmulator({ apiKey: KEY });
});
afterAll(() => emulator.stop());

describe("secrets stay out of the output", () => {
  it("create with a github token: plain, --debug, --dry-run, --dry-run --debug", async () => {
    const created = await run(["images", "create", ...GITHUB, "--debug", "--wait", "--follow"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain("peak debug: → POST");
    expect(created.stderr).toContain('"authorization":"***"');
    const { imageId, versionId, buildId } = JSON.parse(created.stdout) as Record<string, number>;
    const dry = await run(["images", "create", ...GITHUB, "--secrets", "S1,S2", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    const request = JSON.parse(dry.stdout).request;
    expect(request.headers.Authorization).toBe("***");
    expect(request.body.buildDetails).toMatchObject({ token: "***", secrets: ["***", "***"] });
    await run(["images", "create", ...GITHUB, "--dry-run", "--debug", "-o", "yaml"]);
    await run([
      "images",
      "describe-version",
      "--image-id",
      String(imageId),
      "--version-id",
      String(versionId),
      "--debug",
    ]);
    await run(["images", "get-build-logs", "--image-id", String(imageId), "--build-id", String(buildId), "--debug"]);
    await run([
      "images",
      "update-version",
      "--image-id",
      String(imageId),
      "--version-id",
      String(versionId),
      "--token",
      TOKEN,
      "--source",
      "github",
      "--debug",
    ]);
    await run(["images", "create-or-update", ...GITHUB, "--version", "0.0.9", "--dry-run", "--debug"]);
  });

  it("failures: a rejected key, a wrong base URL, a bad body, all with --debug stack traces", async () => {
    expect((await run(["images", "list", "--debug"], { PEAK_API_KEY: `${KEY}-wrong` })).code).toBe(4);
    expect((await run(["images", "list", "--debug", "--base-url", "http://127.0.0.1:9"])).code).toBe(1);
    expect((await run(["images", "create", ...GITHUB, "--type", "nope", "--debug"])).code).toBe(2);
    expect((await run(["images", "create", "--name", "a", "--token", TOKEN, "--debug"])).code).toBe(2);
    const interrupted = await run(["images", "describe", "99999", "--debug"]);
    expect(interrupted.stderr).toMatch(/NotFoundError: Image 99999 not found\n\s+at /);
  });

  it("no output of any run held the key or the token", () => {
    expect(runs.length).toBeGreaterThanOrEqual(12);
    for (const result of runs) {
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(TOKEN);
      }
    }
  });
});
