/** The deflate worker thread's entry point (built to deflate-worker.cjs): runs batches and blocks it is sent. */
import { parentPort } from "node:worker_threads";
import { BatchRunner } from "./batch.js";
import { deflateBlock } from "./raw-deflate.js";
import type { BatchTask, DeflateTask } from "./tasks.js";

type Message = { id: number } & (({ batch: true } & BatchTask) | ({ batch?: undefined } & DeflateTask));

const port = parentPort;
if (port === null) {
  throw new Error("deflate-worker must run as a worker thread");
}
const batches = new BatchRunner();
port.on("message", (m: Message) => {
  try {
    if (m.batch) {
      const r = batches.run(m);
      port.postMessage({ id: m.id, out: r.out, info: r.info, batchError: r.error }, [r.out]);
      return;
    }
    const r = deflateBlock(m);
    port.postMessage({ id: m.id, input: r.input, out: r.out, written: r.written }, [r.input, r.out]);
  } catch (error) {
    port.postMessage({ id: m.id, error: error instanceof Error ? error.message : String(error) });
  }
});
