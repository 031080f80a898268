import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BIN, type Emulator, EXAMPLES, emulatorEnv, fastEmulator, peakEnv } from "./helpers.js";

// Ctrl-C during an upload: the request is aborted, the SDK removes its temporary zip, peak exits 130.

let emulator: Emulator;
let tmp: string;
beforeAll(async () => {
  emulator = await fastEmulator({ latencyMs: 20_000 });
  tmp = mkdtempSync(path.join(tmpdir(), "peak-cli-sigint-"));
});
afterAll(async () => {
  await emulator.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it("SIGINT while the upload is in flight exits 130 and leaves no temporary artifact", async () => {
  const child = spawn(
    process.execPath,
    [BIN, "images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=interrupted", "--debug"],
    { cwd: EXAMPLES, env: peakEnv({ ...emulatorEnv(emulator), TMPDIR: tmp }), stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  let sawTempZip = false;
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no upload started: ${stderr}`)), 20_000);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("→ POST")) {
        clearTimeout(timer);
        sawTempZip = readdirSync(tmp).some((name) => name.startsWith("peak-images-artifact-"));
        resolve();
      }
    });
  });
  // The zip exists while the upload is in flight (so the test can see it removed).
  expect(sawTempZip).toBe(true);
  child.kill("SIGINT");
  expect(await exited).toBe(130);
  expect(stderr.trimEnd().split("\n").at(-1)).toBe("peak: interrupted");
  expect(readdirSync(tmp).filter((name) => name.startsWith("peak-images-artifact-"))).toEqual([]);
  // The emulator saw the upload arrive and never answered it.
  expect(
    emulator.requests().filter((request) => request.operationId === "createImage" && request.status !== undefined),
  ).toEqual([]);
});
