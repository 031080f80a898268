import { describe, expect, it } from "vitest";
import { call, deflated, deflatedFiller, form, makeZip, readAllLogs, start } from "./helpers.js";

const MiB = 1024 * 1024;

async function upload(emu: Awaited<ReturnType<typeof start>>, zip: Buffer) {
  return call(emu, "POST", "/images", { form: form({ name: "bomb", type: "workflow" }, zip) });
}

describe("what is inflated from an upload is capped", () => {
  it("refuses a Dockerfile that inflates past 1 MiB (a 64 MiB one in a 64 KB zip), naming the cap", async () => {
    const emu = await start();
    const zip = makeZip({ Dockerfile: await deflatedFiller(64 * MiB, 0x20) });
    expect(zip.length).toBeLessThan(128 * 1024);
    const answer = await upload(emu, zip);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { path: "body.artifact", message: "the Dockerfile Dockerfile is larger than 1 MiB (the emulator's limit)" },
    ]);
    expect((await call(emu, "GET", "/images")).body.imageCount).toBe(0);
  });

  it("refuses a 2 MB Dockerfile of RUN lines (3 KB zipped) the same way", async () => {
    const emu = await start();
    const zip = makeZip({ Dockerfile: deflated(`FROM alpine\n${"RUN echo hello world\n".repeat(100_000)}`) });
    expect(zip.length).toBeLessThan(16 * 1024);
    const answer = await upload(emu, zip);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/larger than 1 MiB/);
  });

  it("does not trust declared sizes: an entry declaring 100 bytes that inflates to 64 MiB is refused", async () => {
    const emu = await start();
    const zip = makeZip({ Dockerfile: await deflatedFiller(64 * MiB, 0x20, 100) });
    const answer = await upload(emu, zip);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe("body.artifact");
  });

  it("holds a smaller artifact limit as the cap on what is inflated", async () => {
    const emu = await start({ maxArtifactMb: 0.5 });
    const zip = makeZip({ Dockerfile: deflated(`FROM alpine\n${"# padding line\n".repeat(50_000)}`) });
    const answer = await upload(emu, zip);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/larger than 512 KiB/);
  });

  it("still builds from a Dockerfile just under the cap", async () => {
    const emu = await start({ logPageSize: 100 });
    const text = `FROM alpine\n# ${"x".repeat(MiB - 100)}\nRUN echo done\n`;
    const answer = await upload(emu, makeZip({ Dockerfile: deflated(text) }));
    expect(answer.status).toBe(201);
    const lines = (await readAllLogs(emu, answer.body.imageId, answer.body.buildId)).flatMap((p) =>
      p.logs.map((l: { message: string }) => l.message),
    );
    expect(lines).toContain("Step 2/2 : RUN echo done");
  });
});

describe("what a zip may hold is capped", () => {
  it("refuses more than 100,000 entries", async () => {
    const emu = await start();
    const entries: Record<string, string> = { Dockerfile: "FROM alpine\n" };
    for (let i = 0; i < 100_000; i++) {
      entries[`f${i}`] = "";
    }
    const answer = await upload(emu, makeZip(entries));
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/holds 100,001 entries, more than 100,000/);
  });

  it("refuses more than 100,000 folders", async () => {
    const emu = await start();
    const entries: Record<string, string> = { Dockerfile: "FROM alpine\n" };
    for (let i = 0; i < 10_001; i++) {
      entries[`d${i}/a/b/c/d/e/f/g/h/i/j`] = "";
    }
    const answer = await upload(emu, makeZip(entries));
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatch(/more than 100,000 folders/);
  });

  it("refuses an entry name longer than 4,096 characters, takes a deep one under it", async () => {
    const emu = await start();
    const long = await upload(emu, makeZip({ Dockerfile: "FROM alpine\n", ["a".repeat(5000)]: "" }));
    expect(long.status).toBe(400);
    expect(long.body.detail).toMatch(/entry name longer than 4096 characters/);
    const deep = await upload(emu, makeZip({ Dockerfile: "FROM alpine\n", [`${"a/".repeat(2000)}f`]: "" }));
    expect(deep.status).toBe(201);
  });
});
