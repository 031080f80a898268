import { describe, expect, it } from "vitest";
import { type MultipartOperation, requestBodyIssues } from "../src/body-check.js";

const CASES: Array<{ name: string; operation: MultipartOperation; body: unknown; issues: Array<[string, string]> }> = [
  { name: "a minimal image", operation: "createImage", body: { name: "app", type: "workflow" }, issues: [] },
  {
    name: "every field of an upload image",
    operation: "createImage",
    body: {
      name: "app.v2_x",
      type: "webapp",
      description: "d",
      version: "1.2.3-python3.12",
      buildDetails: {
        source: "upload",
        useCache: false,
        buildArguments: [{ name: "A", value: "1" }],
        secrets: ["S"],
        context: ".",
        dockerfilePath: "Dockerfile",
      },
    },
    issues: [],
  },
  {
    name: "name and type missing",
    operation: "createImage",
    body: {},
    issues: [
      ["body.name", "is required"],
      ["body.type", "is required"],
    ],
  },
  {
    name: "a bad enum and a bad name",
    operation: "createImage",
    body: { name: "-x", type: "lambda" },
    issues: [
      ["body.name", "must match ^[A-Za-z0-9][A-Za-z0-9._-]*$"],
      ["body.type", 'must be one of "workflow", "workspace-r", "workspace-python", "api", "webapp"'],
    ],
  },
  {
    name: "an unknown top-level field",
    operation: "createImage",
    body: { name: "a", type: "api", artifactPath: "." },
    issues: [["body.artifactPath", "is not an accepted field"]],
  },
  {
    name: "github without its repository, with a field of another variant",
    operation: "createImage",
    body: { name: "a", type: "api", buildDetails: { source: "github", dockerfile: "FROM x" } },
    issues: [
      ["body.buildDetails.repository", "is required"],
      ["body.buildDetails.dockerfile", "is not an accepted field"],
    ],
  },
  {
    name: "no source means upload, whose fields are checked",
    operation: "createImage",
    body: { name: "a", type: "api", buildDetails: { useCache: "no", repository: "r" } },
    issues: [
      ["body.buildDetails.repository", "is not an accepted field"],
      ["body.buildDetails.useCache", "must be a boolean"],
    ],
  },
  {
    name: "an unknown source",
    operation: "createVersion",
    body: { buildDetails: { source: "s3" } },
    issues: [["body.buildDetails.source", 'must be one of "upload", "github", "dockerfile"']],
  },
  {
    // An inherited name of a plain object is no branch (it once selected Object.prototype.toString and passed).
    name: "a source that is the name of an object method",
    operation: "createImage",
    body: { name: "a", type: "api", buildDetails: { source: "toString" } },
    issues: [["body.buildDetails.source", 'must be one of "upload", "github", "dockerfile"']],
  },
  {
    name: "a dockerfile build with an empty Dockerfile and a bad build argument",
    operation: "createVersion",
    body: { buildDetails: { source: "dockerfile", dockerfile: "", buildArguments: [{ name: "A" }] } },
    issues: [
      ["body.buildDetails.buildArguments[0].value", "is required"],
      ["body.buildDetails.dockerfile", "must not be empty"],
    ],
  },
  {
    name: "a bad version and autodeploy entity",
    operation: "createVersion",
    body: { version: "1.0", autodeployResources: [{ entityId: "e", entityType: "job" }] },
    issues: [
      [
        "body.version",
        "must match ^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$",
      ],
      ["body.autodeployResources[0].entityType", 'must be one of "workflow", "workspace", "api", "webapp"'],
    ],
  },
  {
    name: "an update patch may carry any build field",
    operation: "updateVersion",
    body: { buildDetails: { repository: "r", dockerfile: "FROM x", useCache: true } },
    issues: [],
  },
  {
    name: "an update patch with a wrong type",
    operation: "updateVersion",
    body: { description: 3, buildDetails: { secrets: "S" } },
    issues: [
      ["body.description", "must be a string"],
      ["body.buildDetails.secrets", "must be an array"],
    ],
  },
  { name: "not an object", operation: "createImage", body: ["a"], issues: [["body", "must be an object"]] },
];

describe("request bodies are checked against the spec's schemas", () => {
  it.each(CASES)("$operation: $name", ({ operation, body, issues }) => {
    const found = requestBodyIssues(operation, body).map((issue) => [issue.path, issue.message]);
    expect(found.sort()).toEqual([...issues].sort());
  });
});
