import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import { isTemplate, renderTemplate } from "./template.js";

/** The two keys an input file may hold (others are dropped, as the Python CLI drops them). */
export interface InputFile {
  body?: Record<string, unknown>;
  artifact?: { path?: unknown; ignore_files?: unknown };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? "unreadable");
    throw new UsageError(`cannot read ${what} ${file}: ${reason}`);
  }
}

/** Parses YAML text; a syntax error names the file, line and column. */
export async function parseYaml(text: string, file: string): Promise<unknown> {
  const { parse, YAMLParseError } = await import("yaml");
  try {
    return parse(text, { uniqueKeys: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      throw new UsageError(`${file}${pos ? ` line ${pos.line}, column ${pos.col}` : ""}: invalid YAML: ${reason}`);
    }
    throw error;
  }
}

/** Removes, recursively, every mapping key whose value is null (as the Python CLI does after rendering). */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(dropNulls);
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && child !== undefined) {
        out[key] = dropNulls(child);
      }
    }
    return out;
  }
  return value;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Template variables: the `-v` YAML file overlaid by `-p key=value` pairs (split on the first `=`); null values dropped. */
export async function loadParams(
  paramsFile: string | undefined,
  pairs: readonly string[],
): Promise<Record<string, unknown>> {
  let params: Record<string, unknown> = {};
  if (paramsFile !== undefined) {
    const parsed = await parseYaml(await readText(paramsFile, "the params file"), paramsFile);
    if (parsed !== null && parsed !== undefined && !isMapping(parsed)) {
      throw new UsageError(`${paramsFile}: the params file must be a YAML mapping of names to values`);
    }
    params = { ...(parsed ?? {}) };
  }
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new UsageError(`-p/--params takes KEY=VALUE, got ${JSON.stringify(pair)}`);
    }
    params[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return dropNulls(params) as Record<string, unknown>;
}

/**
 * Reads an input file as the Python CLI does: renders it as a Jinja template with the params and `os_env`,
 * parses the YAML, drops null values and keeps `body` and `artifact`.
 */
export async function loadInputFile(
  file: string,
  params: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Promise<InputFile> {
  const text = await readText(file, "the input file");
  const rendered = isTemplate(text) ? await renderTemplate(file, text, params, env) : text;
  const parsed = dropNulls(await parseYaml(rendered, file));
  if (parsed === undefined || parsed === null) {
    return {};
  }
  if (!isMapping(parsed)) {
    throw new UsageError(`${file}: the input file must be a YAML mapping with body: and artifact: keys`);
  }
  const out: InputFile = {};
  if (parsed.body !== undefined) {
    if (!isMapping(parsed.body)) {
      throw new UsageError(`${file}: body: must be a mapping of the API body's fields`);
    }
    out.body = parsed.body;
  }
  if (parsed.artifact !== undefined) {
    if (!isMapping(parsed.artifact)) {
      throw new UsageError(`${file}: artifact: must be a mapping with path: and ignore_files:`);
    }
    out.artifact = parsed.artifact;
  }
  return out;
}
