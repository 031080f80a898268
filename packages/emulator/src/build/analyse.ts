import type { BuildDetails } from "@peak-images/core";
import { joinInside } from "@peak-images/dockerfile";
import type { StoredArtifact } from "./artifact.js";
import { maxInstructions, maxMatchComparisons, maxSources } from "./limits.js";
import { type ParsedDockerfile, ParseFailure, type ParsePool } from "./parse-pool.js";
import type { ParsedStep } from "./parse-protocol.js";
import { GlobSegmentTooLong, MatchBudget, MatchBudgetExceeded, sourceExists } from "./sources.js";

/** How a build will go, worked out before it gets an id: the rest of its first line, its lines, its outcome. */
export interface BuildAnalysis {
  /** What follows "Build N of image:version started", e.g. `(source dockerfile, no build context)`. */
  origin: string;
  /** Every line after the first, up to `Build failed: ...` for a failure (the success lines name the build). */
  lines: string[];
  outcome: "success" | "failed";
}

/** What a build looks at. */
export interface AnalysisInput {
  details: BuildDetails;
  /** The zip of an upload build. */
  artifact: StoredArtifact | undefined;
  /** Largest Dockerfile the zip may inflate to. */
  maxDockerfileBytes: number;
  parser: ParsePool;
}

/** Where the Dockerfile of an upload build sits inside the artifact (`<context>/<dockerfilePath>`). */
function dockerfileLocation(details: BuildDetails): string | undefined {
  return joinInside(details.context ?? ".", details.dockerfilePath ?? "Dockerfile");
}

const count = (n: number): string => n.toLocaleString("en-US");

function failed(origin: string, lines: string[], reason: string): BuildAnalysis {
  return { origin, lines: [...lines, `Build failed: ${reason}`], outcome: "failed" };
}

/**
 * Works out a build like Docker's classic builder would run it: one "Step i/n : INSTRUCTION" line per instruction,
 * stopping at the first COPY/ADD whose local source is not in the build context, with a last line saying why. The
 * Dockerfile is parsed on a worker thread and globs are matched within a budget, so no build stalls the emulator.
 * Throws ArtifactError when the zip's Dockerfile is past the size limit or cannot be inflated.
 */
export async function analyseBuild(input: AnalysisInput): Promise<BuildAnalysis> {
  const { details } = input;
  if (details.source === "github") {
    const location = dockerfileLocation(details) ?? "Dockerfile";
    const branch = details.branch === undefined ? "" : ` (branch ${details.branch})`;
    return {
      origin: "(source github)",
      lines: [
        `Cloning ${details.repository ?? ""}${branch} [simulated: the emulator does not contact GitHub]`,
        `Building with ${location} from the clone`,
      ],
      outcome: "success",
    };
  }
  if (details.source === "dockerfile") {
    const origin = "(source dockerfile, no build context)";
    return runSteps(origin, input, details.dockerfile ?? "", undefined);
  }
  const location = dockerfileLocation(details);
  const contextRoot = joinInside(".", details.context ?? ".");
  const origin =
    `(source upload, context ${details.context ?? "."}, ` +
    `Dockerfile ${location ?? details.dockerfilePath ?? "Dockerfile"})`;
  const { artifact } = input;
  if (artifact === undefined) {
    return failed(origin, [], "no artifact was uploaded for an upload build");
  }
  if (contextRoot === undefined || location === undefined) {
    return failed(origin, [], "the context or Dockerfile path climbs out of the artifact");
  }
  if (contextRoot !== "" && !artifact.index.dirs.has(contextRoot)) {
    return failed(origin, [], `the context folder ${contextRoot}/ is not in the artifact`);
  }
  const text = await artifact.readText(location, input.maxDockerfileBytes, "the Dockerfile");
  if (text === undefined) {
    return failed(origin, [], `Dockerfile not found in the artifact at ${location}`);
  }
  return runSteps(origin, input, text, { artifact, root: contextRoot });
}

function settingsLines(details: BuildDetails): string[] {
  const lines: string[] = [];
  if (details.buildArguments !== undefined && details.buildArguments.length > 0) {
    lines.push(`Build arguments: ${details.buildArguments.map((a) => a.name).join(", ")}`);
  }
  if (details.secrets !== undefined && details.secrets.length > 0) {
    lines.push(`Secrets available: ${details.secrets.join(", ")}`);
  }
  if (details.useCache === false) {
    lines.push("Not using the build cache");
  }
  return lines;
}

/** Why a parsed Dockerfile cannot run at all, before any step. */
function refusal(parsed: ParsedDockerfile): string | undefined {
  if (parsed.count > maxInstructions) {
    return `the Dockerfile has ${count(parsed.count)} instructions, more than the emulator's limit of ${count(maxInstructions)}`;
  }
  if (parsed.sourceCount > maxSources) {
    return (
      `the Dockerfile names ${count(parsed.sourceCount)} COPY/ADD sources, ` +
      `more than the emulator's limit of ${count(maxSources)}`
    );
  }
  if (parsed.steps.length === 0) {
    return "the Dockerfile has no instructions";
  }
  const first = parsed.steps.find((s) => s.keyword !== "ARG");
  if (first === undefined || first.keyword !== "FROM") {
    return `the first instruction must be FROM (found ${first?.keyword ?? "only ARG"})`;
  }
  return undefined;
}

async function runSteps(
  origin: string,
  input: AnalysisInput,
  dockerfile: string,
  context: { artifact: StoredArtifact; root: string } | undefined,
): Promise<BuildAnalysis> {
  const lines = settingsLines(input.details);
  let parsed: ParsedDockerfile;
  try {
    parsed = await input.parser.parse(dockerfile);
  } catch (error) {
    if (error instanceof ParseFailure) {
      return failed(origin, lines, `the Dockerfile could not be parsed (${error.message})`);
    }
    throw error;
  }
  const refused = refusal(parsed);
  if (refused !== undefined) {
    return failed(origin, lines, refused);
  }
  const budget = new MatchBudget(maxMatchComparisons);
  for (const [i, step] of parsed.steps.entries()) {
    const label = `Step ${i + 1}/${parsed.steps.length}`;
    lines.push(`${label} : ${step.text}`);
    const missing = await firstMissingSource(step, context, budget);
    if (missing !== undefined) {
      return failed(origin, lines, `${label}: ${missing}`);
    }
  }
  return { origin, lines, outcome: "success" };
}

/** Why a step's sources cannot be found in the build context, or undefined when they all are. */
async function firstMissingSource(
  step: ParsedStep,
  context: { artifact: StoredArtifact; root: string } | undefined,
  budget: MatchBudget,
): Promise<string | undefined> {
  for (const source of step.localSources) {
    if (context === undefined) {
      return `${step.keyword} ${source}: a dockerfile-source build has no build context`;
    }
    const path = joinInside(context.root, source);
    if (path === undefined) {
      return `${step.keyword} source ${source} is outside the build context`;
    }
    try {
      if (!(await sourceExists(context.artifact.index, path, budget))) {
        const where = path === "" ? "the context root" : path;
        return `${step.keyword} source ${source} not found in the artifact (looked for ${where})`;
      }
    } catch (error) {
      if (error instanceof MatchBudgetExceeded) {
        return `matching ${step.keyword} sources took ${error.message} (the emulator's limit per build)`;
      }
      if (error instanceof GlobSegmentTooLong) {
        return `${step.keyword} source ${source} has ${error.message}`;
      }
      throw error;
    }
  }
  return undefined;
}
