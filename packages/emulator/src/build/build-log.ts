import { createHash } from "node:crypto";
import type { BuildAnalysis } from "./analyse.js";

/** What a build produces: its log lines in order and how it ends. */
export interface BuildPlan {
  lines: string[];
  outcome: "success" | "failed";
}

/** The names a build's log uses. */
export interface BuildNames {
  buildId: number;
  imageName: string;
  version: string;
}

/** Where a version's built image can be pulled from, once a build succeeded. */
export function pullUrlOf(imageName: string, version: string): string {
  return `localhost:5000/peak-images-emulator/${imageName}:${version}`;
}

function digestOf(names: BuildNames): string {
  return createHash("sha256").update(`${names.buildId}:${names.imageName}:${names.version}`).digest("hex").slice(0, 12);
}

/**
 * Writes a build's log from its analysis, once the build has its id: a first line naming the build, the analysis'
 * lines, and on success the lines Docker's classic builder ends with.
 */
export function writeBuildLog(analysis: BuildAnalysis, names: BuildNames): BuildPlan {
  const lines = [`Build ${names.buildId} of ${names.imageName}:${names.version} started ${analysis.origin}`];
  lines.push(...analysis.lines);
  if (analysis.outcome === "success") {
    lines.push(`Successfully built ${digestOf(names)}`);
    lines.push(`Successfully tagged ${pullUrlOf(names.imageName, names.version)}`);
    lines.push("Build succeeded");
  }
  return { lines, outcome: analysis.outcome };
}
