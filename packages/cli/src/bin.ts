#!/usr/bin/env node
import { main } from "./main.js";

// Ctrl-C aborts the running command through its signal, so an upload in flight stops and its temporary files
// are removed before `peak` exits 130. A second Ctrl-C, or a command that does not stop within 5 s, exits at once.
const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) {
    process.exit(130);
  }
  controller.abort(new Error("Interrupted (Ctrl-C)"));
  setTimeout(() => process.exit(130), 5000).unref();
});

main(process.argv.slice(2), { signal: controller.signal }).then(
  (code) => {
    // Exit once stdout has drained (a pipe is written asynchronously), without waiting for idle sockets.
    process.stdout.write("", () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`peak: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
