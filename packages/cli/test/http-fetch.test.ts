import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch } from "../src/http-fetch.js";

// The node:http fetch used for bodiless API calls answers as fetch would; bodies still go through fetch.

let server: Server;
let url: string;
const seen: { method?: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === "/slow") {
        setTimeout(() => res.end("late"), 5_000).unref();
        return;
      }
      if (req.url === "/empty") {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json", "x-request-id": "r1" });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("httpFetch", () => {
  it("answers GET and DELETE like fetch: status, headers, body; sends the request's headers", async () => {
    for (const [method, path, status] of [
      ["GET", "/images?x=1&x=2", 200],
      ["DELETE", "/missing", 404],
    ] as const) {
      const request = new Request(`${url}${path}`, { method, headers: { authorization: "k", "user-agent": "t" } });
      const [mine, theirs] = [await httpFetch(request.clone()), await fetch(request.clone())];
      expect(mine.status).toBe(status);
      expect(mine.headers.get("x-request-id")).toBe(theirs.headers.get("x-request-id"));
      expect(await mine.json()).toEqual(await theirs.json());
    }
    expect(seen[0]).toMatchObject({ method: "GET", headers: { authorization: "k", "user-agent": "t" } });
  });

  it("a 204 has no body", async () => {
    const answer = await httpFetch(new Request(`${url}/empty`));
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
  });

  it("requests with a body go through the global fetch", async () => {
    const answer = await httpFetch(new Request(`${url}/upload`, { method: "POST", body: "payload" }));
    expect(answer.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: "payload" });
  });

  it("the request's signal aborts it; a refused connection rejects with ECONNREFUSED", async () => {
    const controller = new AbortController();
    const pending = httpFetch(new Request(`${url}/slow`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await expect(httpFetch(new Request("http://127.0.0.1:9/"))).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
