import { afterEach, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { ParseFailure, ParsePool } from "../src/build/parse-pool.js";
import { call, form, readAllLogs, sampleZip, start } from "./helpers.js";
import { parseWorkerScript } from "./support/worker-script.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an uploaded zip", () => {
  it("is opened once: on create, on an update bringing a new one, never again when an update reuses it", async () => {
    const opened = vi.spyOn(yauzl, "fromBufferPromise");
    const emu = await start({ logPageSize: 100 });
    // A build that fails keeps the version not-ready, so it can be updated.
    const broken = sampleZip({ Dockerfile: "FROM alpine\nCOPY missing /\n", "other/Dockerfile": "FROM busybox\n" });
    const created = await call(emu, "POST", "/images", { form: form({ name: "once", type: "workflow" }, broken) });
    expect(created.status).toBe(201);
    expect(opened).toHaveBeenCalledTimes(1);

    const path = `/images/${created.body.imageId}/versions/${created.body.versionId}`;
    const again = await call(emu, "PATCH", path, { form: form({ description: "new upload" }, broken) });
    expect(again.status).toBe(200);
    expect(opened).toHaveBeenCalledTimes(2);

    // No artifact: the last upload is reused, and another Dockerfile is read from it without opening it again.
    const reused = await call(emu, "PATCH", path, {
      form: form({ buildDetails: { source: "upload", dockerfilePath: "other/Dockerfile" } }),
    });
    expect(reused.status).toBe(200);
    expect(opened).toHaveBeenCalledTimes(2);
    const lines = (await readAllLogs(emu, created.body.imageId, reused.body.buildId)).flatMap((p) =>
      p.logs.map((l: { message: string }) => l.message),
    );
    expect(lines).toContain("Step 1/1 : FROM busybox");
    expect(lines.at(-1)).toBe("Build succeeded");
  });
});

describe("the Dockerfile parser's worker", () => {
  it("parses in order, and a parse past its deadline fails alone: the next one gets a fresh worker", async () => {
    const pool = new ParsePool(parseWorkerScript(), 50);
    try {
      const huge = `FROM alpine\n${"RUN echo hello world\n".repeat(49_000)}`;
      const results = await Promise.allSettled([
        pool.parse("FROM a\nRUN b\n"),
        pool.parse(huge),
        pool.parse("FROM c\n"),
      ]);
      expect(results[0]).toMatchObject({ status: "fulfilled", value: { count: 2 } });
      expect(results[1]).toMatchObject({ status: "rejected", reason: expect.any(ParseFailure) });
      expect(String((results[1] as PromiseRejectedResult).reason.message)).toMatch(/took longer than 0.05 s/);
      expect(results[2]).toMatchObject({ status: "fulfilled", value: { count: 1, steps: [{ keyword: "FROM" }] } });
    } finally {
      await pool.close();
    }
  });

  it("leaves out the steps past the instruction limit, and cuts long step texts", async () => {
    const pool = new ParsePool(parseWorkerScript(), 30_000);
    try {
      const many = await pool.parse(`FROM a\n${"RUN x\n".repeat(1000)}`);
      expect(many).toEqual({ count: 1001, sourceCount: 0, steps: [] });
      const long = await pool.parse(`FROM a\nRUN ${"y".repeat(10_000)}\n`);
      expect(long.steps[1]?.text).toHaveLength(4096 + 1);
      expect(long.steps[1]?.text.endsWith("…")).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("fails each task, without looping, when its worker cannot start", async () => {
    const pool = new ParsePool({ kind: "file", url: new URL("file:///nonexistent/parse-worker.js") }, 1000);
    try {
      await expect(pool.parse("FROM a\n")).rejects.toBeInstanceOf(ParseFailure);
      await expect(pool.parse("FROM b\n")).rejects.toBeInstanceOf(ParseFailure);
    } finally {
      await pool.close();
    }
  });

  it("fails what is queued when closed", async () => {
    const pool = new ParsePool(parseWorkerScript(), 30_000);
    const pending = pool.parse("FROM a\n");
    await pool.close();
    await expect(pending).rejects.toBeInstanceOf(ParseFailure);
  });
});
