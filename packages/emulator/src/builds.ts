import { createHash } from "node:crypto";
import { joinInside, parseDockerfile, sourceExists } from "./dockerfile.js";
import type { BuildDetailsRecord } from "./state.js";
import type { ArtifactIndex } from "./zip.js";

/** What a build produces: its log lines in order and how it ends. */
export interface BuildPlan {
  lines: string[];
  outcome: "success" | "failed";
}

/** Everything a build looks at, gathered before any state changes. */
export interface BuildInput {
  buildId: number;
  imageName: string;
  version: string;
  details: BuildDetailsRecord;
  /** The artifact's entries (upload source). */
  artifact: ArtifactIndex | undefined;
  /** The Dockerfile text read from the artifact, undefined when the artifact has no such file. */
  dockerfileText: string | undefined;
}

/** Where the Dockerfile of an upload build sits inside the artifact (`<context>/<dockerfilePath>`). */
export function dockerfileLocation(details: BuildDetailsRecord): string | undefined {
  return joinInside(details.context ?? ".", details.dockerfilePath ?? "Dockerfile");
}

/** Where a version's built image can be pulled from, once a build succeeded. */
export function pullUrlOf(imageName: string, version: string): string {
  return `localhost:5000/peak-images-emulator/${imageName}:${version}`;
}

function digestOf(input: BuildInput): string {
  return createHash("sha256").update(`${input.buildId}:${input.imageName}:${input.version}`).digest("hex").slice(0, 12);
}

function failed(lines: string[], reason: string): BuildPlan {
  return { lines: [...lines, `Build failed: ${reason}`], outcome: "failed" };
}

/**
 * Plans a build like Docker's classic builder would run it: one "Step i/n : INSTRUCTION" line per instruction,
 * stopping at the first COPY/ADD whose local source is not in the build context, with a last line saying why.
 */
export function planBuild(input: BuildInput): BuildPlan {
  const { details } = input;
  const lines: string[] = [];
  const ref = `${input.imageName}:${input.version}`;
  let steps: ReturnType<typeof parseDockerfile>;
  let contextRoot: string | undefined;

  if (details.source === "github") {
    lines.push(`Build ${input.buildId} of ${ref} started (source github)`);
    lines.push(
      `Cloning ${details.repository ?? ""}${details.branch === undefined ? "" : ` (branch ${details.branch})`} ` +
        "[simulated: the emulator does not contact GitHub]",
    );
    const location = dockerfileLocation(details) ?? "Dockerfile";
    lines.push(`Building with ${location} from the clone`);
    lines.push(`Successfully built ${digestOf(input)}`);
    lines.push(`Successfully tagged ${pullUrlOf(input.imageName, input.version)}`);
    lines.push("Build succeeded");
    return { lines, outcome: "success" };
  }

  if (details.source === "dockerfile") {
    lines.push(`Build ${input.buildId} of ${ref} started (source dockerfile, no build context)`);
    steps = parseDockerfile(details.dockerfile ?? "");
  } else {
    const location = dockerfileLocation(details);
    contextRoot = joinInside(".", details.context ?? ".");
    lines.push(
      `Build ${input.buildId} of ${ref} started (source upload, context ${details.context ?? "."}, ` +
        `Dockerfile ${location ?? details.dockerfilePath ?? "Dockerfile"})`,
    );
    if (input.artifact === undefined) {
      return failed(lines, "no artifact was uploaded for an upload build");
    }
    if (contextRoot === undefined || location === undefined) {
      return failed(lines, "the context or Dockerfile path climbs out of the artifact");
    }
    if (contextRoot !== "" && !input.artifact.dirs.has(contextRoot)) {
      return failed(lines, `the context folder ${contextRoot}/ is not in the artifact`);
    }
    if (input.dockerfileText === undefined) {
      return failed(lines, `Dockerfile not found in the artifact at ${location}`);
    }
    steps = parseDockerfile(input.dockerfileText);
  }

  if (details.buildArguments !== undefined && details.buildArguments.length > 0) {
    lines.push(`Build arguments: ${details.buildArguments.map((a) => a.name).join(", ")}`);
  }
  if (details.secrets !== undefined && details.secrets.length > 0) {
    lines.push(`Secrets available: ${details.secrets.join(", ")}`);
  }
  if (!details.useCache) {
    lines.push("Not using the build cache");
  }
  if (steps.length === 0) {
    return failed(lines, "the Dockerfile has no instructions");
  }
  const first = steps.find((s) => s.keyword !== "ARG");
  if (first === undefined || first.keyword !== "FROM") {
    return failed(lines, `the first instruction must be FROM (found ${first?.keyword ?? "only ARG"})`);
  }
  for (const [i, step] of steps.entries()) {
    const label = `Step ${i + 1}/${steps.length}`;
    lines.push(`${label} : ${step.text}`);
    for (const source of step.localSources) {
      if (contextRoot === undefined) {
        return failed(lines, `${label}: ${step.keyword} ${source}: a dockerfile-source build has no build context`);
      }
      const path = joinInside(contextRoot, source);
      if (path === undefined) {
        return failed(lines, `${label}: ${step.keyword} source ${source} is outside the build context`);
      }
      if (input.artifact === undefined || !sourceExists(input.artifact, path)) {
        const where = path === "" ? "the context root" : path;
        return failed(
          lines,
          `${label}: ${step.keyword} source ${source} not found in the artifact (looked for ${where})`,
        );
      }
    }
  }
  lines.push(`Successfully built ${digestOf(input)}`);
  lines.push(`Successfully tagged ${pullUrlOf(input.imageName, input.version)}`);
  lines.push("Build succeeded");
  return { lines, outcome: "success" };
}
