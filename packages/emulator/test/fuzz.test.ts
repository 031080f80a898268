// A seeded fuzz of malformed multipart bodies, query strings and paths: the emulator must answer every request
// (never 500), keep answering /_emulator/health throughout, and send only answers the spec declares (test/setup.ts).
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../src/http/faults.js";
import { base, key, makeZip, raw, sampleZip, start } from "./helpers.js";

const seed = 20_260_601;
const total = 2400;
const batch = 8;

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

const weird = [
  "",
  " ",
  "0",
  "-1",
  "1",
  "2",
  "01",
  "1e0",
  "1e400",
  "0x1",
  "+1",
  "-0",
  "1.5",
  "9007199254740993",
  "NaN",
  "null",
  "true",
  "[]",
  "{}",
  '{"source":"upload"}',
  '{"source":"github"}',
  '{"source":"dockerfile","dockerfile":"FROM a"}',
  '[{"entityId":"x","entityType":"api"}]',
  "%",
  "%zz",
  "é",
  "\u0000",
  "ready",
  "in-use",
  "success",
  "workflow",
  "1.0.0",
  "x".repeat(300),
  "../..",
  "f/1.2/s",
  "f/1.99999999999999999999/s",
  "2026-06-01T00:00:00Z",
  "not-a-date",
];
const queryNames = [
  "pageSize",
  "pageNumber",
  "count",
  "status",
  "lastBuildStatus",
  "tags",
  "scope",
  "searchTerm",
  "versions",
  "buildStatus",
  "dateFrom",
  "dateTo",
  "versionIds",
  "nextToken",
  "other",
];
const lists = ["/images", "/images/1/versions", "/images/1/builds", "/images/2/builds/3/logs", "/images/1/versions"];
const ids = ["1", "2", "3", "0", "-1", "1e0", "0x1", "01", "abc", "%31", "99999999999999999999", "1.0", "x%00"];
const fieldNames = ["name", "type", "version", "description", "buildDetails", "autodeployResources", "artifact", "zz"];

function query(rng: Rng): string {
  const params = new URLSearchParams();
  for (let i = int(rng, 5); i >= 0; i--) {
    params.append(pick(rng, queryNames), pick(rng, weird));
  }
  return params.toString();
}

function path(rng: Rng): { method: string; path: string } {
  const id = () => encodeURI(pick(rng, ids));
  const paths = [
    `/images/${id()}`,
    `/images/${id()}/versions/${id()}`,
    `/images/${id()}/builds/${id()}/logs`,
    `/images/${id()}/builds/${id()}/logs/download`,
    `/images/${id()}/versions`,
    `/_emulator/build-logs/${id()}/${id()}.log?X-Emulator-Signature=${encodeURIComponent(pick(rng, weird))}`,
  ];
  return { method: pick(rng, ["GET", "GET", "DELETE", "PATCH", "PUT", "OPTIONS", "HEAD"]), path: pick(rng, paths) };
}

/** A multipart body that starts out valid and is then damaged in one or more ways. */
function multipart(rng: Rng): { contentType: string; body: Buffer } {
  const boundary = pick(rng, ["B", "----x", "0123456789abcdef", "a b", "=?"]);
  const parts: Buffer[] = [];
  const textPart = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const zip = pick(rng, [
    sampleZip(),
    makeZip({ Dockerfile: "FROM alpine\nCOPY missing /\n" }),
    makeZip({ "x/": "", Dockerfile: pick(rng, weird) }),
    Buffer.from("PK\u0003\u0004 not a zip"),
    Buffer.alloc(0),
    // Over the 0.25 MiB limit of this emulator.
    makeZip({ Dockerfile: "FROM alpine\n", "blob.bin": Buffer.alloc(300_000, 1) }),
  ]);
  const filePart = (name: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${pick(rng, ["a.zip", "", "../x"])}"\r\n` +
          `Content-Type: ${pick(rng, ["application/zip", "text/plain", ""])}\r\n\r\n`,
      ),
      zip,
      Buffer.from("\r\n"),
    ]);
  for (let i = int(rng, 6) - 3; i >= 0; i--) {
    const name = pick(rng, fieldNames);
    parts.push(name === "artifact" && rng() < 0.8 ? filePart(name) : textPart(name, pick(rng, weird)));
  }
  if (rng() < 0.7) {
    parts.push(textPart("name", `fuzz-${int(rng, 50)}`), textPart("type", "workflow"), filePart("artifact"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  let body = Buffer.concat(parts);
  // Damage: cut it short, flip bytes, or splice in garbage.
  const damage = int(rng, 5);
  if (damage === 0) {
    body = body.subarray(0, int(rng, body.length));
  } else if (damage === 1) {
    body = Buffer.from(body);
    for (let i = int(rng, 8); i >= 0; i--) {
      body[int(rng, body.length)] = int(rng, 256);
    }
  } else if (damage === 2) {
    const at = int(rng, body.length);
    body = Buffer.concat([
      body.subarray(0, at),
      Buffer.from(pick(rng, ["\r\n", "--", `--${boundary}\r\n`, "\r\n\r\n"])),
      body.subarray(at),
    ]);
  }
  const contentType = pick(rng, [
    `multipart/form-data; boundary=${boundary}`,
    `multipart/form-data; boundary="${boundary}"`,
    `multipart/form-data; boundary=${boundary}; charset=utf-8`,
    "multipart/form-data; boundary=other",
    "multipart/form-data",
    "application/json",
  ]);
  return { contentType, body };
}

describe("fuzz", () => {
  it(`answers ${total} malformed requests (seed ${seed}) without a 500, health answering throughout`, async () => {
    const emu = await start({ seedImages: 5, maxArtifactMb: 0.25 });
    const rng = mulberry32(seed);
    const statuses = new Map<number, number>();
    for (let sent = 0; sent < total; sent += batch) {
      const requests = Array.from({ length: batch }, () => {
        const kind = int(rng, 3);
        const headers: Record<string, string> = rng() < 0.95 ? { Authorization: key } : {};
        if (rng() < 0.05) {
          headers.Origin = pick(rng, ["null", "http://localhost:3000", "http://evil.test"]);
        }
        if (kind === 0) {
          const { contentType, body } = multipart(rng);
          const target = pick(rng, ["/images", "/images/1/versions", "/images/1/versions/1", "/images/2/versions/4"]);
          const method = target.split("/").length > 4 ? "PATCH" : "POST";
          return raw(emu, {
            method,
            path: `${base}${target}`,
            headers: { ...headers, "Content-Type": contentType },
            body,
          });
        }
        if (kind === 1) {
          return raw(emu, { method: "GET", path: `${base}${pick(rng, lists)}?${query(rng)}`, headers });
        }
        const { method, path: target } = path(rng);
        return raw(emu, { method, path: target.startsWith("/_") ? target : `${base}${target}`, headers });
      });
      for (const answer of await Promise.all(requests)) {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status).toBeLessThan(500);
      }
      if (sent % 200 === 0) {
        expect((await raw(emu, { method: "GET", path: "/_emulator/health" })).status).toBe(200);
      }
    }
    expect((await raw(emu, { method: "GET", path: "/_emulator/health" })).status).toBe(200);
    // The fuzz reached the emulator's answers of every kind, not only its first line of defence.
    expect([...statuses.keys()]).toEqual(
      expect.arrayContaining([200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 422]),
    );
  }, 180_000);
});
