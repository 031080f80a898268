/** How to start a worker: a script file, or (when running from TypeScript sources) bundled code. */
export type WorkerScript = { kind: "file"; url: URL } | { kind: "code"; code: string };

/** The Dockerfile parser's worker: built next to this module (`dist/parse-worker.js`). */
export function parseWorkerScript(): WorkerScript {
  return { kind: "file", url: new URL("./parse-worker.js", import.meta.url) };
}
