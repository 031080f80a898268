import type { ValidationIssue } from "./errors.js";
import { type MultipartOperation, requestBodies, type SchemaNode, schemas } from "./generated/request-schemas.js";

export type { MultipartOperation } from "./generated/request-schemas.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function oneOf(values: readonly unknown[]): string {
  return `must be one of ${values.map(shown).join(", ")}`;
}

/** JSON Schema's `type` for the types the generator lets through: string, boolean, object, array. */
function isType(type: string, value: unknown): boolean {
  return type === "object" ? isRecord(value) : type === "array" ? Array.isArray(value) : typeof value === type;
}

/**
 * Adds to `issues` what `value` breaks of `schema`, with JSON Schema's meaning of each keyword (the generator
 * refuses any keyword not handled here) and in the order ajv reports them: a wrong type, else the keywords of the
 * value's type (lengths and pattern; required, unknown fields, then each field; each item), then const and enum.
 */
function check(schema: SchemaNode, value: unknown, at: string, issues: ValidationIssue[]): void {
  const add = (message: string, path = at) => issues.push({ path, message });
  if (schema.$ref) {
    check(schemas[schema.$ref]!, value, at, issues);
    return;
  }
  const { type, minLength, maxLength, pattern, items } = schema;
  if (type && !isType(type, value)) {
    add(`must be ${type === "array" || type === "object" ? "an" : "a"} ${type}`);
  } else if (typeof value === "string") {
    // Lengths in UTF-16 code units (`String.length`), as the checks have always counted them.
    if (maxLength !== undefined && value.length > maxLength) {
      add(`must have at most ${maxLength} characters`);
    }
    if (minLength !== undefined && value.length < minLength) {
      add(minLength === 1 ? "must not be empty" : `must have at least ${minLength} characters`);
    }
    if (pattern !== undefined && !new RegExp(pattern, "u").test(value)) {
      add(`must match ${pattern}`);
    }
  } else if (isRecord(value)) {
    const properties = schema.properties ?? {};
    for (const name of schema.required ?? []) {
      if (value[name] === undefined) {
        add("is required", `${at}.${name}`);
      }
    }
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(properties, key)) {
          add("is not an accepted field", `${at}.${key}`);
        }
      }
    }
    for (const [name, property] of Object.entries(properties)) {
      if (value[name] !== undefined) {
        check(property, value[name], `${at}.${name}`, issues);
      }
    }
  } else if (Array.isArray(value) && items) {
    // Every index, holes of a sparse array included (forEach would skip them).
    for (let index = 0; index < value.length; index++) {
      check(items, value[index], `${at}[${index}]`, issues);
    }
  }
  if ("const" in schema && value !== schema.const) {
    add(`must be ${shown(schema.const)}`);
  }
  if (schema.enum && !schema.enum.includes(value)) {
    add(oneOf(schema.enum));
  }
}

/**
 * Checks a create/update body (without the artifact) against the spec's request schema and returns every
 * problem with its JSON path (`body.buildDetails.repository`). `buildDetails` is checked against the one branch its
 * `source` names (upload when absent), so the problems are about what the caller meant.
 */
export function requestBodyIssues(operation: MultipartOperation, body: unknown): ValidationIssue[] {
  if (!isRecord(body)) {
    return [{ path: "body", message: "must be an object" }];
  }
  const { schema, variants } = requestBodies[operation];
  const issues: ValidationIssue[] = [];
  check(schema, body, "body", issues);
  for (const [property, variant] of Object.entries(variants)) {
    const value = body[property];
    if (!isRecord(value)) {
      continue;
    }
    const selected = value[variant.key] ?? variant.fallback;
    // An own key only: a `source` such as "toString" names no branch.
    if (typeof selected === "string" && Object.hasOwn(variant.schemas, selected)) {
      check({ $ref: variant.schemas[selected]! }, value, `body.${property}`, issues);
    } else {
      issues.push({ path: `body.${property}.${variant.key}`, message: oneOf(Object.keys(variant.schemas)) });
    }
  }
  return issues;
}
