#!/usr/bin/env node
// Generates packages/core/src/generated/openapi.ts from spec/openapi.yaml.
// `--check` compares instead of writing and exits 1 when the committed file is stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
const specUrl = new URL("../spec/openapi.yaml", import.meta.url);
const outPath = fileURLToPath(new URL("../packages/core/src/generated/openapi.ts", import.meta.url));

const HEADER = `// Generated from spec/openapi.yaml by \`pnpm generate\`; do not edit.
// Regenerate after changing the spec; CI runs \`pnpm check:generated\` and fails when this file is stale.

`;

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

/** Renders the TypeScript source for the spec. */
export async function render() {
  const ast = await openapiTS(specUrl, {
    alphabetize: false,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    enumValues: true,
    // A default in the spec means "optional on input", not "always present".
    defaultNonNullable: false,
    // Binary multipart fields (the artifact) are Blobs in JS, not strings (openapi-typescript#1214).
    transform(schemaObject) {
      if (schemaObject.format === "binary") {
        return BLOB;
      }
      return undefined;
    },
  });
  return HEADER + astToString(ast);
}

const source = await render();
if (process.argv.includes("--check")) {
  const current = await readFile(outPath, "utf8").catch(() => "");
  if (current !== source) {
    console.error(
      `${relative(root, outPath)} is stale: run \`pnpm generate\` and commit the result (spec/openapi.yaml changed).`,
    );
    process.exit(1);
  }
  console.log(`${relative(root, outPath)} is up to date.`);
} else {
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, source);
  console.log(`wrote ${relative(root, outPath)}`);
}
