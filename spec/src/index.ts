import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Absolute path of the hand-written OpenAPI 3.1 document (`openapi.yaml`). */
export const openapiPath: string = fileURLToPath(new URL("../openapi.yaml", import.meta.url));

/** A JSON-compatible value, as found in the parsed document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The parsed OpenAPI document: the subset of the shape that other packages read. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: JsonValue };
  servers: Array<{ url: string; description?: string; variables?: Record<string, JsonValue> }>;
  paths: Record<string, Record<string, JsonValue>>;
  components: Record<string, Record<string, JsonValue>>;
  [key: string]: JsonValue | undefined | object;
}

/** Path under the service root where every operation of the document lives. */
export const apiBasePath = "/image-management/api/v2";

/** Reads and parses the document afresh (callers that mutate it get their own copy). */
export function loadOpenApiDocument(): OpenApiDocument {
  return parse(readFileSync(openapiPath, "utf8")) as OpenApiDocument;
}

/** The parsed OpenAPI document, read once on import. */
export const openapiDocument: OpenApiDocument = loadOpenApiDocument();
