import { describe, expectTypeOf, it } from "vitest";
import {
  type Build,
  type BuildOutcome,
  type CreateResult,
  getClient,
  type Image,
  type ImagePage,
  type ImageVersion,
  type ImageVersionDetails,
  type LogEntry,
  type Page,
  type PagePromise,
} from "../src/index.js";

// Checked by `tsc --noEmit` (the typecheck script): an `@ts-expect-error` that no longer matches an error fails it.
describe("types", () => {
  const client = getClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });

  it("a wrong body field or a missing id does not compile", () => {
    const calls = () => {
      // @ts-expect-error: name and type are required to create an image
      void client.createImage({ name: "x" });
      // @ts-expect-error: an unknown field
      void client.createImage({ name: "x", type: "api", artifactPath: "." });
      // @ts-expect-error: the type comes from the spec's enum
      void client.createImage({ name: "x", type: "lambda" });
      // @ts-expect-error: a github build needs its repository
      void client.createImage({ name: "x", type: "api", buildDetails: { source: "github" } });
      // @ts-expect-error: useCache is a boolean
      void client.createVersion(1, { buildDetails: { useCache: "no" } });
      // @ts-expect-error: the image id is missing
      void client.createVersion({ version: "1.0.0" });
      // @ts-expect-error: the version id is missing
      void client.updateVersion(1, { description: "d" });
      // @ts-expect-error: ids are numbers
      void client.describeImage("1");
      // @ts-expect-error: the build id is missing
      void client.waitForBuild(1);
      // @ts-expect-error: statuses come from the spec
      void client.listImages({ status: ["done"] });
      // @ts-expect-error: an artifact is a folder or zip bytes
      void client.createImage({ name: "x", type: "api" }, { artifact: "./folder" });
      // @ts-expect-error: version ids are numbers
      void client.listImageBuilds(1, { versionIds: ["2"] });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it("list items and results are typed", () => {
    expectTypeOf(client.listImages()).toEqualTypeOf<PagePromise<ImagePage, Image>>();
    expectTypeOf(client.listImages()).resolves.toHaveProperty("images").toEqualTypeOf<Image[]>();
    expectTypeOf(client.listImages()).resolves.toHaveProperty("imageCount").toBeNumber();
    expectTypeOf<Awaited<ReturnType<typeof client.listImageVersions>>["items"]>().toEqualTypeOf<ImageVersion[]>();
    expectTypeOf<Awaited<ReturnType<typeof client.listImageBuilds>>["builds"]>().toEqualTypeOf<Build[]>();
    expectTypeOf(client.listImageBuilds(1)).toMatchTypeOf<AsyncIterable<Build>>();
    expectTypeOf(client.followBuildLogs(1, 2)).toMatchTypeOf<AsyncIterable<LogEntry>>();
    expectTypeOf(client.createImage).returns.resolves.toEqualTypeOf<CreateResult>();
    expectTypeOf(client.describeVersion).returns.resolves.toEqualTypeOf<ImageVersionDetails>();
    expectTypeOf(client.waitForBuild).returns.resolves.toEqualTypeOf<BuildOutcome>();
    expectTypeOf<Awaited<ReturnType<typeof client.listImages>>>().toMatchTypeOf<Page<ImagePage, Image>>();
  });
});
