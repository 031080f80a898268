#!/usr/bin/env node
// A narrated session of the `peak` CLI over examples/ against a local emulator of the Image Management API:
// check the build context, create an image and follow its build, list, describe, add a version, save a log, watch
// the preflight catch a COPY of an ignored file, delete. Run by `pnpm demo` after the packages are built. Exits
// non-zero when a step does not end as it should; leaves nothing running and nothing in the repository.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const examples = path.join(root, "examples");
const bin = path.join(root, "packages", "cli", "dist", "bin.js");
const { startEmulator } = await import(path.join(root, "packages", "emulator", "dist", "index.js"));

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const style = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (text) => console.log(`\n${style("1;36", `# ${text}`)}`);

const workDir = mkdtempSync(path.join(tmpdir(), "peak-demo-"));
const emulator = await startEmulator({ port: 0, buildMs: 1500 });
const env = {
  ...process.env,
  PEAK_BASE_URL: emulator.url,
  PEAK_API_KEY: "local-dev-key",
  TMPDIR: workDir,
};
delete env.API_KEY;
delete env.STAGE;

/** Runs `peak ...args` in examples/, echoing the command and its output; checks the exit code. */
function peak(args, { expect = 0 } = {}) {
  const shown = ["peak", ...args.map((arg) => (/[\s'"${}]/.test(arg) ? `'${arg}'` : arg))].join(" ");
  console.log(style("1", `$ ${shown}`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: examples, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => process.stdout.write(style("2", chunk.toString())));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== expect) {
        reject(new Error(`\`${shown}\` exited ${code}, expected ${expect}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

let failed = false;
try {
  console.log(style("1", `peak demo: the local emulator listens on ${emulator.url}; the app is in examples/`));

  say("The build context: what would be uploaded (.dockerignore applied), and the Dockerfile check.");
  await peak(["artifact", "ls", "."]);
  await peak(["artifact", "check", "."]);

  say(
    "image.yaml is a Jinja template (params from params.yaml); create the image, wait for the build, follow its log.",
  );
  const created = JSON.parse(await peak(["images", "create", "image.yaml", "-v", "params.yaml", "--wait", "--follow"]));
  const imageId = String(created.imageId);

  say("The images, as a table (tab-separated when piped), and the new image in full.");
  await peak(["images", "list", "-o", "table"]);
  await peak(["images", "describe", imageId]);

  say("Its builds so far.");
  await peak(["images", "list-builds", imageId, "-o", "table"]);

  say("create-or-update with a new version: the image exists, the version does not, so a version is created.");
  const updated = JSON.parse(
    await peak(["images", "create-or-update", "image.yaml", "-v", "params.yaml", "-p", "version=0.0.2", "--wait"]),
  );

  say("Save that build's whole log to a file (here a temporary folder).");
  const logFile = path.join(workDir, "build.log");
  await peak([
    "images",
    "get-build-logs",
    "--image-id",
    imageId,
    "--build-id",
    String(updated.buildId),
    "--save",
    "--file-name",
    logFile,
  ]);
  const lines = readFileSync(logFile, "utf8").trimEnd().split("\n");
  console.log(style("2", `(${lines.length} lines; the last: ${lines.at(-1)})`));

  say(
    "A variant: Dockerfile.dev also copies tests/, which .dockerignore excludes. The preflight stops it before any upload.",
  );
  await peak(["artifact", "check", ".", "--dockerfile-path", "Dockerfile.dev"], { expect: 1 });
  await peak(
    [
      "images",
      "create-version",
      imageId,
      "image.yaml",
      "-v",
      "params.yaml",
      "-p",
      "version=0.0.3",
      "-p",
      "dockerfile=Dockerfile.dev",
    ],
    { expect: 1 },
  );

  say("What would be sent, without sending it (--dry-run; the key shown as ***).");
  await peak(["images", "delete", imageId, "--dry-run"]);

  say("Clean up: delete the image and its versions.");
  await peak(["images", "delete", imageId]);
  await peak(["images", "describe", imageId], { expect: 1 });

  console.log(`\n${style("1;32", "demo finished: every step behaved as expected")}`);
} catch (error) {
  failed = true;
  console.error(`\n${style("1;31", `demo failed: ${error.message}`)}`);
} finally {
  await emulator.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
