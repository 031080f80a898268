import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { type Emulator, startEmulator } from "@peak-images/emulator";
import { ImageClient } from "@peak-images/sdk";
import { apiBasePath, type JsonValue, loadOpenApiDocument } from "@peak-images/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every operation of spec/openapi.yaml must be reachable from each layer. A new operation makes this file fail
// and lists every place to touch: the SDK method (and SDK_METHODS below), the emulator handler, the CLI command
// (and CLI_COMMANDS below).

/** operationId → the ImageClient method that calls it. */
const SDK_METHODS: Record<string, string> = {
  listImages: "listImages",
  createImage: "createImage",
  describeImage: "describeImage",
  deleteImage: "deleteImage",
  listImageVersions: "listImageVersions",
  createVersion: "createVersion",
  deleteVersions: "deleteVersions",
  describeVersion: "describeVersion",
  updateVersion: "updateVersion",
  deleteVersion: "deleteVersion",
  listImageBuilds: "listImageBuilds",
  getBuildLogs: "getBuildLogs",
  downloadBuildLogs: "getBuildLogsDownloadUrl",
};

/** operationId → the `peak` command (and flags) that calls it, as peak-sdk's CLI names them. */
const CLI_COMMANDS: Record<string, string> = {
  listImages: "images list",
  createImage: "images create",
  describeImage: "images describe",
  deleteImage: "images delete",
  listImageVersions: "images list-versions",
  createVersion: "images create-version",
  deleteVersions: "images delete-versions",
  describeVersion: "images describe-version",
  updateVersion: "images update-version",
  deleteVersion: "images delete-version",
  listImageBuilds: "images list-builds",
  getBuildLogs: "images get-build-logs",
  downloadBuildLogs: "images get-build-logs --save",
};

const root = join(import.meta.dirname, "..", "..");
const cliDir = join(root, "packages", "cli");
const KEY = "coverage-key";

type Json = { [key: string]: JsonValue };
interface Operation {
  id: string;
  method: string;
  path: string;
  parameters: Json[];
  bodySchema: Json | undefined;
}

const doc = loadOpenApiDocument();

function isObject(value: JsonValue | undefined): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s ("#/components/...") until a node that is not one. */
function deref(node: JsonValue | undefined): JsonValue | undefined {
  let current = node;
  while (isObject(current) && typeof current.$ref === "string") {
    let target: JsonValue | undefined = doc as unknown as JsonValue;
    for (const key of current.$ref.slice(2).split("/")) {
      target = isObject(target) ? target[key] : undefined;
    }
    current = target;
  }
  return current;
}

/** Every operation of the document, with path-level and operation-level parameters resolved. */
function specOperations(): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of ["get", "put", "post", "patch", "delete"]) {
      const operation = item[method];
      if (!isObject(operation)) {
        continue;
      }
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const content = deref(isObject(operation.requestBody) ? deref(operation.requestBody) : undefined);
      const media = isObject(content) && isObject(content.content) ? content.content : undefined;
      const bodySchema = media && isObject(media["multipart/form-data"]) ? media["multipart/form-data"] : undefined;
      found.push({
        id: String(operation.operationId),
        method: method.toUpperCase(),
        path,
        parameters: [...shared, ...own].map(deref).filter(isObject),
        bodySchema: bodySchema ? (deref(bodySchema.schema) as Json) : undefined,
      });
    }
  }
  return found;
}

const operations = specOperations();

/** A value the schema accepts, from the spec's own examples where it gives them. */
function sample(schema: JsonValue | undefined, example?: JsonValue): JsonValue {
  const node = deref(schema);
  if (example !== undefined) {
    return example;
  }
  if (!isObject(node)) {
    return "x";
  }
  for (const key of ["const", "default"]) {
    if (node[key] !== undefined) {
      return node[key];
    }
  }
  if (Array.isArray(node.examples) && node.examples.length > 0) {
    return node.examples[0] ?? "x";
  }
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    return node.enum[0] ?? "x";
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) {
    return sample(node.allOf[0]);
  }
  return node.type === "integer" || node.type === "number" ? 1 : node.type === "array" ? [sample(node.items)] : "x";
}

/** A request for the operation that passes the path and query checks, so the answer comes from its handler. */
function requestFor(operation: Operation, base: string): { url: string; init: RequestInit } {
  const query = new URLSearchParams();
  let path = operation.path;
  for (const param of operation.parameters) {
    const value = sample(param.schema, param.example);
    if (param.in === "path") {
      path = path.replace(`{${String(param.name)}}`, encodeURIComponent(String(value)));
    } else if (param.in === "query" && param.required === true) {
      for (const item of Array.isArray(value) ? value : [value]) {
        query.append(String(param.name), String(item));
      }
    }
  }
  const init: RequestInit = { method: operation.method, headers: { Authorization: KEY } };
  if (operation.bodySchema !== undefined) {
    const form = new FormData();
    const required = Array.isArray(operation.bodySchema.required) ? operation.bodySchema.required : [];
    const properties = isObject(operation.bodySchema.properties) ? operation.bodySchema.properties : {};
    for (const name of required.map(String)) {
      const value = sample(properties[name]);
      form.append(name, typeof value === "string" ? value : JSON.stringify(value));
    }
    init.body = form;
  }
  const search = query.size > 0 ? `?${query}` : "";
  return { url: `${base}${apiBasePath}${path}${search}`, init };
}

/** Why the emulator did not run a handler for the operation, or undefined when it did. */
async function emulatorGap(operation: Operation, emulator: Emulator): Promise<string | undefined> {
  const { url, init } = requestFor(operation, emulator.url);
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as { detail?: string; errors?: { path: string }[] };
  const answer = `${response.status} ${body.detail ?? ""}`.trim();
  const where = "packages/emulator (route it to a handler of the service)";
  if (response.status >= 500 || response.status === 405 || /No route/.test(body.detail ?? "")) {
    return `emulator: no handler for ${operation.id} (${operation.method} ${operation.path} answered ${answer}): add one in ${where}`;
  }
  const errors = body.errors ?? [];
  if (response.status === 400 && errors.length > 0 && errors.every((e) => /^(path|query)\b/.test(e.path))) {
    return `emulator: this test's request for ${operation.id} was refused before any handler (${answer}): fix sample() in tests/test/operations.test.ts`;
  }
  return undefined;
}

function sdkGap(operation: Operation): string | undefined {
  const name = SDK_METHODS[operation.id];
  if (name === undefined) {
    return `sdk: no ImageClient method mapped for ${operation.id}: add it in packages/sdk/src (client.ts, resources/) and to SDK_METHODS in tests/test/operations.test.ts`;
  }
  const method = (ImageClient.prototype as unknown as Record<string, unknown>)[name];
  return typeof method === "function"
    ? undefined
    : `sdk: ImageClient has no method ${name} for ${operation.id}: add it in packages/sdk/src (client.ts, resources/)`;
}

type CliMain = (argv: string[], options: { io: object }) => Promise<number>;

/** The CLI's `main` from its package's import entry, or undefined while there is no CLI package. */
async function loadCli(): Promise<CliMain | undefined> {
  if (!existsSync(join(cliDir, "package.json"))) {
    return undefined;
  }
  const pkg = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8"));
  const module = (await import(pathToFileURL(join(cliDir, pkg.exports["."].import.default)).href)) as {
    main: CliMain;
  };
  return module.main;
}

/** Runs `peak <words> --help` in-process and returns its exit code and output. */
async function cliHelp(main: CliMain, words: string[]): Promise<{ code: number; text: string }> {
  let text = "";
  const sink = () =>
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
  const io = { stdout: sink(), stderr: sink(), stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  return { code: await main([...words, "--help"], { io }), text };
}

async function cliGap(main: CliMain, operation: Operation): Promise<string | undefined> {
  const command = CLI_COMMANDS[operation.id];
  const where = "packages/cli/src (commands.ts and commands/)";
  if (command === undefined) {
    return `cli: no peak command mapped for ${operation.id}: add one in ${where} and to CLI_COMMANDS in tests/test/operations.test.ts`;
  }
  const words = command.split(" ");
  const { code, text } = await cliHelp(
    main,
    words.filter((word) => !word.startsWith("-")),
  );
  const missing = words.filter((word) => word.startsWith("-") && !text.includes(word));
  if (code !== 0 || missing.length > 0) {
    return `cli: \`peak ${command}\` for ${operation.id} is not a command (exit ${code}${missing.length ? `, no ${missing.join(" ")}` : ""}): add it in ${where}`;
  }
  return undefined;
}

let emulator: Emulator;
let cli: CliMain | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKey: KEY, buildMs: 0 });
  cli = await loadCli();
  if (cli === undefined) {
    console.warn("packages/cli does not exist yet: CLI commands not checked");
  }
});

afterAll(() => emulator?.stop());

describe("every operation of spec/openapi.yaml", () => {
  it("is read from the spec", () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(new Set(operations.map((op) => op.id)).size).toBe(operations.length);
  });

  it.each(operations)("$id ($method $path) has an SDK method, an emulator handler and a CLI command", async (op) => {
    const gaps = [sdkGap(op), await emulatorGap(op, emulator), cli ? await cliGap(cli, op) : undefined];
    expect(gaps.filter((gap) => gap !== undefined)).toEqual([]);
  });

  it("has no stale entry in the mapping tables", () => {
    const ids = new Set(operations.map((op) => op.id));
    const stale = [...Object.keys(SDK_METHODS), ...Object.keys(CLI_COMMANDS)].filter((id) => !ids.has(id));
    expect(stale, "operations no longer in the spec: remove them from SDK_METHODS / CLI_COMMANDS").toEqual([]);
  });
});
