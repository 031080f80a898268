#!/usr/bin/env node
// Generates packages/core/src/generated/ from spec/openapi.yaml: openapi.ts (types, openapi-typescript) and
// request-schemas.ts (the request bodies' schemas, read by core's body check); and version.ts from core's package.json.
// `--check` compares instead of writing and exits 1 when a committed file is stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { renderRequestSchemas } from "./generate-request-schemas.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const specUrl = new URL("../spec/openapi.yaml", import.meta.url);
const outDir = fileURLToPath(new URL("../packages/core/src/generated/", import.meta.url));

const HEADER = `// Generated from spec/openapi.yaml by \`pnpm generate\`; do not edit.
// Regenerate after changing the spec; CI runs \`pnpm check:generated\` and fails when this file is stale.

`;

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

/** Renders the TypeScript types for the spec. */
async function renderTypes() {
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

const corePackage = JSON.parse(await readFile(new URL("../packages/core/package.json", import.meta.url), "utf8"));
const outputs = {
  // The version alone: importing package.json would bundle all of it (dependencies included) into dist.
  "version.ts": `${HEADER.replace("spec/openapi.yaml", "packages/core/package.json").replace("the spec", "the version")}/** This package's version, sent in the User-Agent. */\nexport const VERSION = ${JSON.stringify(corePackage.version)};\n`,
  "openapi.ts": await renderTypes(),
  "request-schemas.ts": renderRequestSchemas(await readFile(specUrl, "utf8"), HEADER),
};

let stale = 0;
await mkdir(outDir, { recursive: true });
for (const [name, source] of Object.entries(outputs)) {
  const path = `${outDir}${name}`;
  const shown = relative(root, path);
  if (process.argv.includes("--check")) {
    const current = await readFile(path, "utf8").catch(() => "");
    if (current !== source) {
      stale++;
      console.error(`${shown} is stale: run \`pnpm generate\` and commit the result.`);
    } else {
      console.log(`${shown} is up to date.`);
    }
  } else {
    await writeFile(path, source);
    console.log(`wrote ${shown}`);
  }
}
process.exit(stale ? 1 : 0);
