import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Emulator, type EmulatorOptions, startEmulator } from "@peak-images/emulator";
import busboy from "busboy";
import { afterAll } from "vitest";
import { getClient, type ImageClient, type SessionOptions } from "../src/index.js";

export const KEY = "sdk-test-key";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** A temporary folder removed after the test file. */
export function tempDir(prefix = "sdk-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a folder of files (relative path → content) and returns its path. */
export function folder(files: Record<string, string | Buffer>): string {
  const dir = tempDir("sdk-ctx-");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A small app whose Dockerfile copies its sources. */
export const APP = {
  Dockerfile:
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY src/ ./src/\nCMD ["python", "src/main.py"]\n',
  "requirements.txt": "requests==2.32.3\n",
  "src/main.py": "print('hello')\n",
  ".dockerignore": "*.log\n",
  "debug.log": "not uploaded\n",
};

/** Starts an emulator (stopped after the test file) and a client on it. */
export async function emulated(
  options: EmulatorOptions = {},
  session: SessionOptions = {},
): Promise<{ emulator: Emulator; client: ImageClient }> {
  const emulator = await startEmulator({ apiKey: KEY, buildMs: 60, ...options });
  cleanups.push(() => emulator.stop());
  const client = getClient({ baseUrl: emulator.url, apiKey: KEY, ...session });
  return { emulator, client };
}

/** One multipart part as received. */
export interface Part {
  name: string;
  value: string;
  filename?: string;
  contentType?: string;
  size?: number;
}

/** What the recorder saw of one request. */
export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  parts: Part[];
}

/** A loopback server answering from a script, recording each request with its multipart parts in order. */
export interface Recorder {
  url: string;
  seen: Recorded[];
  close(): Promise<void>;
}

function parseParts(req: IncomingMessage, body: Buffer): Promise<Part[]> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) {
    return Promise.resolve([]);
  }
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    const parser = busboy({ headers: req.headers });
    parser.on("field", (name, value, info) => parts.push({ name, value, contentType: info.mimeType }));
    parser.on("file", (name, stream, info) => {
      const part: Part = { name, value: "", filename: info.filename, contentType: info.mimeType, size: 0 };
      parts.push(part);
      stream.on("data", (chunk: Buffer) => {
        part.size = (part.size ?? 0) + chunk.length;
      });
    });
    parser.on("close", () => resolve(parts));
    parser.on("error", reject);
    parser.end(body);
  });
}

/** Starts a recorder on 127.0.0.1:0; it is closed after the test file. */
export async function recorder(answer: (req: Recorded, res: ServerResponse, index: number) => void): Promise<Recorder> {
  const seen: Recorded[] = [];
  const server = createServer((req, res) => {
    const record: Recorded = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.alloc(0),
      parts: [],
    };
    const index = seen.push(record) - 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      record.body = Buffer.concat(chunks);
      record.parts = await parseParts(req, record.body).catch(() => []);
      answer(record, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close };
}

/** Sends a JSON answer with a Content-Length. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The zip of an empty archive: the smallest valid zip. */
export const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/** Rejection value of a promise (or undefined when it resolves). */
export function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}
