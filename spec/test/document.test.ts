import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { apiBasePath, loadOpenApiDocument, openapiDocument, openapiPath } from "../src/index.js";

type Json = Record<string, unknown>;
const doc = openapiDocument as unknown as Json & { paths: Record<string, Record<string, Json>>; components: Json };

/** Resolves a local `#/...` reference, once. */
function deref<T = Json>(node: unknown): T {
  const ref = (node as { $ref?: string }).$ref;
  if (!ref) {
    return node as T;
  }
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((at, key) => (at as Json)[key], doc) as T;
}

function operation(id: string): { method: string; path: string; op: Json; params: Json[] } {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op as Json).operationId === id) {
        const shared = ((item.parameters as unknown as unknown[]) ?? []).map((p) => deref(p));
        const own = ((op.parameters as unknown[]) ?? []).map((p) => deref(p));
        return { method: method.toUpperCase(), path, op, params: [...shared, ...own] };
      }
    }
  }
  throw new Error(`no operation ${id}`);
}

// Reference §3: every SDK method, its route and its query wire names.
const OPERATIONS: Array<{ id: string; method: string; path: string; query: string[] }> = [
  {
    id: "listImages",
    method: "GET",
    path: "/images",
    query: ["pageSize", "pageNumber", "searchTerm", "status", "scope", "lastBuildStatus", "tags"],
  },
  { id: "createImage", method: "POST", path: "/images", query: [] },
  { id: "describeImage", method: "GET", path: "/images/{imageId}", query: [] },
  { id: "deleteImage", method: "DELETE", path: "/images/{imageId}", query: [] },
  {
    id: "listImageVersions",
    method: "GET",
    path: "/images/{imageId}/versions",
    query: ["pageSize", "pageNumber", "searchTerm", "status", "lastBuildStatus", "tags"],
  },
  { id: "createVersion", method: "POST", path: "/images/{imageId}/versions", query: [] },
  { id: "deleteVersions", method: "DELETE", path: "/images/{imageId}/versions", query: ["versionIds"] },
  { id: "describeVersion", method: "GET", path: "/images/{imageId}/versions/{versionId}", query: [] },
  { id: "updateVersion", method: "PATCH", path: "/images/{imageId}/versions/{versionId}", query: [] },
  { id: "deleteVersion", method: "DELETE", path: "/images/{imageId}/versions/{versionId}", query: [] },
  {
    id: "listImageBuilds",
    method: "GET",
    path: "/images/{imageId}/builds",
    query: ["dateFrom", "dateTo", "pageSize", "pageNumber", "count", "versions", "buildStatus"],
  },
  { id: "getBuildLogs", method: "GET", path: "/images/{imageId}/builds/{buildId}/logs", query: ["nextToken"] },
  { id: "downloadBuildLogs", method: "GET", path: "/images/{imageId}/builds/{buildId}/logs/download", query: [] },
];

describe("the package exports", () => {
  it("the document path and a parsed copy", () => {
    expect(openapiPath).toMatch(/openapi\.yaml$/);
    expect(doc.openapi).toBe("3.1.0");
    expect(loadOpenApiDocument()).toEqual(openapiDocument);
    expect(loadOpenApiDocument()).not.toBe(openapiDocument);
    expect(apiBasePath).toBe("/image-management/api/v2");
  });
});

describe("operations match the Python SDK's wire names", () => {
  it("has exactly the operations of the seed and the log download", () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item)
        .map((op) => (op as Json).operationId)
        .filter(Boolean),
    );
    expect(ids.sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
  });

  it.each(OPERATIONS)("$id is $method $path with query $query", ({ id, method, path, query }) => {
    const found = operation(id);
    expect(found.method).toBe(method);
    expect(found.path).toBe(path);
    expect(found.params.filter((p) => p.in === "query").map((p) => p.name)).toEqual(query);
    const pathParams = found.params.filter((p) => p.in === "path").map((p) => p.name);
    expect(pathParams).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    for (const param of found.params.filter((p) => p.in === "path")) {
      expect(param.required).toBe(true);
      expect(deref(param.schema)).toMatchObject({ type: "integer", minimum: 1 });
    }
  });

  it("documents /images without a trailing slash", () => {
    expect(Object.keys(doc.paths).filter((p) => p.endsWith("/"))).toEqual([]);
  });

  it.each(
    OPERATIONS.flatMap(({ id }) =>
      operation(id)
        .params.filter((p) => deref(p.schema).type === "array")
        .map((p) => ({ id, name: p.name as string, param: p })),
    ),
  )("$id: array parameter $name is form/explode (repeated keys)", ({ param }) => {
    expect(param.style).toBe("form");
    expect(param.explode).toBe(true);
  });

  it.each([
    ["listImages", "status", ["not-ready", "ready", "in-use", "deleting", "delete-failed"]],
    ["listImages", "lastBuildStatus", ["building", "failed", "success", "stopped", "stopping"]],
    ["listImages", "scope", ["global", "custom"]],
    ["listImageVersions", "status", ["not-ready", "ready", "in-use", "deleting", "delete-failed"]],
    ["listImageBuilds", "buildStatus", ["building", "failed", "success", "stopped", "stopping"]],
  ])("%s %s enumerates %j", (id, name, values) => {
    const param = operation(id).params.find((p) => p.name === name);
    expect(deref(deref<Json>(param?.schema).items).enum).toEqual(values);
  });

  it("image types are the five the service knows", () => {
    expect(deref(doc.components.schemas).ImageType).toMatchObject({
      enum: ["workflow", "workspace-r", "workspace-python", "api", "webapp"],
    });
  });

  it("count on builds defaults to -1", () => {
    const count = operation("listImageBuilds").params.find((p) => p.name === "count");
    expect(count?.schema).toMatchObject({ type: "integer", default: -1 });
  });

  it.each(["createImage", "createVersion", "updateVersion"])(
    "%s is multipart with JSON-text buildDetails and a zip artifact",
    (id) => {
      const body = deref<Json>(operation(id).op.requestBody);
      const media = (body.content as Json)["multipart/form-data"] as Json;
      const encoding = media.encoding as Record<string, { contentType: string }>;
      expect(encoding.buildDetails?.contentType).toBe("application/json");
      expect(encoding.artifact?.contentType).toBe("application/zip");
      const schema = deref<Json>(media.schema);
      expect(deref<Json>((schema.properties as Json).artifact)).toMatchObject({ format: "binary" });
    },
  );

  it("build log timestamps are epoch milliseconds (integers)", () => {
    const entry = deref<Json>((doc.components.schemas as Json).LogEntry);
    expect((entry.properties as Json).timestamp).toMatchObject({ type: "integer" });
    expect(String((entry.properties as Json & { timestamp: Json }).timestamp.description)).toContain(
      "epoch milliseconds",
    );
  });
});

describe("errors, security and servers", () => {
  const ERRORS: Record<string, string[]> = {
    createImage: ["400", "401", "403", "409", "413", "422", "500"],
    updateVersion: ["400", "401", "403", "404", "409", "413", "422", "500"],
    describeImage: ["400", "401", "403", "404", "422", "500"],
    deleteVersions: ["401", "403", "404", "422", "500"],
    getBuildLogs: ["400", "401", "403", "404", "500"],
  };
  it.each(Object.entries(ERRORS))("%s declares its error statuses with the Error schema", (id, statuses) => {
    const responses = operation(id).op.responses as Json;
    for (const status of statuses) {
      const response = deref<Json>(responses[status]);
      expect(response, `${id} ${status}`).toBeDefined();
      const schema = ((response.content as Json)["application/json"] as Json).schema as Json;
      expect(schema.$ref).toBe("#/components/schemas/Error");
    }
  });

  it("authenticates with an apiKey in the Authorization header", () => {
    expect((doc.components.securitySchemes as Json).ApiKeyAuth).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "Authorization",
    });
    expect(doc.security).toEqual([{ ApiKeyAuth: [] }]);
  });

  it("serves prod and a stage variable", () => {
    const servers = doc.servers as Array<Json & { url: string; variables?: Json }>;
    expect(servers[0]?.url).toBe(`https://service.peak.ai${apiBasePath}`);
    expect(servers[1]?.url).toBe(`https://service.{stage}.peak.ai${apiBasePath}`);
    expect(servers[1]?.variables).toHaveProperty("stage");
  });

  it.each(OPERATIONS)("$id has an example for its success response", ({ id }) => {
    const responses = operation(id).op.responses as Json;
    const ok = deref<Json>(responses["200"] ?? responses["201"]);
    const examples = ((ok.content as Json)["application/json"] as Json).examples as Json;
    expect(Object.keys(examples).length).toBeGreaterThan(0);
  });
});

describe("request schemas (validated with ajv, as the emulator does)", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...(doc as object), $id: "openapi.json" });
  const validate = (name: string, value: unknown) => {
    const check = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
    if (!check) {
      throw new Error(`no schema ${name}`);
    }
    return check(value);
  };

  it.each([
    ["an upload without a source (the default)", { useCache: true, context: "." }, true],
    ["an explicit upload", { source: "upload", dockerfilePath: "Dockerfile" }, true],
    ["github with a repository", { source: "github", repository: "https://github.com/a/b", branch: "main" }, true],
    ["github without a repository", { source: "github", branch: "main" }, false],
    ["dockerfile with content", { source: "dockerfile", dockerfile: "FROM alpine" }, true],
    ["dockerfile without content", { source: "dockerfile" }, false],
    ["dockerfile with empty content", { source: "dockerfile", dockerfile: "" }, false],
    ["an unknown source", { source: "s3" }, false],
    ["a misspelt field", { source: "upload", dockerFilePath: "Dockerfile" }, false],
    ["build arguments as name/value pairs", { buildArguments: [{ name: "A", value: "1" }] }, true],
    ["build arguments as a map", { buildArguments: { A: "1" } }, false],
  ])("buildDetails: %s → valid=%s", (_label, value, valid) => {
    expect(validate("BuildDetailsInput", value)).toBe(valid);
  });

  it.each([
    ["name and type", { name: "awesome-image", type: "workflow" }, true],
    ["no type", { name: "awesome-image" }, false],
    ["an unknown type", { name: "x", type: "lambda" }, false],
    ["a bad version", { name: "x", type: "api", version: "v1" }, false],
    ["a prerelease version", { name: "x", type: "api", version: "0.0.1-python3.12" }, true],
  ])("createImage body: %s → valid=%s", (_label, value, valid) => {
    expect(validate("CreateImageRequest", value)).toBe(valid);
  });

  it("every response example validates against its schema", () => {
    let checked = 0;
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item)) {
        for (const response of Object.values(((op as Json).responses as Json | undefined) ?? {})) {
          const media = (deref<Json>(response).content as Json | undefined)?.["application/json"] as Json | undefined;
          if (!media) {
            continue;
          }
          const check = ajv.compile({ $ref: `openapi.json${String((media.schema as Json).$ref)}` });
          for (const example of Object.values((media.examples as Record<string, Json>) ?? {})) {
            expect(check(example.value), JSON.stringify(check.errors)).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
