import path from "node:path";
import { ArtifactError, InvalidPathError, UnreadableFileError } from "../errors.js";
import { errno, readRegularFile } from "../fs/regular-file.js";
import { prepareSelection } from "../select/select.js";
import { walk } from "../select/walk.js";
import { excludingLine, explain, type PreflightIssue, type PreflightOptions, type PreflightReport } from "./report.js";

/** Largest Dockerfile read; real ones are a few KiB. */
const DOCKERFILE_MAX_BYTES = 1024 * 1024;

// Loaded on demand: the Dockerfile parser and its language-server types cost ~8 MB of RSS that zipping does not need.
const dockerfileModule = () => import("@peak-images/dockerfile");
type DockerfileModule = Awaited<ReturnType<typeof dockerfileModule>>;

// The context and the Dockerfile as artifact paths; a path that climbs out of the root is a typed error.
function locate(options: PreflightOptions, joinInside: DockerfileModule["joinInside"]) {
  const context = joinInside("", options.context ?? ".");
  if (context === undefined) {
    throw new InvalidPathError(
      `Build context is outside the artifact root: ${options.context}`,
      String(options.context),
    );
  }
  const given = options.dockerfilePath ?? "Dockerfile";
  const dockerfile = given === "" ? undefined : joinInside(context, given);
  if (dockerfile === undefined || dockerfile === context) {
    throw new InvalidPathError(
      `Dockerfile path is not a file inside the artifact root: ${JSON.stringify(given)}`,
      given,
    );
  }
  return { context, dockerfile };
}

// The Dockerfile's text, or undefined when there is none; only a regular file of at most 1 MiB is read.
async function readDockerfile(abs: string): Promise<string | undefined> {
  try {
    return (await readRegularFile(abs, DOCKERFILE_MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof ArtifactError) {
      throw error;
    }
    if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") {
      return undefined;
    }
    throw new UnreadableFileError(abs, error);
  }
}

/**
 * The preflight: checks that the Dockerfile and every local COPY/ADD source will be in the artifact, and for each
 * one that will not, names the ignore-file line that excluded it and the `!` line that brings it back. The
 * Dockerfile is read by @peak-images/dockerfile, which matches sources with Docker's rules.
 */
export async function checkArtifact(root: string, options: PreflightOptions = {}): Promise<PreflightReport> {
  const selection = await prepareSelection(root, options);
  const { parseDockerfile, joinInside, sourcePattern } = await dockerfileModule();
  const { context, dockerfile } = locate(options, joinInside);
  const { rules } = selection;
  const included = (await walk(selection.root, rules, { onWarning: options.onWarning })).files.names;
  const issues: PreflightIssue[] = [];

  let everything: string[] | undefined;
  const allFiles = async (): Promise<string[]> => {
    everything ??= (await walk(selection.root, rules, { prune: false, includeExcluded: true, onWarning: () => {} }))
      .files.names;
    return everything;
  };

  const dockerfileText = await readDockerfile(path.join(selection.root, dockerfile));
  if (!new Set(included).has(dockerfile)) {
    const rule = dockerfileText === undefined ? undefined : excludingLine(rules, dockerfile);
    issues.push(
      rule === undefined
        ? { kind: "dockerfile-missing", path: dockerfile, message: `Dockerfile ${dockerfile} does not exist` }
        : explain("dockerfile-missing", dockerfile, rule, false, `Dockerfile ${dockerfile}`),
    );
  }
  if (dockerfileText === undefined) {
    return { ok: issues.length === 0, dockerfile, issues };
  }

  for (const step of parseDockerfile(dockerfileText)) {
    const instruction = step.keyword as "COPY" | "ADD";
    for (const source of step.localSources) {
      const where = `${instruction} ${source} (Dockerfile line ${step.line})`;
      const base = { kind: "copy-source-missing", instruction, source, dockerfileLine: step.line } as const;
      const target = joinInside(context, source);
      if (target === undefined) {
        issues.push({ ...base, path: source, message: `${where} is outside the build context` });
        continue;
      }
      const pattern = sourcePattern(target);
      if (!pattern.valid) {
        issues.push({ ...base, path: target, message: `${where} is not a valid pattern (Docker fails the build)` });
        continue;
      }
      if (included.some((file) => pattern.covers(file))) {
        continue;
      }
      const onDisk = (await allFiles()).filter((file) => pattern.covers(file));
      const excluded = onDisk
        .map((file) => ({ file, rule: excludingLine(rules, file) }))
        .find((x) => x.rule !== undefined);
      if (excluded?.rule === undefined) {
        issues.push({ ...base, path: target, message: `${where} matches no file` });
        continue;
      }
      const isDir = !pattern.glob && excluded.file !== target;
      issues.push({ ...explain("copy-source-missing", target, excluded.rule, isDir, where), ...base });
    }
  }
  return { ok: issues.length === 0, dockerfile, issues };
}
