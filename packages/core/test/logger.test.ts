import { afterEach, describe, expect, it, vi } from "vitest";
import { createImagesApi } from "../src/index.js";
import { EMPTY_IMAGE_PAGE, json, type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const SECRET = "super-secret-key-8d2f";

describe("debug logging", () => {
  it("logs each attempt and answer with the Authorization value redacted", async () => {
    server = await scriptedServer((_req, res, i) =>
      i === 0 ? json(res, 503, { detail: "busy" }) : json(res, 200, EMPTY_IMAGE_PAGE, { "x-request-id": "r-1" }),
    );
    const lines: string[] = [];
    const api = createImagesApi({
      baseUrl: server.url,
      apiKey: SECRET,
      headers: { cookie: "session=abc" },
      backoff: { baseDelayMs: 1 },
      logger: { debug: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`) },
    });
    await api.GET("/images");
    const text = lines.join("\n");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("session=abc");
    expect(text).toContain('"authorization":"***"');
    expect(lines.filter((line) => line.startsWith("→ GET "))).toHaveLength(2);
    expect(text).toContain("← 503 GET");
    expect(text).toContain('"requestId":"r-1"');
    expect(server.seen[1]?.headers.authorization).toBe(SECRET);
  });

  it("PEAK_LOG=debug writes the same lines to stderr, still redacted", async () => {
    server = await scriptedServer((_req, res) => json(res, 200, EMPTY_IMAGE_PAGE));
    vi.stubEnv("PEAK_LOG", "debug");
    const stderr = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await createImagesApi({ baseUrl: server.url, apiKey: SECRET }).GET("/images");
    const text = stderr.mock.calls.map((args) => args.join(" ")).join("\n");
    expect(text).toContain("[peak-images] → GET");
    expect(text).not.toContain(SECRET);
  });
});
