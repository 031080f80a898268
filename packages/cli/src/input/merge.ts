import type { FlagValues } from "../args.js";
import { list, str } from "../context.js";
import { UsageError } from "../errors.js";
import type { InputFile } from "./load-file.js";

/** The artifact to upload, as the SDK takes it (`ignore_files` in YAML becomes `ignoreFiles`). */
export interface ArtifactSpec {
  path: string;
  ignoreFiles?: string[];
}

/** Body fields set by flags: the top-level ones, and those `map_user_options` moves under `buildDetails`. */
const TOP_LEVEL = ["name", "version", "type", "description"] as const;
const BUILD_DETAILS = ["source", "dockerfile", "dockerfile-path", "context", "repository", "branch", "token"] as const;

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge: mappings merge key by key, anything else (lists included) is replaced by the overlay. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isMapping(base) || !isMapping(overlay)) {
    return overlay === undefined ? base : overlay;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    out[key] = deepMerge(base[key], value);
  }
  return out;
}

/** `--build-arguments NAME=VALUE` as `[{name, value}]`, split on the first `=`. */
export function parseBuildArguments(values: readonly string[]): { name: string; value: string }[] {
  return values.map((text) => {
    const eq = text.indexOf("=");
    if (eq <= 0) {
      throw new UsageError(
        `invalid build argument ${JSON.stringify(text)}: it should be in the --build-arguments arg1=value1 format`,
      );
    }
    return { name: text.slice(0, eq), value: text.slice(eq + 1) };
  });
}

/**
 * The body the flags describe: only flags that were given, never anything else (unlike the Python CLI, which
 * picks up any local variable with an equal value). `--build-details` is parsed first, the single build flags
 * then override inside it; `--no-use-cache` sends `useCache: false`.
 */
export function bodyFromFlags(flags: FlagValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of TOP_LEVEL) {
    const value = str(flags, name);
    if (value !== undefined) {
      body[name] = value;
    }
  }
  let details: Record<string, unknown> | undefined;
  const json = str(flags, "build-details");
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new UsageError(`--build-details is not valid JSON: ${(error as Error).message}`);
    }
    if (!isMapping(parsed)) {
      throw new UsageError('--build-details must be a JSON object, e.g. \'{"source": "upload"}\'');
    }
    details = parsed;
  }
  const set = (key: string, value: unknown) => {
    details ??= {};
    details[key] = value;
  };
  for (const name of BUILD_DETAILS) {
    const value = str(flags, name);
    if (value !== undefined) {
      set(camel(name), value);
    }
  }
  if (flags["use-cache"] === true && flags["no-use-cache"] === true) {
    throw new UsageError("give either --use-cache or --no-use-cache, not both");
  }
  if (flags["use-cache"] === true || flags["no-use-cache"] === true) {
    set("useCache", flags["use-cache"] === true);
  }
  const buildArguments = list<string>(flags, "build-arguments");
  if (buildArguments) {
    set("buildArguments", parseBuildArguments(buildArguments));
  }
  const secrets = list<string>(flags, "secrets");
  if (secrets) {
    set("secrets", secrets);
  }
  if (details) {
    body.buildDetails = details;
  }
  return body;
}

/** The artifact: `--artifact-path` and `--artifact-ignore-files` replace the file's `path` and `ignore_files`. */
export function artifactFrom(file: InputFile, flags: FlagValues): ArtifactSpec | undefined {
  const fromFile = file.artifact ?? {};
  const path = str(flags, "artifact-path") ?? fromFile.path;
  const ignore = list<string>(flags, "artifact-ignore-files") ?? fromFile.ignore_files;
  if (path === undefined) {
    return undefined;
  }
  if (typeof path !== "string" || path.trim() === "") {
    throw new UsageError("artifact.path must be a folder path");
  }
  if (ignore !== undefined && (!Array.isArray(ignore) || !ignore.every((item) => typeof item === "string"))) {
    throw new UsageError("artifact.ignore_files must be a list of file names");
  }
  return ignore && ignore.length > 0 ? { path, ignoreFiles: [...(ignore as string[])] } : { path };
}

/** The final body: the file's `body:` with the flags deep-merged over it (flags win). */
export function mergeBody(file: InputFile, flags: FlagValues): Record<string, unknown> {
  return deepMerge(file.body ?? {}, bodyFromFlags(flags)) as Record<string, unknown>;
}
