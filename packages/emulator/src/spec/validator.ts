import type { JsonValue, OpenApiDocument } from "@peak-images/spec";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { type JsonObject, type Operation, readOperations, resolvePointer } from "./operations.js";
import type { Problem } from "./problems.js";

// Both are CommonJS modules whose module.exports is also reachable as `.default`; this works under ESM and CJS.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const rootId = "https://peak-images.local/openapi.json";

interface CompiledOperation {
  path: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | undefined;
}

function objectSchema(op: Operation, location: "path" | "query"): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const param of op.parameters) {
    if (param.in !== location) {
      continue;
    }
    properties[param.name] = param.schema;
    if (param.required) {
      required.push(param.name);
    }
  }
  // Unknown query keys are tolerated (clients add cache-busters); declared ones are checked.
  return { type: "object", properties, required, additionalProperties: true };
}

function pointerToPath(prefix: string, instancePath: string): string {
  let out = prefix;
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return out;
}

function problemOf(error: ErrorObject, prefix: string): Problem {
  const base = pointerToPath(prefix, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { path: `${base}.${String(params.missingProperty)}`, message: "is required" };
    case "additionalProperties":
      return { path: `${base}.${String(params.additionalProperty)}`, message: "is not an accepted property" };
    case "enum":
      return {
        path: base,
        message: `must be equal to one of the allowed values (${(params.allowedValues as unknown[]).join(", ")})`,
      };
    case "const":
      return { path: base, message: `must be equal to ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: base, message: error.message ?? "is invalid" };
  }
}

function toProblems(errors: ErrorObject[], prefix: string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const error of errors) {
    const problem = problemOf(error, prefix);
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

/**
 * The spec compiled once: request validators per operation (query and path strings coerced to the schema types,
 * defaults filled in) and response validators per operation and status.
 */
export class SpecValidator {
  /** Every operation of the document. */
  readonly operations: Operation[];
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly schemas = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.operations = readOperations(doc);
    const inputs: JsonObject = {};
    for (const op of this.operations) {
      inputs[op.id] = { path: objectSchema(op, "path"), query: objectSchema(op, "query") };
    }
    const root = (): JsonObject => ({
      $id: rootId,
      components: structuredClone(doc.components) as JsonValue,
      "x-inputs": structuredClone(inputs),
    });
    // Query and path values arrive as strings (and repeated keys as arrays): coerce them, "array" mode
    // turning a single value into a one-item array where the schema wants an array.
    const requestAjv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: "array", useDefaults: true });
    // Bodies and responses are JSON already: no coercion, no defaults, exactly the schema.
    // verbose: errors carry their schema, which `narrowOneOf` needs to find the branch the data meant.
    const exactAjv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    addFormats(requestAjv);
    addFormats(exactAjv);
    requestAjv.addSchema(root());
    exactAjv.addSchema(root());
    const ref = (pointer: string) => ({ $ref: `${rootId}${pointer}` });
    for (const op of this.operations) {
      this.compiled.set(op.id, {
        path: requestAjv.compile(ref(`#/x-inputs/${op.id}/path`)),
        query: requestAjv.compile(ref(`#/x-inputs/${op.id}/query`)),
        body: op.body === undefined ? undefined : exactAjv.compile(ref(op.body.schemaPointer)),
      });
      for (const pointer of op.responses.values()) {
        if (pointer !== undefined && !this.schemas.has(pointer)) {
          this.schemas.set(pointer, exactAjv.compile(ref(pointer)));
        }
      }
    }
    for (const name of Object.keys(doc.components.schemas ?? {})) {
      const pointer = `#/components/schemas/${name}`;
      if (!this.schemas.has(pointer)) {
        this.schemas.set(pointer, exactAjv.compile(ref(pointer)));
      }
    }
  }

  private get(op: Operation): CompiledOperation {
    const compiled = this.compiled.get(op.id);
    if (compiled === undefined) {
      throw new Error(`Unknown operation ${op.id}`);
    }
    return compiled;
  }

  /** Validates and coerces path parameters in place; returns the problems (empty when valid). */
  checkPath(op: Operation, params: Record<string, unknown>): Problem[] {
    const validate = this.get(op).path;
    return validate(params) ? [] : toProblems(validate.errors ?? [], "path");
  }

  /** Validates, coerces and fills defaults of query parameters in place; returns the problems. */
  checkQuery(op: Operation, query: Record<string, unknown>): Problem[] {
    const validate = this.get(op).query;
    return validate(query) ? [] : toProblems(validate.errors ?? [], "query");
  }

  /** Validates a multipart body (JSON fields already parsed, file parts left out); returns the problems. */
  checkBody(op: Operation, body: Record<string, unknown>): Problem[] {
    const validate = this.get(op).body;
    if (validate === undefined) {
      return [];
    }
    return validate(body) ? [] : toProblems(this.narrowOneOf(validate.errors ?? []), "body");
  }

  /** Validates against any schema of the document by pointer, e.g. `#/components/schemas/BuildDetailsInput`. */
  checkSchema(pointer: string, value: unknown, prefix: string): Problem[] {
    const validate = this.schemas.get(pointer);
    if (validate === undefined) {
      throw new Error(`Schema ${pointer} was not compiled`);
    }
    return validate(value) ? [] : toProblems(this.narrowOneOf(validate.errors ?? []), prefix);
  }

  /**
   * Replaces a failed `oneOf` (and the failures of all its branches) by the failures of the one branch the data
   * meant, chosen by its `const` discriminator (`source`), so a github build missing `repository` is reported as
   * exactly that rather than as three unrelated branch failures.
   */
  private narrowOneOf(errors: ErrorObject[]): ErrorObject[] {
    let out = errors;
    for (const oneOf of errors.filter((e) => e.keyword === "oneOf")) {
      const at = oneOf.instancePath;
      const inside = (e: ErrorObject) => e.instancePath === at || e.instancePath.startsWith(`${at}/`);
      const branches = ((oneOf.parentSchema as { oneOf?: unknown } | undefined)?.oneOf ?? []) as { $ref?: string }[];
      const data = oneOf.data as Record<string, unknown>;
      if (typeof data !== "object" || data === null || Array.isArray(data)) {
        // Not even an object: every branch says the same thing; keep one copy of it.
        const first = out.find((e) => inside(e) && e.keyword !== "oneOf");
        out = [...out.filter((e) => !inside(e)), ...(first === undefined ? [oneOf] : [first])];
        continue;
      }
      const candidates = branches.map((branch) => {
        const pointer = (branch.$ref ?? "").replace(rootId, "");
        const schema = resolvePointer(this.doc, pointer) as { properties?: Record<string, { const?: unknown }> };
        const discriminator = Object.entries(schema?.properties ?? {}).find(([, p]) => p.const !== undefined);
        return { pointer, name: discriminator?.[0], value: discriminator?.[1].const };
      });
      const name = candidates.find((c) => c.name !== undefined)?.name;
      const given = name === undefined ? undefined : data[name];
      const chosen =
        given === undefined
          ? candidates.find((c) => !this.requires(c.pointer, c.name))
          : candidates.find((c) => c.value === given);
      let replacement: ErrorObject[];
      if (chosen === undefined) {
        replacement = [
          {
            ...oneOf,
            instancePath: `${at}/${name ?? ""}`,
            keyword: "enum",
            params: { allowedValues: candidates.map((c) => c.value) },
          },
        ];
      } else {
        const validate = this.schemas.get(chosen.pointer);
        replacement =
          validate === undefined || validate(data)
            ? [oneOf]
            : (validate.errors ?? []).map((e) => ({ ...e, instancePath: `${at}${e.instancePath}` }));
      }
      out = [...out.filter((e) => !inside(e)), ...replacement];
    }
    return out;
  }

  private requires(pointer: string, name: string | undefined): boolean {
    const schema = resolvePointer(this.doc, pointer) as { required?: unknown } | undefined;
    return name !== undefined && Array.isArray(schema?.required) && schema.required.includes(name);
  }

  /** Validates a response body of an operation; an undeclared status is itself a problem. */
  checkResponse(operationId: string, status: number, body: unknown): Problem[] {
    const op = this.operations.find((o) => o.id === operationId);
    if (op === undefined) {
      return [{ path: "operation", message: `unknown operation ${operationId}` }];
    }
    if (!op.responses.has(String(status))) {
      return [{ path: "status", message: `${status} is not a declared response of ${operationId}` }];
    }
    const pointer = op.responses.get(String(status));
    if (pointer === undefined) {
      return [];
    }
    return this.checkSchema(pointer, body, "response");
  }
}
