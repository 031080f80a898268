#!/usr/bin/env node
import { parseCliArgs, usage } from "./cli.js";
import { startEmulator } from "./index.js";
import { OptionError } from "./options.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionError) {
      process.stderr.write(`peak-images-emulator: ${error.message}\n\n${usage}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (command.kind === "help") {
    process.stdout.write(usage);
    return;
  }
  const emulator = await startEmulator(command.options);
  // stdout carries exactly this one line, so scripts can wait for it and read the URL.
  process.stdout.write(`listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`peak-images-emulator: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`peak-images-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
