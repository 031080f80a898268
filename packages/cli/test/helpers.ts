import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Emulator, startEmulator } from "@peak-images/emulator";

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(PACKAGE_DIR, "dist", "bin.js");
export const EXAMPLES = path.resolve(PACKAGE_DIR, "..", "..", "examples");
export const FIXTURES = path.join(PACKAGE_DIR, "test", "fixtures");
export const API_KEY = "local-dev-key";

if (!existsSync(BIN)) {
  throw new Error(`${BIN} is missing: run pnpm --filter @peak-images/cli build first`);
}

/** What a `peak` run printed and how it ended. */
export interface PeakRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a spawned `peak`: no inherited keys, colours or base URL unless given. */
export function peakEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) {
      env[key] = value;
    }
  }
  return env;
}

/** Runs the built `peak` bin as a child process. */
export function runPeak(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<PeakRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PACKAGE_DIR,
      env: peakEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Env pointing `peak` at an emulator with the right key. */
export function emulatorEnv(emulator: Emulator, extra: Record<string, string | undefined> = {}) {
  return { PEAK_BASE_URL: emulator.url, PEAK_API_KEY: API_KEY, ...extra };
}

/** Starts an emulator with fast builds (stopped by the caller). */
export function fastEmulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  return startEmulator({ buildMs: 50, ...options });
}

/** A temporary folder with the given files (paths relative to it); removed by `cleanup`. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "peak-cli-test-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small upload build context: a Dockerfile that copies app.py. */
export const SMALL_APP = {
  Dockerfile: 'FROM python:3.12-slim\nCOPY app.py /app.py\nCMD ["python", "/app.py"]\n',
  "app.py": "print('hello')\n",
};

/** Asserts the shape every error shares: one line on stderr starting `peak:`, no stack trace. */
export function errorLine(run: PeakRun): string {
  const lines = run.stderr.trimEnd().split("\n");
  return lines[lines.length - 1] ?? "";
}

export type { Emulator };
