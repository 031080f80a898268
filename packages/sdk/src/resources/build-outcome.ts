import type { BuildLogs, BuildStatus } from "@peak-images/core";

/** A build as the log endpoint reports it: its ids, status and times. */
export interface BuildOutcome {
  imageId: number;
  buildId: number;
  status: BuildStatus;
  startTime: string;
  finishTime: string | null;
}

/** Statuses after which a build changes no more. */
export const FINAL_STATUSES: ReadonlySet<BuildStatus> = new Set(["success", "failed", "stopped"]);

/** The outcome fields of a log page. */
export function outcomeOf(imageId: number, buildId: number, page: BuildLogs): BuildOutcome {
  return { imageId, buildId, status: page.buildStatus, startTime: page.startTime, finishTime: page.finishTime ?? null };
}
