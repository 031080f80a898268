import { Readable } from "node:stream";
import { ArtifactAbortedError } from "../errors.js";
import type { ZipPlan } from "../plan/plan.js";
import type { ZipSettings } from "./settings.js";
import { stagingSink } from "./sinks.js";
import { writeZip } from "./writer.js";

/**
 * The zip of a plan as a Node Readable, produced while reading: files are read ahead and deflated on worker
 * threads, entries still come out in plan order, and crossing `maxBytes` (or any failure, the plan's included)
 * destroys the stream with that error before more of the folder is read.
 */
export function zipEntries(planned: Promise<ZipPlan>, settings: ZipSettings): Readable {
  let wake: (() => void) | undefined;
  let stopped: Error | undefined;
  const jobs = new Set<{ cancel(): void }>();
  const cancelJobs = () => {
    for (const job of jobs) {
      job.cancel();
    }
  };

  const readable = new Readable({
    highWaterMark: 1024 * 1024,
    read() {
      const resume = wake;
      wake = undefined;
      resume?.();
    },
    destroy(error, callback) {
      stopped ??= error ?? new ArtifactAbortedError();
      cancelJobs();
      const resume = wake;
      wake = undefined;
      resume?.();
      callback(error);
    },
  });

  // A Readable's consumer keeps what it is given for as long as it likes, so it only ever gets copies.
  const sink = stagingSink(async (data) => {
    if (!readable.push(data)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }, true);

  const run = async (): Promise<void> => {
    const plan = await planned;
    await writeZip(
      plan,
      settings,
      sink,
      () => stopped,
      (job, active) => {
        if (active) {
          jobs.add(job);
        } else {
          jobs.delete(job);
        }
      },
    );
    readable.push(null);
  };

  run().catch((error: unknown) => {
    cancelJobs();
    if (!readable.destroyed) {
      readable.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return readable;
}
