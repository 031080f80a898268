import { execFile } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { EMPTY_ZIP, emulated, KEY, tempDir } from "./helpers.js";

// The browser entry is what bundlers pick for the web: it must bundle without Node built-ins and work with zip
// bytes. The program below is bundled for the browser, then run (Node has the web APIs it uses) against the emulator.
const PROGRAM = `
import { getClient, UnsupportedArtifactError } from "@peak-images/sdk";
const client = getClient({ baseUrl: process.argv[2], apiKey: process.argv[3] });
const zip = new Uint8Array(JSON.parse(process.argv[4]));
const created = await client.createImage({ name: "from-browser", type: "api", buildDetails: { source: "dockerfile", dockerfile: "FROM alpine" } });
const page = await client.listImages();
const image = await client.describeImage(created.imageId);
let folder = "accepted";
try {
  await client.createImage({ name: "b", type: "api" }, { artifact: { path: "." } });
} catch (error) {
  folder = error instanceof UnsupportedArtifactError ? error.message : String(error);
}
let bytes = "sent";
try {
  await client.createVersion(created.imageId, { version: "0.0.2" }, { artifact: new Blob([zip]) });
} catch (error) {
  bytes = error.name + ": " + error.message;
}
console.log(JSON.stringify({ count: page.imageCount, name: image.name, folder, bytes }));
`;

let bundlePath = "";
let bundleText = "";

beforeAll(async () => {
  const dir = tempDir("sdk-browser-");
  writeFileSync(join(dir, "main.mjs"), PROGRAM);
  // The app depends on the built package, as an installed dependency would be.
  mkdirSync(join(dir, "node_modules", "@peak-images"), { recursive: true });
  symlinkSync(join(import.meta.dirname, ".."), join(dir, "node_modules", "@peak-images", "sdk"));
  bundlePath = join(dir, "bundle.mjs");
  const result = await build({
    entryPoints: [join(dir, "main.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
    define: { "process.argv": "globalThis.process.argv" },
    logLevel: "error",
  });
  bundleText = result.outputFiles[0]?.text ?? "";
  writeFileSync(bundlePath, bundleText);
});

describe("the browser entry", () => {
  it("bundles for the browser with no Node built-in and no artifact code", () => {
    expect(bundleText.length).toBeGreaterThan(1000);
    expect(bundleText).not.toMatch(/\bfrom\s*"(node:)?(fs|path|os|crypto|stream|worker_threads|zlib)"/);
    expect(bundleText).not.toMatch(/require\("(node:)?(fs|path|os)"\)/);
    expect(bundleText).not.toContain("dockerignore");
  });

  it("lists, describes and creates against the emulator; a folder artifact is a clear error", async () => {
    const { emulator } = await emulated({ buildMs: 0 });
    // Asynchronously: the emulator answers from this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, [
      bundlePath,
      emulator.url,
      KEY,
      JSON.stringify([...EMPTY_ZIP]),
    ]);
    const result = JSON.parse(out) as { count: number; name: string; folder: string; bytes: string };
    expect(result.count).toBe(1);
    expect(result.name).toBe("from-browser");
    expect(result.folder).toContain("can only be zipped under Node");
    // The zip bytes reached the service as the artifact part (an empty zip has no Dockerfile: its build fails later).
    expect(result.bytes).toBe("sent");
    expect(emulator.requests().find((r) => r.operationId === "createVersion")?.fields).toEqual(["artifact", "version"]);
  });
});
