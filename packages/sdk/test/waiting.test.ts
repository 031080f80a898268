import { describe, expect, it } from "vitest";
import { BuildFailedError, type BuildOutcome, getClient, WaiterTimeoutError } from "../src/index.js";
import { failure, json, KEY, recorder } from "./helpers.js";

type Page = { status: string; logs?: string[]; nextToken?: string | null };

/** A log endpoint answering from a script of pages (the last one repeats); records the tokens asked for. */
async function logService(script: Page[]) {
  const server = await recorder((_req, res, i) => {
    const page = script[Math.min(i, script.length - 1)] as Page;
    json(res, 200, {
      buildStatus: page.status,
      startTime: "2026-01-01T00:00:00Z",
      finishTime: page.status === "building" ? null : "2026-01-01T00:01:00Z",
      logs: (page.logs ?? []).map((message, n) => ({
        message,
        timestamp: 1_700_000_000_000 + n,
        ingestionTime: 1_700_000_000_000 + n,
      })),
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
    });
  });
  const tokens = () => server.seen.map((r) => new URL(r.url, "http://x").searchParams.get("nextToken"));
  return { client: getClient({ baseUrl: server.url, apiKey: KEY }), server, tokens };
}

async function collect(iterable: AsyncIterable<{ message: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of iterable) {
    out.push(entry.message);
  }
  return out;
}

describe("followBuildLogs", () => {
  it("reads on from each nextToken, waits on empty pages, and ends on the empty page with a null token", async () => {
    const { client, tokens } = await logService([
      { status: "building", logs: ["a", "b"], nextToken: "t1" },
      { status: "building", logs: [], nextToken: "t1" },
      { status: "building", logs: ["c"], nextToken: "t2" },
      { status: "success", logs: ["d"], nextToken: "t3" },
      { status: "success", logs: [], nextToken: null },
    ]);
    expect(await collect(client.followBuildLogs(1, 2, { pollInterval: 0.01 }))).toEqual(["a", "b", "c", "d"]);
    expect(tokens()).toEqual([null, "t1", "t1", "t2", "t3"]);
  });

  it("also ends, as the Python CLI does, on a finished build's empty page that still carries a token", async () => {
    const { client, server } = await logService([
      { status: "failed", logs: ["x"], nextToken: "t1" },
      { status: "failed", logs: [], nextToken: "t1" },
    ]);
    expect(await collect(client.followBuildLogs(1, 2, { pollInterval: 0.01 }))).toEqual(["x"]);
    expect(server.seen).toHaveLength(2);
  });

  it("resumes after a given token", async () => {
    const { client, tokens } = await logService([{ status: "success", logs: [], nextToken: null }]);
    await collect(client.followBuildLogs(1, 2, { nextToken: "t9" }));
    expect(tokens()).toEqual(["t9"]);
  });

  it("backs off between empty polls instead of polling in a loop", async () => {
    const { client, server } = await logService([{ status: "building", logs: [], nextToken: "t" }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await failure(
      collect(client.followBuildLogs(1, 2, { pollInterval: 0.02, maxPollInterval: 0.16, signal: controller.signal })),
    );
    // Waits of 20, 40, 80, 160, 160 ms...: about 6 polls in 500 ms, where a busy loop makes hundreds.
    expect(server.seen.length).toBeGreaterThanOrEqual(3);
    expect(server.seen.length).toBeLessThanOrEqual(10);
  });
});

describe("waitForBuild", () => {
  it("polls at once, then until success, and reports each poll", async () => {
    const { client, server } = await logService([
      { status: "building", nextToken: "t" },
      { status: "building", nextToken: "t" },
      { status: "success", nextToken: null },
    ]);
    const polls: BuildOutcome[] = [];
    const outcome = await client.waitForBuild(4, 5, { minDelay: 0.01, maxDelay: 0.02, onPoll: (b) => polls.push(b) });
    expect(outcome).toEqual({
      imageId: 4,
      buildId: 5,
      status: "success",
      startTime: "2026-01-01T00:00:00Z",
      finishTime: "2026-01-01T00:01:00Z",
    });
    expect(polls.map((p) => p.status)).toEqual(["building", "building", "success"]);
    expect(server.seen).toHaveLength(3);
  });

  it("a failed build throws BuildFailedError with the last 20 lines of a log spread over pages", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const { client } = await logService([
      { status: "failed", nextToken: null },
      { status: "failed", logs: lines.slice(0, 10), nextToken: "p2" },
      { status: "failed", logs: lines.slice(10, 20), nextToken: "p3" },
      { status: "failed", logs: lines.slice(20), nextToken: "p4" },
      { status: "failed", logs: [], nextToken: null },
    ]);
    const error = await failure(client.waitForBuild(4, 5));
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).logLines).toEqual(lines.slice(10));
    expect((error as BuildFailedError).message).toBe('Build 5 of image 4 ended with status "failed": line 30');
  });

  it("a stopped build is a failure too", async () => {
    const { client } = await logService([{ status: "stopped", nextToken: null }]);
    expect(await failure(client.waitForBuild(4, 5))).toBeInstanceOf(BuildFailedError);
  });

  it("gives up after maxWaitSeconds with the last status, its last poll before the deadline", async () => {
    const { client, server } = await logService([{ status: "building", nextToken: "t" }]);
    const started = Date.now();
    const error = await failure(client.waitForBuild(4, 5, { maxWaitSeconds: 0.7, minDelay: 0.05, maxDelay: 0.1 }));
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError).build?.status).toBe("building");
    expect((error as Error).message).toContain("after 0.7 s (maxWaitSeconds)");
    expect(server.seen.length).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
