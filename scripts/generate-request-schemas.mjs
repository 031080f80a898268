// Renders packages/core/src/generated/request-schemas.ts: the spec's schemas of the multipart request bodies
// (create image, create version, update version) as compact data, annotations stripped, for the small JSON Schema
// interpreter in packages/core/src/body-check.ts. The SDK rejects a bad body before sending it with rules that come
// from the spec alone. Imported by generate.mjs.
import { parse } from "yaml";

const MULTIPART = "multipart/form-data";
const SCHEMAS = "#/components/schemas/";
/**
 * Keywords that only document a schema. `format` is among them: it is an annotation in JSON Schema unless a
 * validator opts in, and the only one in these bodies is the artifact's `binary`, which travels beside the body.
 */
const ANNOTATIONS = new Set([
  "description",
  "examples",
  "example",
  "default",
  "title",
  "contentMediaType",
  "format",
  "writeOnly",
  "readOnly",
  "deprecated",
]);
/** Exactly the keywords body-check.ts interprets; a schema using another one stops the generation. */
const KEYWORDS = new Set([
  "type",
  "required",
  "additionalProperties",
  "properties",
  "enum",
  "const",
  "pattern",
  "minLength",
  "maxLength",
  "items",
  "$ref",
]);
const TYPES = new Set(["string", "boolean", "object", "array"]);

function unsupported(where, what) {
  return new Error(
    `${where}: ${what}, which packages/core/src/body-check.ts does not interpret; teach it there (with tests) first`,
  );
}

function resolve(doc, ref) {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((node, key) => node[key], doc);
}

function isBinary(doc, schema) {
  const target = schema?.$ref ? resolve(doc, schema.$ref) : schema;
  return target?.format === "binary";
}

function isPrimitive(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/**
 * One schema node as the interpreter reads it: annotations dropped, `$ref` shortened to the schema's name (added
 * to `refs`), a one-member `allOf` (the spec's way of annotating a `$ref`) replaced by its member. Anything the
 * interpreter would not check exactly as JSON Schema says throws.
 */
function compact(node, where, refs) {
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) {
      continue;
    }
    if (key === "allOf") {
      if (value.length !== 1) {
        throw unsupported(where, "an allOf of several schemas");
      }
      Object.assign(out, compact(value[0], `${where}/allOf/0`, refs));
    } else if (!KEYWORDS.has(key)) {
      throw unsupported(where, `the keyword ${key}`);
    } else if (key === "$ref") {
      if (!value.startsWith(SCHEMAS)) {
        throw unsupported(where, `the reference ${value}`);
      }
      out.$ref = value.slice(SCHEMAS.length);
      refs.add(out.$ref);
    } else if (key === "properties") {
      // Keys here are field names (a field may be called `description`), not keywords.
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, compact(schema, `${where}/properties/${name}`, refs)]),
      );
    } else if (key === "items") {
      if (Array.isArray(value)) {
        throw unsupported(where, "items as a list");
      }
      out.items = compact(value, `${where}/items`, refs);
    } else if (key === "type" && !TYPES.has(value)) {
      throw unsupported(where, `the type ${JSON.stringify(value)}`);
    } else if (key === "additionalProperties" && typeof value !== "boolean") {
      throw unsupported(where, "additionalProperties as a schema");
    } else if ((key === "enum" && !value.every(isPrimitive)) || (key === "const" && !isPrimitive(value))) {
      throw unsupported(where, `a non-primitive ${key}`);
    } else {
      out[key] = value;
    }
  }
  if (out.$ref && Object.keys(out).length > 1) {
    throw unsupported(where, "keywords beside a $ref");
  }
  return out;
}

/** The operations whose request body is multipart, with the name of their body schema. */
function multipartOperations(doc) {
  const found = [];
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      const ref = operation?.requestBody?.content?.[MULTIPART]?.schema?.$ref;
      if (ref) {
        found.push({ id: operation.operationId, schemaName: ref.split("/").pop() });
      }
    }
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * A property whose schema is a `oneOf` of objects told apart by one `const` property (buildDetails by `source`):
 * its branches are checked on their own, so that problems name the branch the data asked for instead of every one.
 */
function variantOf(doc, schema) {
  if (!schema?.$ref) {
    return undefined;
  }
  const members = resolve(doc, schema.$ref).oneOf?.map((member) => ({
    ref: member.$ref,
    schema: resolve(doc, member.$ref),
  }));
  if (!members?.length) {
    return undefined;
  }
  const [first] = members;
  const key = Object.keys(first.schema.properties ?? {}).find((name) =>
    members.every((member) => member.schema.properties?.[name]?.const !== undefined),
  );
  if (!key) {
    return undefined;
  }
  const fallback = members.find((member) => !(member.schema.required ?? []).includes(key));
  return {
    key,
    ...(fallback ? { fallback: fallback.schema.properties[key].const } : {}),
    schemas: Object.fromEntries(
      members.map((member) => [member.schema.properties[key].const, member.ref.slice(SCHEMAS.length)]),
    ),
  };
}

/** Renders the TypeScript module (`request-schemas.ts`) for the spec text given. */
export function renderRequestSchemas(specText, header) {
  const doc = parse(specText);
  const refs = new Set();
  const bodies = [];
  for (const { id, schemaName } of multipartOperations(doc)) {
    const source = doc.components.schemas[schemaName];
    const body = { ...source, properties: { ...source.properties } };
    const binary = Object.keys(source.properties ?? {}).filter((name) => isBinary(doc, source.properties[name]));
    const variants = {};
    for (const [name, property] of Object.entries(source.properties ?? {})) {
      if (binary.includes(name)) {
        // The artifact travels beside the body, not inside it.
        delete body.properties[name];
        continue;
      }
      const variant = variantOf(doc, property);
      if (variant) {
        // The body only checks that it is an object; its branch is checked after the body.
        body.properties[name] = { type: "object" };
        variants[name] = variant;
        for (const ref of Object.values(variant.schemas)) {
          refs.add(ref);
        }
      }
    }
    if (body.required) {
      body.required = body.required.filter((name) => !binary.includes(name));
    }
    const schema = compact(body, `${SCHEMAS}${schemaName}`, refs);
    bodies.push(`  ${id}: ${JSON.stringify({ schema, variants })},`);
  }
  // Every schema reached through a $ref, each compacted once (compacting may reach further ones).
  const named = new Map();
  for (let pending = [...refs]; pending.length > 0; pending = [...refs].filter((name) => !named.has(name))) {
    for (const name of pending) {
      const schema = doc.components.schemas[name];
      if (!schema) {
        throw new Error(`${SCHEMAS}${name} is referenced but not defined`);
      }
      named.set(name, compact(schema, `${SCHEMAS}${name}`, refs));
    }
  }
  const schemaLines = [...named.keys()].sort().map((name) => `  ${name}: ${JSON.stringify(named.get(name))},`);
  const ids = bodies.map((line) => line.trim().split(":")[0]);
  return `${header}/** A JSON Schema node of a request body, annotations stripped; \`$ref\` names an entry of {@link schemas}. */
export interface SchemaNode {
  type?: "string" | "boolean" | "object" | "array";
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  items?: SchemaNode;
  $ref?: string;
}

/** A property that is one of several object shapes, told apart by the value of \`key\`. */
export interface VariantCheck {
  key: string;
  /** The branch used when the data has no \`key\`. */
  fallback?: string;
  /** The schema name of each branch, by its value of \`key\`. */
  schemas: Record<string, string>;
}

/** Operations whose request body is multipart. */
export type MultipartOperation = ${ids.map((id) => JSON.stringify(id)).join(" | ")};

/** The spec's schemas the request bodies refer to, by name. */
export const schemas: Record<string, SchemaNode> = {
${schemaLines.join("\n")}
};

/** Per operation: the body's schema (the artifact left out), and the branches of each variant property. */
export const requestBodies: Record<MultipartOperation, { schema: SchemaNode; variants: Record<string, VariantCheck> }> = {
${bodies.join("\n")}
};
`;
}
