import { afterEach, describe, expect, it, vi } from "vitest";
import { createImagesApi, InvalidResponseError, ValidationError } from "../src/index.js";
import { type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
});

function capture(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("a key that cannot travel in a header", () => {
  const BAD_KEYS = [
    ["CRLF", "secret-key\r\nX-Injected: 1"],
    ["LF", "secret-key\nmore"],
    ["NUL", "secret\u0000key"],
    ["beyond Latin-1", "secret-kéy-\u2603"],
  ];

  it.each(BAD_KEYS)("a key with %s is a ValidationError when the client is made, without the key", (_name, key) => {
    let error: unknown;
    try {
      createImagesApi({ baseUrl: "http://127.0.0.1:9", apiKey: key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("apiKey");
    expect(String((error as Error).message)).not.toContain("secret");
    expect(JSON.stringify(error)).not.toContain("secret");
  });

  it("the same check applies to PEAK_API_KEY and names the variable", () => {
    vi.stubEnv("PEAK_API_KEY", "secret\r\n");
    expect(() => createImagesApi({ baseUrl: "http://127.0.0.1:9" })).toThrow(/PEAK_API_KEY holds a character/);
  });

  it.each([
    ["undefined", undefined],
    ["an empty string", ""],
    ["a key with a line break", "secret\nkey"],
  ])("a key function returning %s fails typed and sends nothing", async (_name, value) => {
    server = await scriptedServer((_req, res) => res.end("{}"));
    const api = createImagesApi({ baseUrl: server.url, apiKey: () => value as string });
    const error = await capture(api.GET("/images"));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("the apiKey function");
    expect((error as Error).message).not.toContain("secret");
    expect(server.seen).toHaveLength(0);
  });
});

describe("a 2xx that is not the promised JSON", () => {
  const CASES = [
    { name: "broken JSON", body: "{not json", type: "application/json", want: 'not JSON: "{not json"' },
    {
      name: "an HTML page",
      body: `<html><head><style>p{}</style><title>Gateway</title></head><body><h1>Welcome</h1>${"<p>filler</p>".repeat(500)}</body></html>`,
      type: "text/html",
      want: 'not JSON: "Gateway Welcome filler',
    },
    { name: "an empty body with a length", body: "", type: "application/json", want: "an empty body" },
  ];

  it.each(CASES)("$name is an InvalidResponseError with status, URL and request id", async ({ body, type, want }) => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body), "x-request-id": "r-9" });
      res.end(body);
    });
    const error = await capture(createImagesApi({ baseUrl: server.url, apiKey: "k" }).GET("/images"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    const invalid = error as InvalidResponseError;
    expect(invalid.status).toBe(200);
    expect(invalid.requestId).toBe("r-9");
    expect(invalid.url).toContain("/images");
    expect(invalid.message).toContain(want);
    // An HTML page is cut to a short excerpt.
    expect(invalid.message.length).toBeLessThan(400);
  });

  it("an empty chunked body is an InvalidResponseError too", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
      res.end();
    });
    await expect(createImagesApi({ baseUrl: server.url, apiKey: "k" }).GET("/images")).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it("an error page in HTML becomes a short one-line message", async () => {
    server = await scriptedServer((_req, res) => {
      const page = `<!doctype html><html><body><h1>502 Bad Gateway</h1>\n<p>${"x".repeat(5000)}</p></body></html>`;
      res.writeHead(502, { "content-type": "text/html", "content-length": page.length });
      res.end(page);
    });
    const error = await capture(createImagesApi({ baseUrl: server.url, apiKey: "k", maxRetries: 0 }).GET("/images"));
    expect((error as Error).message.startsWith("502 Bad Gateway x")).toBe(true);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message.length).toBeLessThanOrEqual(201);
  });
});

describe("a response body over the cap", () => {
  it("a declared length over maxResponseBytes fails before reading", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": 10_000_000 });
      res.write("[");
      // The rest never comes: the client must not wait for it.
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", maxResponseBytes: 1000, maxRetries: 0 });
    const error = await capture(api.GET("/images"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("over 1000 bytes (maxResponseBytes)");
  });

  it("a chunked body that grows past maxResponseBytes stops being read", async () => {
    let written = 0;
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        // Stops by itself once the client has gone, so the test never streams without end.
        while (!res.destroyed && written < 64 * 1024 * 1024 && res.write(chunk)) {
          written += chunk.length;
        }
        if (!res.destroyed && written < 64 * 1024 * 1024) {
          res.once("drain", pump);
        }
      };
      pump();
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k", maxResponseBytes: 1024 * 1024, maxRetries: 0 });
    const error = await capture(api.GET("/images"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });
});
