import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Emulator, startEmulator } from "@peak-images/emulator";
import { build } from "esbuild";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The SDK's browser entry in a real browser: Debian's Chromium, driven by playwright-core (which never downloads a
// browser here). A page served from one loopback origin uses the emulator on another one, so every call crosses
// CORS, and the artifact is a File the user picked in an <input type=file>.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const KEY = "browser-test-key";
const available = existsSync(CHROMIUM);

if (!available && !process.env.CI) {
  console.warn(`skipping the Chromium test: no browser at ${CHROMIUM} (apt-get install chromium; CI installs it)`);
}

// A closed network refuses Chromium's background connections, many at a time: they are all turned off.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const cleanups: Array<() => Promise<unknown> | unknown> = [];
let emulator: Emulator;
let pageOrigin = "";
let context: BrowserContext;
let zipPath = "";

/** Serves the page and its bundle (nothing else) on a loopback port chosen by the OS. */
async function servePage(files: Record<string, { type: string; body: string }>): Promise<string> {
  const server: Server = createServer((req, res) => {
    const file = files[(req.url ?? "/").split("?")[0] ?? "/"];
    res.writeHead(file === undefined ? 404 : 200, { "Content-Type": file?.type ?? "text/plain" });
    res.end(file?.body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A real build context, zipped by Info-ZIP as a user would before picking it in the page. */
async function zipBuildContext(dir: string): Promise<string> {
  const context = join(dir, "context");
  mkdirSync(join(context, "site"), { recursive: true });
  writeFileSync(join(context, "Dockerfile"), "FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n");
  writeFileSync(join(context, "site", "index.html"), "<h1>hello</h1>\n");
  const zip = join(dir, "webapp.zip");
  await promisify(execFile)("zip", ["-q", "-r", zip, "."], { cwd: context });
  return zip;
}

beforeAll(async () => {
  if (!available) {
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "peak-browser-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  zipPath = await zipBuildContext(dir);
  // Bundled as a web app would be: the browser platform picks the SDK's `browser` export condition.
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, "browser", "page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "error",
  });
  pageOrigin = await servePage({
    "/": { type: "text/html", body: readFileSync(join(import.meta.dirname, "browser", "index.html"), "utf8") },
    "/page.js": { type: "text/javascript", body: bundle.outputFiles[0]?.text ?? "" },
  });
  emulator = await startEmulator({ port: 0, apiKey: KEY, buildMs: 20 });
  cleanups.push(() => emulator.stop());
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  cleanups.push(() => context.close());
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** Waits for the page's script to finish and returns what each field of the page shows. */
async function shown(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector("body[data-state=done], body[data-state=failed]", { timeout: 30_000 });
  return page.$$eval("dd", (cells) => Object.fromEntries(cells.map((cell) => [cell.id, cell.textContent ?? ""])));
}

describe.skipIf(!available && !process.env.CI)("the SDK in Chromium", () => {
  it("creates an image from a picked zip File, then lists, describes and reads its build over CORS", async () => {
    expect(available, `Chromium is required under CI at ${CHROMIUM} (.ci/run installs it with apt)`).toBe(true);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${pageOrigin}/?api=${encodeURIComponent(emulator.url)}&key=${KEY}`);
    await page.waitForSelector("body[data-state=ready]");
    await page.setInputFiles("#artifact", zipPath);
    const view = await shown(page);

    expect(view.error).toBe("");
    expect(errors).toEqual([]);
    const size = readFileSync(zipPath).length;
    expect(view.file).toBe(`webapp.zip ${size} application/zip`);
    expect(JSON.parse(view.created ?? "")).toEqual({ imageId: 1, versionId: 1, buildId: 1 });
    // The emulator built the Dockerfile it found in the uploaded zip, COPY source included.
    expect(view.build).toBe("success");
    expect(JSON.parse(view.list ?? "")).toEqual({ count: 1, names: ["from-the-browser"] });
    expect(JSON.parse(view.describe ?? "")).toEqual({ name: "from-the-browser", type: "webapp", version: "1.0.0" });
    expect(view.logs).toContain("COPY site/ /usr/share/nginx/html/");

    // What the emulator saw: cross-origin calls from the page (preflighted), the File as the artifact part.
    const received = emulator.requests();
    const create = received.find((r) => r.operationId === "createImage");
    expect(create?.headers.origin).toBe(pageOrigin);
    expect(create?.fields[0]).toBe("artifact");
    expect(create?.fields).toEqual(expect.arrayContaining(["artifact", "name", "type", "version", "buildDetails"]));
    expect(create?.status).toBe(201);
    expect(received.some((r) => r.method === "OPTIONS" && r.headers.origin === pageOrigin)).toBe(true);
    for (const id of ["listImages", "describeImage", "getBuildLogs"]) {
      expect(received.find((r) => r.operationId === id)?.status, id).toBe(200);
    }
  });
});
