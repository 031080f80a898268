// An independent reading of the spec (not the emulator's own validator) to check what the emulator answers.
import { loadOpenApiDocument } from "@peak-images/spec";
import type { ValidateFunction } from "ajv/dist/2020.js";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const doc = loadOpenApiDocument() as unknown as Record<string, unknown>;
const ajv = new Ajv2020Module.default({ allErrors: true, strict: false });
addFormatsModule.default(ajv);
ajv.addSchema({ ...doc, $id: "https://spec.test/openapi.json" });

type Node = Record<string, unknown>;
const at = (pointer: string): Node => {
  let node: unknown = doc;
  for (const part of pointer.replace(/^#\//, "").split("/")) {
    node = (node as Node)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node as Node;
};
const deref = (node: Node): Node => (typeof node.$ref === "string" ? deref(at(node.$ref)) : node);

interface Declared {
  schema: ValidateFunction | undefined;
  headers: string[];
}
const byOperation = new Map<string, Map<string, Declared>>();
for (const item of Object.values(doc.paths as Record<string, Node>)) {
  for (const op of Object.values(item)) {
    if (typeof op !== "object" || op === null || typeof (op as Node).operationId !== "string") {
      continue;
    }
    const statuses = new Map<string, Declared>();
    for (const [status, raw] of Object.entries((op as Node).responses as Node)) {
      const response = deref(raw as Node);
      const content = response.content as Node | undefined;
      const schema = (content?.["application/json"] as Node | undefined)?.schema as Node | undefined;
      statuses.set(status, {
        schema:
          schema === undefined
            ? undefined
            : ajv.compile({ $ref: `https://spec.test/openapi.json${String(schema.$ref)}` }),
        headers: Object.keys((response.headers as Node | undefined) ?? {}),
      });
    }
    byOperation.set((op as Node).operationId as string, statuses);
  }
}
const errorSchema = ajv.compile({ $ref: "https://spec.test/openapi.json#/components/schemas/Error" });

/** What is wrong with one answer of the emulator, judged by the spec alone. */
export function responseProblems(
  operationId: string | undefined,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): string[] {
  if (operationId === undefined) {
    // Routes outside the spec: JSON errors still use the spec's Error shape.
    if (status >= 400 && typeof body === "object") {
      return errorSchema(body) ? [] : [ajv.errorsText(errorSchema.errors)];
    }
    return [];
  }
  const declared = byOperation.get(operationId)?.get(String(status));
  if (declared === undefined) {
    return [`${operationId} does not declare status ${status}`];
  }
  const problems: string[] = [];
  for (const header of declared.headers) {
    const value = Object.entries(headers).find(([name]) => name.toLowerCase() === header.toLowerCase())?.[1];
    if (value === undefined || !/^\d+$/.test(value)) {
      problems.push(`${operationId} ${status}: header ${header} missing or not an integer`);
    }
  }
  if (declared.schema !== undefined && !declared.schema(body)) {
    problems.push(`${operationId} ${status}: ${ajv.errorsText(declared.schema.errors)}`);
  }
  return problems;
}
