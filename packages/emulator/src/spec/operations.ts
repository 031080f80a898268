import type { JsonValue, OpenApiDocument } from "@peak-images/spec";

/** A JSON object as found in the parsed document. */
export type JsonObject = { [key: string]: JsonValue };

/** One parameter of an operation, with its `$ref` resolved. */
export interface OperationParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonObject;
  /** True for integer parameters and arrays of integers, whose values must be written as decimal integers. */
  integer: boolean;
}

/** The multipart request body of an operation. */
export interface OperationBody {
  /** JSON pointer (from the document root) of the body schema. */
  schemaPointer: string;
  /** Fields whose part is JSON text (`encoding.<field>.contentType: application/json`). */
  jsonFields: ReadonlySet<string>;
  /** Fields sent as file parts (`format: binary`). */
  fileFields: ReadonlySet<string>;
}

/** One operation of the spec, as the router and validator need it. */
export interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
  pathParamNames: string[];
  parameters: OperationParameter[];
  body: OperationBody | undefined;
  /** JSON pointer of the response schema by status code ("200", "404", ...); undefined for no content. */
  responses: Map<string, string | undefined>;
}

const methods = ["get", "post", "put", "patch", "delete"] as const;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` ("#/components/...") inside the document. */
export function resolvePointer(doc: OpenApiDocument, pointer: string): JsonValue | undefined {
  if (!pointer.startsWith("#/")) {
    throw new Error(`Only local $refs are supported, got ${pointer}`);
  }
  let node: JsonValue | undefined = doc as unknown as JsonValue;
  for (const raw of pointer.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

function deref(doc: OpenApiDocument, node: JsonValue | undefined): { node: JsonValue | undefined; pointer?: string } {
  if (isObject(node) && typeof node.$ref === "string") {
    const target = resolvePointer(doc, node.$ref);
    const inner = deref(doc, target);
    return inner.pointer === undefined ? { node: inner.node, pointer: node.$ref } : inner;
  }
  return { node };
}

function toParameter(doc: OpenApiDocument, raw: JsonValue): OperationParameter {
  const { node } = deref(doc, raw);
  if (!isObject(node) || typeof node.name !== "string" || typeof node.in !== "string" || !isObject(node.schema)) {
    throw new Error(`Malformed parameter ${JSON.stringify(raw)}`);
  }
  return {
    name: node.name,
    in: node.in as OperationParameter["in"],
    required: node.required === true,
    schema: node.schema,
    integer: isIntegerSchema(doc, node.schema),
  };
}

function isIntegerSchema(doc: OpenApiDocument, raw: JsonValue): boolean {
  const { node } = deref(doc, raw);
  if (!isObject(node)) {
    return false;
  }
  return node.type === "integer" || (node.type === "array" && isIntegerSchema(doc, node.items ?? null));
}

function templateToPattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const match = /^\{(.+)\}$/.exec(segment);
      if (match?.[1] !== undefined) {
        names.push(match[1]);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), names };
}

function readBody(doc: OpenApiDocument, rawBody: JsonValue | undefined, opId: string): OperationBody | undefined {
  const { node: body } = deref(doc, rawBody);
  if (!isObject(body) || !isObject(body.content)) {
    return undefined;
  }
  const multipart = body.content["multipart/form-data"];
  if (!isObject(multipart) || !isObject(multipart.schema) || typeof multipart.schema.$ref !== "string") {
    throw new Error(`${opId}: only multipart bodies with a $ref schema are supported`);
  }
  const schemaPointer = multipart.schema.$ref;
  const jsonFields = new Set<string>();
  const fileFields = new Set<string>();
  if (isObject(multipart.encoding)) {
    for (const [field, encoding] of Object.entries(multipart.encoding)) {
      if (isObject(encoding) && encoding.contentType === "application/json") {
        jsonFields.add(field);
      }
    }
  }
  const schema = resolvePointer(doc, schemaPointer);
  if (isObject(schema) && isObject(schema.properties)) {
    for (const [field, prop] of Object.entries(schema.properties)) {
      const { node } = deref(doc, prop);
      if (isObject(node) && node.format === "binary") {
        fileFields.add(field);
      }
    }
  }
  return { schemaPointer, jsonFields, fileFields };
}

function readResponses(doc: OpenApiDocument, raw: JsonValue | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (!isObject(raw)) {
    return out;
  }
  for (const [status, rawResponse] of Object.entries(raw)) {
    const { node: response } = deref(doc, rawResponse);
    let pointer: string | undefined;
    if (isObject(response) && isObject(response.content)) {
      const json = response.content["application/json"];
      if (isObject(json) && isObject(json.schema) && typeof json.schema.$ref === "string") {
        pointer = json.schema.$ref;
      }
    }
    out.set(status, pointer);
  }
  return out;
}

/** Reads every operation of the document: the one place that walks `paths`. */
export function readOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of methods) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== "string") {
        continue;
      }
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const byKey = new Map<string, OperationParameter>();
      // Operation-level parameters override path-level ones with the same name and location.
      for (const raw of [...shared, ...own]) {
        const param = toParameter(doc, raw);
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const { pattern, names } = templateToPattern(template);
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        pattern,
        pathParamNames: names,
        parameters: [...byKey.values()],
        body: readBody(doc, op.requestBody, op.operationId),
        responses: readResponses(doc, op.responses),
      });
    }
  }
  return operations;
}
