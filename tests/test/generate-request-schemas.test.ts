import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// scripts/generate-request-schemas.mjs, which writes the request bodies' schemas for core's body check: what the
// spec says flows into the data, annotations stay out, and a schema the check could not interpret exactly stops
// the generation instead of being checked loosely.
const root = join(import.meta.dirname, "..", "..");
const SPEC = readFileSync(join(root, "spec", "openapi.yaml"), "utf8");
const { renderRequestSchemas } = (await import(
  pathToFileURL(join(root, "scripts", "generate-request-schemas.mjs")).href
)) as { renderRequestSchemas: (specText: string, header: string) => string };

const IMAGE_NAME = "    ImageName:\n      type: string\n      minLength: 1\n      maxLength: 64\n";
const BUILD_ARGUMENT_NAME = "        name:\n          type: string\n          minLength: 1\n        value:";

function edited(from: string, to: string): string {
  expect(SPEC).toContain(from);
  return SPEC.replace(from, to);
}

/** The generated line of one named schema, parsed. */
function schemaOf(output: string, name: string): unknown {
  const line = output.split("\n").find((text) => text.startsWith(`  ${name}: `));
  return JSON.parse(line!.slice(`  ${name}: `.length).replace(/,$/, ""));
}

describe("the request-body schemas are generated from the spec", () => {
  it("carries the spec's rules, a $ref as the schema's name and a one-member allOf as its member", () => {
    const output = renderRequestSchemas(SPEC, "");
    expect(schemaOf(output, "ImageName")).toEqual({
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
    });
    expect(output).toContain('"version":{"$ref":"SemanticVersion"}');
    expect(output).toContain('"items":{"$ref":"BuildArgument"}');
  });

  it("follows a change of the spec", () => {
    const output = renderRequestSchemas(edited(IMAGE_NAME, IMAGE_NAME.replace("64", "80")), "");
    expect(schemaOf(output, "ImageName")).toMatchObject({ maxLength: 80 });
  });

  it("leaves out annotations and the artifact, which travels beside the body", () => {
    const output = renderRequestSchemas(SPEC, "");
    for (const word of [
      '"examples"',
      '"default"',
      '"writeOnly"',
      '"contentMediaType"',
      '"binary"',
      '"artifact"',
      "Letters",
    ]) {
      expect(output).not.toContain(word);
    }
    // `description` is also a field of the bodies: as a property it stays.
    expect(output).toContain('"description":{"type":"string"}');
  });

  const REFUSED: Array<{ name: string; spec: string; error: RegExp }> = [
    {
      name: "a keyword the check does not interpret",
      spec: edited(IMAGE_NAME, `${IMAGE_NAME}      minProperties: 1\n`),
      error: /#\/components\/schemas\/ImageName: the keyword minProperties, which .*body-check\.ts does not interpret/,
    },
    {
      name: "a type the check does not interpret",
      spec: edited(BUILD_ARGUMENT_NAME, BUILD_ARGUMENT_NAME.replace("type: string", "type: integer")),
      error: /BuildArgument\/properties\/name: the type "integer"/,
    },
    {
      name: "an allOf of several schemas",
      spec: edited(
        '        version:\n          allOf:\n            - $ref: "#/components/schemas/SemanticVersion"\n',
        '        version:\n          allOf:\n            - $ref: "#/components/schemas/SemanticVersion"\n            - maxLength: 9\n',
      ),
      error: /properties\/version: an allOf of several schemas/,
    },
    {
      name: "keywords beside a $ref",
      spec: edited(
        '        name:\n          $ref: "#/components/schemas/ImageName"\n',
        '        name:\n          $ref: "#/components/schemas/ImageName"\n          maxLength: 9\n',
      ),
      error: /CreateImageRequest\/properties\/name: keywords beside a \$ref/,
    },
  ];
  it.each(REFUSED)("refuses $name", ({ spec, error }) => {
    expect(() => renderRequestSchemas(spec, "")).toThrow(error);
  });
});
