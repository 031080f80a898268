import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, createImagesApi } from "../src/index.js";
import { EMPTY_IMAGE_PAGE, json, type ScriptedServer, scriptedServer } from "./helpers.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("redirects", () => {
  it("an upload answered 307 fails instead of being replayed (fetch would keep a copy of the body to replay it)", async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(307, { location: "/elsewhere", "content-length": 0 });
      res.end();
    });
    const api = createImagesApi({ baseUrl: server.url, apiKey: "k" });
    const error = await api.POST("/images", { body: { name: "n", type: "api", artifact: new Blob(["PK"]) } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    // Node's fetch and Bun's word it differently (Bun: "UnexpectedRedirect").
    expect((error as Error).message).toMatch(/redirect/i);
    expect(server.seen).toHaveLength(1);
  });

  it("a GET still follows a redirect", async () => {
    server = await scriptedServer((req, res) => {
      if (req.url.includes("/images") && !req.url.includes("moved")) {
        res.writeHead(302, { location: `${req.url.replace("/images", "/images-moved")}`, "content-length": 0 });
        res.end();
        return;
      }
      json(res, 200, EMPTY_IMAGE_PAGE);
    });
    const { data } = await createImagesApi({ baseUrl: server.url, apiKey: "k" }).GET("/images");
    expect(data).toEqual(EMPTY_IMAGE_PAGE);
    expect(server.seen).toHaveLength(2);
  });
});
