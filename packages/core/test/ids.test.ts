import { describe, expect, it } from "vitest";
import { createImagesApi, ValidationError } from "../src/index.js";

function spyApi() {
  const sent: string[] = [];
  const api = createImagesApi({
    baseUrl: "http://127.0.0.1:9",
    apiKey: "k",
    fetch: async (request) => {
      sent.push(request.url);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  return { api, sent };
}

const BAD_IDS: Array<[string, unknown]> = [
  ["dot-dot", ".."],
  ["single dot", "."],
  ["slash", "/"],
  ["a path", "1/2"],
  ["encoded dot-dot", "%2e%2e"],
  ["empty string", ""],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["zero", 0],
  ["negative", -1],
  ["fraction", 1.5],
  ["leading zero", "007"],
  ["spaces", " 1"],
  ["letters", "abc"],
  ["unicode digits", "١٢"],
  ["unsafe integer", 2 ** 60],
  ["undefined", undefined],
  ["null", null],
  ["object", { id: 1 }],
];

describe("path ids", () => {
  it.each(BAD_IDS)("rejects %s before any request is sent", async (_label, bad) => {
    const { api, sent } = spyApi();
    const error = await api
      .GET("/images/{imageId}", { params: { path: { imageId: bad as number } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("path.imageId");
    expect(sent).toEqual([]);
  });

  it("names every bad id of a path at once", async () => {
    const { api, sent } = spyApi();
    const error = (await api
      .DELETE("/images/{imageId}/versions/{versionId}", { params: { path: { imageId: "..", versionId: -3 } } } as never)
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues.map((issue) => issue.path)).toEqual(["path.imageId", "path.versionId"]);
    expect(error.message).toContain('path.imageId: must be a positive integer id, got ".."');
    expect(sent).toEqual([]);
  });

  it.each([
    [1, "/images/1"],
    [9007199254740991, "/images/9007199254740991"],
    ["42", "/images/42"],
  ])("accepts %s", async (id, path) => {
    const { api, sent } = spyApi();
    await api.GET("/images/{imageId}", { params: { path: { imageId: id as number } } });
    expect(sent).toEqual([`http://127.0.0.1:9/image-management/api/v2${path}`]);
  });
});
