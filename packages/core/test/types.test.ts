import { describe, expectTypeOf, it } from "vitest";
import { createImagesApi, type Image, type ImagePage, type paths } from "../src/index.js";

// These assertions are checked by `tsc --noEmit` (the package's typecheck script): an `@ts-expect-error`
// that no longer matches an error fails the build.
describe("types", () => {
  const api = createImagesApi({ apiKey: "k", baseUrl: "http://127.0.0.1:9", fetch: async () => new Response("{}") });

  it("requires path params", () => {
    const calls = () => {
      // @ts-expect-error: params.path.imageId is required
      void api.GET("/images/{imageId}");
      // @ts-expect-error: versionId is missing
      void api.GET("/images/{imageId}/versions/{versionId}", { params: { path: { imageId: 1 } } });
      // @ts-expect-error: ids are numbers
      void api.GET("/images/{imageId}", { params: { path: { imageId: true } } });
      // @ts-expect-error: unknown route
      void api.GET("/image/{imageId}", { params: { path: { imageId: 1 } } });
      // @ts-expect-error: status values come from the spec's enum
      void api.GET("/images", { params: { query: { status: ["done"] } } });
      // @ts-expect-error: a github build needs a repository
      void api.POST("/images", { body: { name: "n", type: "api", buildDetails: { source: "github" } } });
      // @ts-expect-error: versionIds is required for deleteVersions
      void api.DELETE("/images/{imageId}/versions", { params: { path: { imageId: 1 } } });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it("types responses and the artifact field from the spec", () => {
    const list = () => api.GET("/images");
    type ListData = Awaited<ReturnType<typeof list>>["data"];
    expectTypeOf<NonNullable<ListData>>().toExtend<ImagePage>();
    expectTypeOf<ImagePage>().toExtend<NonNullable<ListData>>();
    expectTypeOf<ImagePage["images"][number]>().toEqualTypeOf<Image>();
    type CreateBody = NonNullable<paths["/images"]["post"]["requestBody"]>["content"]["multipart/form-data"];
    expectTypeOf<CreateBody["artifact"]>().toEqualTypeOf<Blob | undefined>();
  });
});
