import type { DockerfileStep } from "@peak-images/dockerfile";

/** What a build needs of a step, all the worker posts: the keyword, the log text (cut), the local sources. */
export type ParsedStep = Pick<DockerfileStep, "keyword" | "text" | "localSources">;

/** A Dockerfile to parse, sent to the parser's worker. */
export interface ParseTask {
  id: number;
  text: string;
}

/** The worker's answer: the steps (left out past the limits, which `count` and `sourceCount` then show). */
export type ParseReply =
  | { id: number; count: number; sourceCount: number; steps: ParsedStep[] }
  | { id: number; error: string };

/** What the worker posts: `ready` once it has loaded (the deadlines count from then), then its replies. */
export type WorkerMessage = { ready: true } | ParseReply;
