// Renders packages/core/src/generated/validators.{js,d.ts}: ajv standalone checks of the multipart request bodies
// (create image, create version, update version), so the SDK rejects a bad body before sending it with rules that
// come from the spec alone. Imported by generate.mjs.
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse } from "yaml";

const MULTIPART = "multipart/form-data";
/** Keywords that only document a schema; dropped so that the generated code stays small. */
const ANNOTATIONS = new Set(["description", "examples", "example", "default", "title", "contentMediaType"]);

function stripAnnotations(node) {
  if (Array.isArray(node)) {
    return node.map(stripAnnotations);
  }
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties") {
        // Keys here are field names (a field may be called `description`), not keywords.
        out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, stripAnnotations(schema)]));
      } else if (!ANNOTATIONS.has(key)) {
        out[key] = stripAnnotations(value);
      }
    }
    return out;
  }
  return node;
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
 * its branches get validators of their own, so that errors name the branch the data asked for instead of every one.
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
    fallback: fallback?.schema.properties[key].const,
    members: members.map((member) => ({ value: member.schema.properties[key].const, ref: member.ref })),
  };
}

/** Renders `{ js, dts }` for the spec text given. */
export function renderValidators(specText, header) {
  const doc = parse(specText);
  const schemas = stripAnnotations(doc.components.schemas);
  const exports = {};
  const table = [];
  for (const { id, schemaName } of multipartOperations(doc)) {
    const body = structuredClone(schemas[schemaName]);
    const variants = [];
    for (const [name, property] of Object.entries(body.properties ?? {})) {
      if (isBinary(doc, doc.components.schemas[schemaName].properties[name])) {
        // The artifact travels beside the body, not inside it.
        delete body.properties[name];
        continue;
      }
      const variant = variantOf(doc, property);
      if (variant) {
        body.properties[name] = { type: "object" };
        const validators = variant.members.map(({ value, ref }) => {
          // Named after the branch schema, so operations that share a branch share its check.
          const exportName = ref.split("/").pop();
          exports[exportName] = `peak#${ref.slice(1)}`;
          return `${JSON.stringify(value)}: ${exportName}`;
        });
        variants.push(
          `${JSON.stringify(name)}: { key: ${JSON.stringify(variant.key)}, fallback: ${JSON.stringify(variant.fallback)}, validators: { ${validators.join(", ")} } }`,
        );
      }
    }
    schemas[`${schemaName}__body`] = body;
    exports[id] = `peak#/components/schemas/${schemaName}__body`;
    table.push(`  ${id}: { validate: ${id}, variants: { ${variants.join(", ")} } },`);
  }
  // Draft-07 code: the 2020-12 class adds bookkeeping for unevaluated* keywords that these schemas do not use.
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    // Counts UTF-16 units instead of importing ajv's runtime helper: the generated file must need nothing.
    unicode: false,
    logger: false,
    // Messages are written from the keyword and its params by the caller; ajv's own are not needed.
    messages: false,
    code: { source: true, esm: true, optimize: true },
  });
  ajv.addSchema({ $id: "peak", components: { schemas } });
  const code = standaloneCode(ajv, exports)
    .replace(/^"use strict";/, "")
    // Inside the factory below the checks are locals, not module exports.
    .replace(/export const (\w+) = /g, "const $1 = ")
    // Nothing reads where in the schema a failure was found: dropping it roughly halves the code.
    .replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, "");
  const ids = table.map((line) => line.trim().split(":")[0]);
  // One pure factory: a bundle that never calls requestBodyIssues drops all of this code.
  const js = `${header}/** Per operation: the body check, and the branch checks of each variant property. */\nexport const requestBodies = /* @__PURE__ */ (() => {\n${code}\nreturn {\n${table.join("\n")}\n};\n})();\n`;
  const dts = `${header}/** One failure reported by a generated check (ajv's error object). */
export interface GeneratedError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A generated check: returns whether the data is valid and leaves the failures in \`errors\`. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedError[] | null;
}

/** A property that is one of several object shapes, told apart by the value of \`key\`. */
export interface VariantCheck {
  key: string;
  /** The branch used when the data has no \`key\`. */
  fallback: string | undefined;
  validators: Record<string, GeneratedValidator>;
}

/** The checks of one operation's multipart body (the artifact excluded). */
export interface RequestBodyCheck {
  validate: GeneratedValidator;
  variants: Record<string, VariantCheck>;
}

/** Operations whose request body is multipart. */
export type MultipartOperation = ${ids.map((id) => JSON.stringify(id)).join(" | ")};

/** Per operation: the body check, and the branch checks of each variant property. */
export declare const requestBodies: Record<MultipartOperation, RequestBodyCheck>;
`;
  return { js, dts };
}
