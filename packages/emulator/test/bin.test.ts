import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type * as Emulator from "../src/index.js";
import { base, form, key, sampleZip } from "./helpers.js";

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
    }
  }
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  firstLine: Promise<string>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) {
        resolve(out.split("\n")[0] ?? "");
      }
    });
    child.on("exit", () => reject(new Error(`exited early: ${err}`)));
  });
  return { child, stdout: () => out, stderr: () => err, firstLine };
}

describe("peak-images-emulator bin", () => {
  it("is built", () => {
    expect(existsSync(bin)).toBe(true);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`prints exactly one line when ready, serves the API, and stops on ${signal}`, async () => {
      const emu = run(["--port", "0", "--api-key", "bin-key", "--build-ms", "0", "--seed-images", "3"]);
      const line = await emu.firstLine;
      expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.slice("listening on ".length);
      const denied = await fetch(`${url}${base}/images`, { headers: { Authorization: key } });
      expect(denied.status).toBe(401);
      const listed = await fetch(`${url}${base}/images/`, { headers: { Authorization: "bin-key" } });
      expect(((await listed.json()) as { imageCount: number }).imageCount).toBe(3);
      const exited = once(emu.child, "exit");
      emu.child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(emu.stdout()).toBe(`${line}\n`);
      await expect(fetch(`${url}${base}/images`)).rejects.toThrow();
    });
  }

  it("refuses unknown flags and bad values with exit code 2 and nothing on stdout", async () => {
    for (const args of [
      ["--nope"],
      ["--port", "abc"],
      ["--fault-rate", "2"],
      ["--port", "70000"],
      ["--max-artifact-mb", "0"],
      ["--cors-origin", "null"],
    ]) {
      const emu = run(args);
      emu.firstLine.catch(() => undefined);
      const [code] = await once(emu.child, "exit");
      expect(code, args.join(" ")).toBe(2);
      expect(emu.stdout()).toBe("");
      expect(emu.stderr()).toContain("peak-images-emulator:");
    }
  });

  it("prints the usage for --help", async () => {
    const emu = run(["--help"]);
    const line = await emu.firstLine;
    expect(line).toBe("Usage: peak-images-emulator [options]");
    await once(emu.child, "exit");
    for (const flag of [
      "--port",
      "--host",
      "--api-key",
      "--build-ms",
      "--max-artifact-mb",
      "--fault-rate",
      "--latency-ms",
      "--seed",
      "--seed-images",
      "--cors-origin",
      "--request-timeout-ms",
      "--headers-timeout-ms",
      "--keep-alive-timeout-ms",
      "--max-connections",
    ]) {
      expect(emu.stdout()).toContain(flag);
    }
  });
});

/** Creates an image from the sample zip through a built emulator and reads how its build ended. */
async function buildThrough(url: string, apiKey: string): Promise<string> {
  const created = await fetch(`${url}${base}/images`, {
    method: "POST",
    headers: { Authorization: apiKey },
    body: form({ name: "from-dist", type: "workflow" }, sampleZip()),
  });
  expect(created.status).toBe(201);
  const { imageId } = (await created.json()) as { imageId: number };
  const image = await fetch(`${url}${base}/images/${imageId}`, { headers: { Authorization: apiKey } });
  return ((await image.json()) as { latestVersion: { lastBuildStatus: string } }).latestVersion.lastBuildStatus;
}

describe("the built package", () => {
  it("runs builds from the bin: the Dockerfile parser's worker starts from dist/", async () => {
    const emu = run(["--port", "0", "--build-ms", "0"]);
    const url = (await emu.firstLine).slice("listening on ".length);
    expect(await buildThrough(url, key)).toBe("success");
    emu.child.kill("SIGTERM");
    await once(emu.child, "exit");
  });

  it("runs builds from the CommonJS entry too", async () => {
    const cjs = createRequire(import.meta.url)(dist("index.cjs")) as typeof Emulator;
    const emulator = await cjs.startEmulator({ buildMs: 0 });
    try {
      expect(await buildThrough(emulator.url, key)).toBe("success");
    } finally {
      await emulator.stop();
    }
  });

  it("has declarations that stand alone (core is a devDependency, for types the emitted code does not name)", () => {
    for (const file of ["index.d.ts", "index.d.cts"]) {
      expect(readFileSync(dist(file), "utf8")).not.toContain("@peak-images/core");
    }
  });
});
