// The Dockerfile parser's worker thread: parsing a large Dockerfile takes seconds of CPU, which would stall every
// other request on the emulator's event loop.
import { parentPort } from "node:worker_threads";
import { parseDockerfile } from "@peak-images/dockerfile";
import { maxInstructions, maxSources, maxStepTextLength } from "./limits.js";
import type { ParsedStep, ParseReply, ParseTask } from "./parse-protocol.js";

function cut(text: string): string {
  return text.length <= maxStepTextLength ? text : `${text.slice(0, maxStepTextLength)}…`;
}

function parse(task: ParseTask): ParseReply {
  try {
    const steps = parseDockerfile(task.text);
    const sourceCount = steps.reduce((n, step) => n + step.localSources.length, 0);
    const within = steps.length <= maxInstructions && sourceCount <= maxSources;
    return {
      id: task.id,
      count: steps.length,
      sourceCount,
      steps: within
        ? steps.map(({ keyword, text, localSources }): ParsedStep => ({ keyword, text: cut(text), localSources }))
        : [],
    };
  } catch (error) {
    return { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (task: ParseTask) => parentPort?.postMessage(parse(task)));
parentPort?.postMessage({ ready: true });
