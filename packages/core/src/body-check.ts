import type { ValidationIssue } from "./errors.js";
import {
  type GeneratedError,
  type GeneratedValidator,
  type MultipartOperation,
  requestBodies,
} from "./generated/validators.js";

export type { MultipartOperation } from "./generated/validators.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `/buildDetails/buildArguments/0/name` under `body` → `body.buildDetails.buildArguments[0].name`. */
function jsonPath(prefix: string, pointer: string): string {
  let out = prefix;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return out;
}

function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function describe(error: GeneratedError, prefix: string): ValidationIssue {
  const at = jsonPath(prefix, error.instancePath);
  const params = error.params;
  switch (error.keyword) {
    case "required":
      return { path: `${at}.${String(params.missingProperty)}`, message: "is required" };
    case "additionalProperties":
      return { path: `${at}.${String(params.additionalProperty)}`, message: "is not an accepted field" };
    case "enum":
      return { path: at, message: `must be one of ${(params.allowedValues as unknown[]).map(shown).join(", ")}` };
    case "const":
      return { path: at, message: `must be ${shown(params.allowedValue)}` };
    case "type":
      return {
        path: at,
        message: `must be ${params.type === "array" || params.type === "object" ? "an" : "a"} ${String(params.type)}`,
      };
    case "pattern":
      return { path: at, message: `must match ${String(params.pattern)}` };
    case "minLength":
      return {
        path: at,
        message: params.limit === 1 ? "must not be empty" : `must have at least ${String(params.limit)} characters`,
      };
    case "maxLength":
      return { path: at, message: `must have at most ${String(params.limit)} characters` };
    default:
      return { path: at, message: `fails the spec's ${error.keyword} rule` };
  }
}

function run(validate: GeneratedValidator, data: unknown, prefix: string): ValidationIssue[] {
  return validate(data) ? [] : (validate.errors ?? []).map((error) => describe(error, prefix));
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
  const check = requestBodies[operation];
  const issues = run(check.validate, body, "body");
  for (const [property, variant] of Object.entries(check.variants)) {
    const value = body[property];
    if (!isRecord(value)) {
      continue;
    }
    const selected = value[variant.key] ?? variant.fallback;
    const validate = typeof selected === "string" ? variant.validators[selected] : undefined;
    if (validate) {
      issues.push(...run(validate, value, `body.${property}`));
    } else {
      const allowed = Object.keys(variant.validators).map(shown).join(", ");
      issues.push({ path: `body.${property}.${variant.key}`, message: `must be one of ${allowed}` });
    }
  }
  return issues;
}
