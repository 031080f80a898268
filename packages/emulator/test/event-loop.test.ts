import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { base, call, deflated, form, key, makeZip, raw, readAllLogs, start } from "./helpers.js";

type Emu = Awaited<ReturnType<typeof start>>;

/** A create call's multipart body, made up front: fetch would encode it while the clock runs, on this event loop. */
async function upload(name: string, zip: Buffer) {
  const request = new Request("http://localhost/", { method: "POST", body: form({ name, type: "workflow" }, zip) });
  const body = Buffer.from(await request.arrayBuffer());
  const headers = { Authorization: key, "Content-Type": request.headers.get("content-type") ?? "" };
  // Let the garbage of making it be collected before the clock starts.
  await sleep(100);
  return { method: "POST", path: `${base}/images`, headers, body };
}

/**
 * Sends a create call while asking `/_emulator/health` over and over (over node:http, lighter than fetch); returns
 * the create answer and the longest wait for a health answer: from the start, or from the previous answer, to the
 * next one, so a stall that falls between two probes counts in full. The emulator runs in this process: a request
 * that blocks its event loop holds everything up, the probes included.
 */
async function createWhileProbing(emu: Emu, request: Awaited<ReturnType<typeof upload>>) {
  let done = false;
  let slowest = 0;
  let probes = 0;
  let last = performance.now();
  const probe = (async () => {
    while (!done) {
      expect((await raw(emu, { method: "GET", path: "/_emulator/health" })).status).toBe(200);
      slowest = Math.max(slowest, performance.now() - last);
      last = performance.now();
      probes += 1;
      await sleep(10);
    }
  })();
  let answer: Awaited<ReturnType<typeof raw>>;
  try {
    answer = await raw(emu, request);
  } finally {
    done = true;
    // The probe in flight when the answer came is counted too: it may be the one a stall held up.
    await probe;
  }
  return { status: answer.status, body: JSON.parse(answer.text), slowest, probes };
}

/** 60,000 empty files in src/, for a Dockerfile to be added. */
function largeContext(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (let i = 0; i < 60_000; i++) {
    entries[`src/file-${i}.txt`] = "";
  }
  return entries;
}

async function messages(emu: Emu, imageId: number, buildId: number): Promise<string[]> {
  const pages = await readAllLogs(emu, imageId, buildId);
  return pages.flatMap((p) => p.logs.map((l: { message: string }) => l.message));
}

/** Creates an image from the zip while probing health; checks the probes and the build's last log line. */
async function expectResponsiveBuild(zip: Buffer, lastLine: string): Promise<void> {
  const emu = await start({ logPageSize: 100 });
  const created = await createWhileProbing(emu, await upload("heavy", zip));
  expect(created.status).toBe(201);
  expect(created.probes).toBeGreaterThan(0);
  expect(created.slowest).toBeLessThan(generousMs);
  expect((await messages(emu, created.body.imageId, created.body.buildId)).at(-1)).toBe(lastLine);
}

// A generous bound: the machine is shared and noisy. What it catches is a build stalling everything for seconds.
const generousMs = 2000;

describe("a build never holds up other requests", () => {
  it("while a 1 MiB Dockerfile of RUN lines is parsed (its build then fails on the instruction limit)", async () => {
    const dockerfile = `FROM alpine\n${"RUN echo hello world\n".repeat(49_000)}`;
    await expectResponsiveBuild(
      makeZip({ Dockerfile: deflated(dockerfile) }),
      "Build failed: the Dockerfile has 49,001 instructions, more than the emulator's limit of 1,000",
    );
  });

  it("while 5,000 COPY globs are matched against a zip of 60,000 entries (the build fails on the budget)", async () => {
    const entries = largeContext();
    // Every glob matches, and each tests all 60,000 names of src/.
    const globs = Array.from({ length: 5000 }, (_, i) => `src/file-${i}*.txt`).join(" ");
    entries.Dockerfile = `FROM alpine\nCOPY ${globs} /dst/\n`;
    await expectResponsiveBuild(
      makeZip(entries),
      "Build failed: Step 2/2: matching COPY sources took more than 5,000,000 comparisons (the emulator's limit per build)",
    );
  });

  it("while a glob of many stars is matched (a backtracking matcher took seconds on one name)", async () => {
    const glob = `src/${"*a".repeat(16)}b`;
    const zip = makeZip({ Dockerfile: `FROM alpine\nCOPY ${glob} /dst/\n`, [`src/${"a".repeat(32)}`]: "" });
    await expectResponsiveBuild(
      zip,
      `Build failed: Step 2/2: COPY source ${glob} not found in the artifact (looked for ${glob})`,
    );
  });

  it("while long glob segments are matched against long names (each comparison counts by its length)", async () => {
    // 200 names of 1,000 characters, and 20 sources of 999 that each match one of them: 4,000 comparisons of
    // about 1,000 x 1,000 steps, each counting 3,911 (the budget is spent after about 1,300 of them).
    const entries: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      entries[`src/${"a".repeat(996)}${String(i).padStart(4, "0")}`] = "";
    }
    const sources = Array.from({ length: 20 }, (_, i) => `src/*${"a".repeat(994)}${String(i).padStart(4, "0")}`);
    entries.Dockerfile = `FROM alpine\nCOPY ${sources.join(" ")} /dst/\n`;
    await expectResponsiveBuild(
      makeZip(entries),
      "Build failed: Step 2/2: matching COPY sources took more than 5,000,000 comparisons (the emulator's limit per build)",
    );
  });

  it("refuses 5,000 COPY instructions without matching any of them", async () => {
    const emu = await start({ logPageSize: 100 });
    const copies = Array.from({ length: 5000 }, (_, i) => `COPY src/file-${i}*.txt /dst/\n`).join("");
    const created = await call(emu, "POST", "/images", {
      form: form({ name: "copies", type: "workflow" }, makeZip({ Dockerfile: `FROM alpine\n${copies}`, "src/": "" })),
    });
    expect((await messages(emu, created.body.imageId, created.body.buildId)).at(-1)).toBe(
      "Build failed: the Dockerfile has 5,001 instructions, more than the emulator's limit of 1,000",
    );
  });

  it("still matches what real Dockerfiles ask for in a large zip", async () => {
    const emu = await start({ logPageSize: 100 });
    const entries = largeContext();
    entries.Dockerfile = "FROM alpine\nCOPY src/*.txt /dst/\nCOPY src/file-59999.txt src/file-?.txt /x/\n";
    const created = await call(emu, "POST", "/images", {
      form: form({ name: "ok", type: "workflow" }, makeZip(entries)),
    });
    expect((await messages(emu, created.body.imageId, created.body.buildId)).at(-1)).toBe("Build succeeded");
  });
});
