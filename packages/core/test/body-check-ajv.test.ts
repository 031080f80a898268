import { loadOpenApiDocument } from "@peak-images/spec";
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { type MultipartOperation, requestBodyIssues } from "../src/body-check.js";

// The interpreter in body-check.ts against ajv, the reference JSON Schema validator, compiled here from the spec's
// own schemas: over thousands of bodies mutated from valid ones, both must report the same problems, in the same
// order, with the same paths and messages.

const Ajv = AjvModule.default;
type Json = Record<string, unknown>;

const BODIES: Record<MultipartOperation, string> = {
  createImage: "CreateImageRequest",
  createVersion: "CreateVersionRequest",
  updateVersion: "UpdateVersionRequest",
};
const BRANCHES = { upload: "UploadBuildDetails", github: "GithubBuildDetails", dockerfile: "DockerfileBuildDetails" };

const schemas = (loadOpenApiDocument() as unknown as { components: { schemas: Record<string, Json> } }).components
  .schemas;
/** A body schema as sent beside the artifact: no artifact field; buildDetails, when it has branches, an object. */
function bodySchema(name: string): Json {
  const schema = schemas[name] as { properties: Record<string, Json> };
  const properties = { ...schema.properties };
  delete properties.artifact;
  if (properties.buildDetails?.$ref === "#/components/schemas/BuildDetailsInput") {
    properties.buildDetails = { type: "object" };
  }
  return { ...schema, properties };
}
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicode: false, messages: false });
ajv.addSchema({
  $id: "peak",
  components: {
    schemas: {
      ...schemas,
      ...Object.fromEntries(Object.values(BODIES).map((name) => [`${name}__body`, bodySchema(name)])),
    },
  },
});

function check(name: string): ValidateFunction {
  const found = ajv.getSchema(`peak#/components/schemas/${name}`);
  if (!found) {
    throw new Error(`no schema ${name}`);
  }
  return found;
}

const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** ajv's error object said as a ValidationIssue, as the SDK has always worded them. */
function issueOf(error: ErrorObject, prefix: string): [string, string] {
  let at = prefix;
  for (const raw of error.instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    at += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return [`${at}.${String(params.missingProperty)}`, "is required"];
    case "additionalProperties":
      return [`${at}.${String(params.additionalProperty)}`, "is not an accepted field"];
    case "enum":
      return [at, `must be one of ${(params.allowedValues as unknown[]).map(shown).join(", ")}`];
    case "const":
      return [at, `must be ${shown(params.allowedValue)}`];
    case "type":
      return [at, `must be ${params.type === "array" || params.type === "object" ? "an" : "a"} ${String(params.type)}`];
    case "pattern":
      return [at, `must match ${String(params.pattern)}`];
    case "minLength":
      return [at, params.limit === 1 ? "must not be empty" : `must have at least ${String(params.limit)} characters`];
    case "maxLength":
      return [at, `must have at most ${String(params.limit)} characters`];
    default:
      throw new Error(`unexpected keyword ${error.keyword}`);
  }
}

function run(check: ValidateFunction, data: unknown, prefix: string): Array<[string, string]> {
  return check(data) ? [] : (check.errors ?? []).map((error) => issueOf(error, prefix));
}

/** What ajv finds: the body, then buildDetails against the branch its source names (upload when absent). */
function reference(operation: MultipartOperation, body: unknown): Array<[string, string]> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return [["body", "must be an object"]];
  }
  const issues = run(check(`${BODIES[operation]}__body`), body, "body");
  const details = (body as Json).buildDetails;
  if (operation !== "updateVersion" && typeof details === "object" && details !== null && !Array.isArray(details)) {
    const source = (details as Json).source ?? "upload";
    if (typeof source === "string" && Object.hasOwn(BRANCHES, source)) {
      issues.push(...run(check(BRANCHES[source as keyof typeof BRANCHES]), details, "body.buildDetails"));
    } else {
      issues.push(["body.buildDetails.source", 'must be one of "upload", "github", "dockerfile"']);
    }
  }
  return issues;
}

/** A small deterministic PRNG (mulberry32), so a failure names a body that can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: unknown[] = [
  undefined,
  null,
  0,
  3,
  true,
  "",
  "x",
  "-bad",
  "toString",
  // Each length limit, met and passed by one.
  "a".repeat(64),
  "a".repeat(65),
  `1.2.3-${"a".repeat(122)}`,
  `1.2.3-${"a".repeat(123)}`,
  "1.0",
  "1.2.3",
  "é",
  [],
  ["a"],
  [""],
  [3],
  [{}],
  [{ name: "A" }],
  [{ name: "", value: 1, extra: true }],
  [{ entityId: "", entityType: "job" }],
  {},
  { source: "github" },
  { source: "dockerfile", dockerfile: "" },
  { source: "s3" },
  { source: "constructor" },
];
const FIELDS = [
  "name",
  "type",
  "description",
  "version",
  "buildDetails",
  "autodeployResources",
  "unknown",
  "buildDetails.source",
  "buildDetails.useCache",
  "buildDetails.buildArguments",
  "buildDetails.secrets",
  "buildDetails.repository",
  "buildDetails.branch",
  "buildDetails.token",
  "buildDetails.dockerfile",
  "buildDetails.context",
  "buildDetails.dockerfilePath",
  "buildDetails.other",
  "autodeployResources.0",
  "autodeployResources.0.entityType",
  "buildDetails.buildArguments.0.name",
];
const BASES: Json[] = [
  { name: "app", type: "workflow" },
  {
    name: "app.v2_x",
    type: "webapp",
    description: "d",
    version: "1.2.3-python3.12",
    buildDetails: { source: "upload", useCache: false, buildArguments: [{ name: "A", value: "1" }], secrets: ["S"] },
    autodeployResources: [{ entityId: "e", entityType: "api" }],
  },
  { buildDetails: { source: "github", repository: "https://github.com/a/b", branch: "main", token: "t" } },
  { buildDetails: { source: "dockerfile", dockerfile: "FROM x", buildArguments: [{ name: "A", value: "1" }] } },
];

/** `body` with the value at a dotted path set (or removed when undefined), creating objects on the way. */
function withValue(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) {
      node[key] = /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? "") ? [] : {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = structuredClone(value);
  }
  return copy;
}

/** Every base with one field changed to every value, then seeded bodies with three changes each. */
function corpus(): Json[] {
  const bodies: Json[] = [];
  for (const base of BASES) {
    for (const field of FIELDS) {
      for (const value of VALUES) {
        bodies.push(withValue(base, field, value));
      }
    }
  }
  const next = random(20_240_601);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  for (let i = 0; i < 3000; i++) {
    let body = pick(BASES);
    for (let change = 0; change < 3; change++) {
      body = withValue(body, pick(FIELDS), pick(VALUES));
    }
    bodies.push(body);
  }
  return bodies;
}

describe("the body check agrees with ajv on the spec's schemas", () => {
  const bodies = corpus();
  it.each(Object.keys(BODIES) as MultipartOperation[])("%s: same problems, same order, same words", (operation) => {
    let withProblems = 0;
    for (const body of bodies) {
      const expected = reference(operation, body);
      const found = requestBodyIssues(operation, body).map((issue) => [issue.path, issue.message]);
      expect(found, JSON.stringify(body)).toEqual(expected);
      withProblems += expected.length > 0 ? 1 : 0;
    }
    // The corpus exercises both sides: bodies the spec accepts and bodies it refuses.
    expect(withProblems).toBeGreaterThan(bodies.length / 2);
    expect(withProblems).toBeLessThan(bodies.length);
  });
});
