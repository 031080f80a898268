import { describe, expect, it } from "vitest";
import { getClient, Page, PagePromise } from "../src/index.js";
import { emulated, json, KEY, recorder } from "./helpers.js";

/** A fake service with `total` images; every call's query is recorded. */
async function imagesService(total: number) {
  return recorder((req, res) => {
    const query = new URL(req.url, "http://x").searchParams;
    const size = Number(query.get("pageSize") ?? 25);
    const number = Number(query.get("pageNumber") ?? 1);
    const ids = Array.from({ length: total }, (_, i) => total - i).slice((number - 1) * size, number * size);
    json(res, 200, {
      imageCount: total,
      pageSize: size,
      pageNumber: number,
      pageCount: Math.ceil(total / size),
      images: ids.map((id) => ({
        id,
        name: `img-${id}`,
        type: "api",
        scope: "custom",
        createdAt: "2026-01-01T00:00:00Z",
        createdBy: "me",
      })),
    });
  });
}

describe("list results are pages and async iterables", () => {
  it("nothing is requested until the result is awaited or iterated", async () => {
    const server = await imagesService(3);
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const pending = client.listImages();
    expect(pending).toBeInstanceOf(PagePromise);
    expect(String(pending)).toBe("[object PagePromise]");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.seen).toHaveLength(0);
    await pending;
    expect(server.seen).toHaveLength(1);
  });

  it("awaited, it is one page: the service's JSON, with navigation", async () => {
    const server = await imagesService(5);
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const page = await client.listImages({ pageSize: 2 });
    expect(page).toBeInstanceOf(Page);
    expect(JSON.parse(JSON.stringify(page))).toEqual({
      imageCount: 5,
      pageSize: 2,
      pageNumber: 1,
      pageCount: 3,
      images: page.images,
    });
    expect(page.items.map((image) => image.id)).toEqual([5, 4]);
    expect(page.hasNextPage()).toBe(true);
    const second = await page.getNextPage();
    expect(second.images.map((image) => image.id)).toEqual([3, 2]);
    const third = await second.getNextPage();
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toThrow("No next page");
    // Without pageNumber the first request leaves it to the service (as peak-sdk's single-page call).
    expect(server.seen.map((r) => r.url.split("?")[1])).toEqual([
      "pageSize=2",
      "pageSize=2&pageNumber=2",
      "pageSize=2&pageNumber=3",
    ]);
  });

  it("iterated, it yields every item from pageNumber on, and the first page is fetched once however it is used", async () => {
    const server = await imagesService(7);
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const list = client.listImages({ pageSize: 3, pageNumber: 2 });
    const first = await list;
    const ids: number[] = [];
    for await (const image of list) {
      ids.push(image.id);
    }
    expect(first.pageNumber).toBe(2);
    expect(ids).toEqual([4, 3, 2, 1]);
    expect(server.seen.map((r) => new URL(r.url, "http://x").searchParams.get("pageNumber"))).toEqual(["2", "3"]);
    const pages: number[] = [];
    for await (const page of client.listImages({ pageSize: 3 }).pages()) {
      pages.push(page.pageNumber);
    }
    expect(pages).toEqual([1, 2, 3]);
  });

  it("breaking out of the loop stops the requests", async () => {
    const server = await imagesService(100);
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    let seen = 0;
    for await (const _ of client.listImages({ pageSize: 10 })) {
      if (++seen === 15) {
        break;
      }
    }
    expect(server.seen).toHaveLength(2);
  });

  it("stops on an empty page even when the service claims more pages", async () => {
    const server = await recorder((_req, res) =>
      json(res, 200, { imageCount: 50, pageSize: 25, pageNumber: 1, pageCount: 2, images: [] }),
    );
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    const items = [];
    for await (const image of client.listImages()) {
      items.push(image);
    }
    expect(items).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it("a failed page rejects the await and the loop alike", async () => {
    const server = await recorder((_req, res) => json(res, 400, { detail: "query.pageSize: too big" }));
    const client = getClient({ baseUrl: server.url, apiKey: KEY });
    await expect(client.listImages({ pageSize: 5000 })).rejects.toThrow("query.pageSize: too big");
    await expect(
      (async () => {
        for await (const _ of client.listImageVersions(1)) {
          // never reached
        }
      })(),
    ).rejects.toThrow("query.pageSize: too big");
  });
});

describe("10,000 images through a service that fails one request in five", () => {
  it("every id is listed exactly once", async () => {
    const { emulator, client } = await emulated(
      { seedImages: 10_000, faultRate: 0.2, seed: 42 },
      { maxRetries: 10, backoff: { baseDelayMs: 1, maxDelayMs: 20, maxRetryAfterMs: 1_000 } },
    );
    const ids: number[] = [];
    for await (const image of client.listImages({ pageSize: 100 })) {
      ids.push(image.id);
    }
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(10_000);
    const faults = emulator.requests().filter((r) => r.fault !== undefined);
    expect(faults.length).toBeGreaterThan(5);
  }, 120_000);
});
