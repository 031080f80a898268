import { expect, it } from "vitest";
import { call, form, makeZip, readAllLogs, start } from "./helpers.js";

it("takes 50 concurrent uploads without losing or mixing any", async () => {
  const emu = await start({ logPageSize: 100 });
  const n = 50;
  // Each upload's Dockerfile names its own file, so a mixed-up artifact shows in the log.
  const uploads = Array.from({ length: n }, (_, i) =>
    call(emu, "POST", "/images", {
      form: form(
        { name: `image-${i}`, type: "workflow", description: `upload ${i}` },
        makeZip({
          Dockerfile: `FROM alpine\nCOPY file-${i}.txt /data/\nLABEL upload=${i}\n`,
          [`file-${i}.txt`]: "x".repeat(1000 + i * 97),
        }),
        i % 2 === 0,
      ),
    }),
  );
  const answers = await Promise.all(uploads);
  expect(answers.map((a) => a.status)).toEqual(Array(n).fill(201));
  const ids = answers.map((a) => a.body.imageId);
  expect(new Set(ids).size).toBe(n);
  expect(new Set(answers.map((a) => a.body.buildId)).size).toBe(n);

  const list = await call(emu, "GET", "/images", { query: { pageSize: 100 } });
  expect(list.body.imageCount).toBe(n);
  for (const [i, answer] of answers.entries()) {
    const image = await call(emu, "GET", `/images/${answer.body.imageId}`);
    expect(image.body).toMatchObject({ name: `image-${i}`, description: `upload ${i}` });
    expect(image.body.latestVersion.lastBuildStatus).toBe("success");
    const lines = (await readAllLogs(emu, answer.body.imageId, answer.body.buildId)).flatMap((p) =>
      p.logs.map((l: { message: string }) => l.message),
    );
    expect(lines).toContain(`Step 2/3 : COPY file-${i}.txt /data/`);
    expect(lines).toContain(`Step 3/3 : LABEL upload=${i}`);
  }
});

it("lets only one of 20 concurrent creates of the same name win", async () => {
  const emu = await start();
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      call(emu, "POST", "/images", {
        form: form({ name: "same", type: "workflow" }, makeZip({ Dockerfile: "FROM alpine\n" })),
      }),
    ),
  );
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([201, ...Array(19).fill(409)]);
  expect((await call(emu, "GET", "/images")).body.imageCount).toBe(1);
});
