import { expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { call, form, makeZip, start } from "./helpers.js";

/** Sends the same 40 sequential requests and returns what each got: a status, or "drop". */
async function run(emu: Emulator): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < 40; i++) {
    try {
      const answer = await call(emu, "GET", "/images");
      const retryAfter = answer.headers.get("retry-after");
      outcomes.push(retryAfter === null ? String(answer.status) : `${answer.status}/${retryAfter}`);
    } catch {
      outcomes.push("drop");
    }
  }
  return outcomes;
}

it("injects the same faults for the same seed, and other faults for another seed", async () => {
  const a = await run(await start({ faultRate: 0.5, seed: 7 }));
  const b = await run(await start({ faultRate: 0.5, seed: 7 }));
  const c = await run(await start({ faultRate: 0.5, seed: 8 }));
  expect(a).toEqual(b);
  expect(a).not.toEqual(c);
  // Every documented kind appears (the sequence is fixed by the seed), and nothing else.
  expect(new Set(a)).toEqual(new Set(["200", "429/0", "429/1", "503/1", "drop"]));
  for (const outcome of a) {
    expect(["200", "429/0", "429/1", "503/1", "drop"]).toContain(outcome);
  }
  expect(a.filter((o) => o === "200").length).toBeGreaterThan(5);
  expect(a.filter((o) => o !== "200").length).toBeGreaterThan(5);
});

it("restarts the fault sequence on reset()", async () => {
  const emu = await start({ faultRate: 0.5, seed: 3 });
  const first = await run(emu);
  emu.reset();
  expect(await run(emu)).toEqual(first);
});

it("changes nothing for a request answered with a fault", async () => {
  const emu = await start({ faultRate: 0.4, seed: 11 });
  const created: string[] = [];
  const faulted: string[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `image-${i}`;
    try {
      const answer = await call(emu, "POST", "/images", {
        form: form({ name, type: "workflow" }, makeZip({ Dockerfile: "FROM alpine\n" })),
      });
      (answer.status === 201 ? created : faulted).push(name);
      expect([201, 429, 503]).toContain(answer.status);
    } catch {
      faulted.push(name);
    }
  }
  expect(faulted.length).toBeGreaterThan(0);
  expect(created.length).toBeGreaterThan(0);
  // Read the list, retrying through faults (bounded), and compare names.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const list = await call(emu, "GET", "/images", { query: { pageSize: 100 } });
      if (list.status !== 200) {
        continue;
      }
      const names = list.body.images.map((i: { name: string }) => i.name).sort();
      expect(names).toEqual([...created].sort());
      const recorded = emu.requests().filter((r) => r.method === "POST");
      expect(recorded.filter((r) => r.fault !== undefined)).toHaveLength(faulted.length);
      return;
    } catch (error) {
      if (error instanceof Error && error.name === "AssertionError") {
        throw error;
      }
    }
  }
  throw new Error("the list never came through");
});

it("injects nothing at rate 0, latency on", async () => {
  const emu = await start({ faultRate: 0, latencyMs: 20 });
  expect(new Set(await run(emu))).toEqual(new Set(["200"]));
});
