import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { apiBasePath } from "@peak-images/spec";
import { afterEach } from "vitest";
import { type Emulator, type EmulatorOptions, type ResponseRecord, startEmulator } from "../src/index.js";

/** Every response sent by emulators started through `start()` in this test file (validated in setup.ts). */
export const sentResponses: ResponseRecord[] = [];

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

/**
 * Errors that escaped to the process while this test file ran (an 'error' event nobody listened to, say): in a
 * plain Node process each of them would have ended it.
 */
export const escapedErrors: unknown[] = [];
process.on("uncaughtException", (error) => escapedErrors.push(error));
process.on("unhandledRejection", (error) => escapedErrors.push(error));

/** The API base path, from the spec. */
export const base = apiBasePath;
export const key = "local-dev-key";

/** Starts an emulator on 127.0.0.1:0 that records its responses and is stopped after the test. */
export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({
    buildMs: 0,
    ...options,
    onResponse: (record) => {
      sentResponses.push(record);
      options.onResponse?.(record);
    },
  });
  running.push(emulator);
  return emulator;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in assertions.
export type Loose = any;

/** One answer, its body parsed when JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Loose;
}

type QueryValue = string | number | (string | number)[];

/** Options of `call()`. */
export interface CallOptions {
  query?: Record<string, QueryValue>;
  form?: FormData;
  /** The Authorization value; null sends none. */
  auth?: string | null;
  headers?: Record<string, string>;
}

/** Calls the API through fetch, as the TypeScript SDK will. */
export async function call(emu: Emulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(`${emu.url}${path.startsWith("/_") ? "" : base}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(name, String(v));
    }
  }
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth === undefined ? key : options.auth;
  if (auth !== null) {
    headers.Authorization = auth;
  }
  const init: RequestInit = { method, headers };
  if (options.form !== undefined) {
    init.body = options.form;
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Loose = text;
  if ((res.headers.get("content-type") ?? "").includes("application/json")) {
    body = JSON.parse(text);
  }
  return { status: res.status, headers: res.headers, body };
}

/** A multipart form as the TypeScript SDK sends it: strings as-is, anything else JSON. */
export function form(fields: Record<string, unknown>, artifact?: Buffer, artifactFirst = false): FormData {
  const data = new FormData();
  const addArtifact = () => {
    if (artifact !== undefined) {
      data.append("artifact", new Blob([new Uint8Array(artifact)], { type: "application/zip" }), "artifact.zip");
    }
  };
  if (artifactFirst) {
    addArtifact();
  }
  for (const [name, value] of Object.entries(fields)) {
    data.append(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  if (!artifactFirst) {
    addArtifact();
  }
  return data;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** An entry written as given: already compressed (method 8 is deflate), with the sizes it declares. */
export interface RawZipEntry {
  method: 0 | 8;
  data: Buffer;
  /** The uncompressed size written in the headers (it may lie). */
  declaredSize: number;
  crc?: number;
}

/** A tiny zip writer: stored entries from text or bytes, raw ones as given; a name ending in `/` is a folder. */
export function makeZip(entries: Record<string, string | Buffer | RawZipEntry>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const entry: RawZipEntry =
      typeof content === "string" || Buffer.isBuffer(content)
        ? { method: 0, data: Buffer.from(content), declaredSize: Buffer.byteLength(content) }
        : content;
    const data = entry.data;
    const nameBytes = Buffer.from(name);
    const crc = entry.crc ?? (entry.method === 0 ? crc32(data) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((name.endsWith("/") ? 0o40755 * 65536 : 0o100644 * 65536) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const count = Object.keys(entries).length;
  // Over 65,535 entries the count only fits the zip64 end records, which the classic one then points to.
  const zip64: Buffer[] = [];
  if (count > 0xffff) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(centralSize), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + centralSize), 8);
    locator.writeUInt32LE(1, 16);
    zip64.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, ...zip64, end]);
}

/** A deflated entry of `size` bytes of `byte`, compressed as it is produced (a zip bomb without holding it). */
export async function deflatedFiller(size: number, byte: number, declaredSize = size): Promise<RawZipEntry> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (chunk: Buffer) => out.push(chunk));
  const chunk = Buffer.alloc(1024 * 1024, byte);
  for (let left = size; left > 0; left -= chunk.length) {
    if (!deflater.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) {
      await once(deflater, "drain");
    }
  }
  deflater.end();
  await once(deflater, "end");
  return { method: 8, data: Buffer.concat(out), declaredSize };
}

/** A deflated entry of the given text. */
export function deflated(text: string): RawZipEntry {
  const data = Buffer.from(text);
  return { method: 8, data: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
}

/** A small valid build context: a Dockerfile copying requirements.txt and src/. */
export function sampleZip(extra: Record<string, string> = {}): Buffer {
  return makeZip({
    Dockerfile:
      "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY src/ ./src\n",
    "requirements.txt": "flask\n",
    "src/": "",
    "src/main.py": "print('hi')\n",
    ...extra,
  });
}

/** Creates an image from the sample zip and returns the create answer's ids. */
export async function createImage(
  emu: Emulator,
  fields: Record<string, unknown> = {},
  artifact: Buffer | undefined = sampleZip(),
): Promise<{ imageId: number; versionId: number; buildId: number }> {
  const answer = await call(emu, "POST", "/images", {
    form: form({ name: "awesome-image", type: "workflow", ...fields }, artifact),
  });
  if (answer.status !== 201) {
    throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Polls a build until it is no longer `building` (bounded; the emulator's build time is set by the test). */
export async function waitForBuild(emu: Emulator, imageId: number, buildId: number): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const logs = await call(emu, "GET", `/images/${imageId}/builds/${buildId}/logs`);
    if (logs.body.buildStatus !== "building") {
      return logs.body.buildStatus;
    }
    await sleep(10);
  }
  throw new Error(`build ${buildId} did not finish`);
}

/** Reads a whole build log by following nextToken; returns the pages. */
export async function readAllLogs(emu: Emulator, imageId: number, buildId: number): Promise<Loose[]> {
  const pages: Loose[] = [];
  let token: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const answer = await call(emu, "GET", `/images/${imageId}/builds/${buildId}/logs`, {
      query: token === undefined ? {} : { nextToken: token },
    });
    pages.push(answer.body);
    if (answer.body.buildStatus !== "building" && answer.body.logs.length === 0) {
      return pages;
    }
    token = answer.body.nextToken ?? undefined;
    if (answer.body.buildStatus === "building") {
      await sleep(5);
    }
  }
  throw new Error("log never ended");
}

/** A raw HTTP request (for what fetch cannot send: GET/DELETE bodies, hand-made multipart). */
export function raw(
  emu: Emulator,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
