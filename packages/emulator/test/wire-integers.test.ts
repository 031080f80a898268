import { describe, expect, it } from "vitest";
import { call, createImage, start } from "./helpers.js";

// How the integers of a request may be written: decimal digits, no leading zeros, `-` only where the schema takes
// negative values, within the safe integer range. ajv would coerce all of these to a number.
const loose = [
  "1e400",
  "1e0",
  "0x1",
  "+1",
  " 1",
  "1 ",
  "01",
  "1.0",
  "1.",
  "",
  "-0",
  "Infinity",
  "NaN",
  "9007199254740993",
];

describe("integers in the query", () => {
  const lists = ["/images", "/images/1/versions", "/images/1/builds"];
  for (const path of lists) {
    for (const name of ["pageNumber", "pageSize"]) {
      it(`${path}?${name}= answers 400 for loosely written integers`, async () => {
        const emu = await start();
        await createImage(emu);
        for (const value of loose) {
          const answer = await call(emu, "GET", path, { query: { [name]: value } });
          expect(answer.status, JSON.stringify(value)).toBe(400);
          expect(answer.body.errors[0].path).toBe(`query.${name}`);
        }
        expect((await call(emu, "GET", path, { query: { [name]: "2" } })).body[name]).toBe(2);
      });
    }
  }

  it("takes count=-1 and other counts written plainly, and nothing else", async () => {
    const emu = await start();
    await createImage(emu);
    for (const value of ["-1", "0", "7"]) {
      expect((await call(emu, "GET", "/images/1/builds", { query: { count: value } })).status).toBe(200);
    }
    for (const value of [...loose, "-01", "-2", "--1"]) {
      const answer = await call(emu, "GET", "/images/1/builds", { query: { count: value } });
      expect(answer.status, JSON.stringify(value)).toBe(400);
    }
  });

  it("checks each of repeated integers (versionIds, versions)", async () => {
    const emu = await start();
    await createImage(emu);
    const versions = await call(emu, "GET", "/images/1/builds", { query: { versions: ["1", "0x1"] } });
    expect(versions.status).toBe(400);
    expect(versions.body.errors[0].path).toBe("query.versions[1]");
    const deleted = await call(emu, "DELETE", "/images/1/versions", { query: { versionIds: "1e0" } });
    expect(deleted.status).toBe(400);
    expect((await call(emu, "GET", "/images/1/versions")).body.versionCount).toBe(1);
  });

  it("never answers a page number that JSON cannot carry", async () => {
    const emu = await start();
    const answer = await call(emu, "GET", "/images", { query: { pageNumber: "9007199254740991" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ pageNumber: 9007199254740991, images: [] });
  });
});

describe("integers in the path", () => {
  it("answers 404 for an id written loosely, on every route with ids", async () => {
    const emu = await start();
    await createImage(emu);
    const routes = (id: string) => [
      `/images/${id}`,
      `/images/${id}/versions`,
      `/images/1/versions/${id}`,
      `/images/${id}/builds`,
      `/images/1/builds/${id}/logs`,
      `/images/1/builds/${id}/logs/download`,
    ];
    for (const id of loose.filter((v) => v !== "" && !v.includes(" ")).concat(["%201", "1%20"])) {
      for (const path of routes(id)) {
        const answer = await call(emu, "GET", path);
        expect(answer.status, path).toBe(404);
      }
    }
    for (const path of routes("1")) {
      expect((await call(emu, "GET", path)).status, path).toBe(200);
    }
  });
});
