#!/usr/bin/env node
// Benchmark of the local emulator (packages/emulator, built): list 10,000 seeded images at pageSize 100, then
// bursts of 1,000 describe calls from 16 concurrent clients, cold (right after start-up) and warm. Prints
// requests/s and p99 latency next to the targets.
// Not run in CI: numbers depend on the machine. Build first: pnpm --filter @peak-images/emulator build
// `--json FILE` also writes the figures with the targets, for `pnpm bench`.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { connect, createServer } from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
// The spec package is built with the emulator (its dependency); the base path is written once, there.
import { apiBasePath as basePath } from "../spec/dist/index.js";
import { jsonOption, row, writeRows } from "./lib/bench-report.mjs";

const bin = fileURLToPath(new URL("../packages/emulator/dist/bin.js", import.meta.url));

const apiKey = "bench-key";
const seeded = 10_000;
const pageSize = 100;
const describeCalls = 1_000;
const clients = 16;
const warmup = 5_000;
const targets = { rps: 3_000, p99: 20 };
const json = jsonOption(process.argv.slice(2));

if (!existsSync(bin)) {
  console.error(`${bin} is missing: run \`pnpm --filter @peak-images/emulator build\` first`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [bin, "--port", "0", "--api-key", apiKey, "--seed-images", String(seeded), "--build-ms", "0"],
  { stdio: ["ignore", "pipe", "inherit"] },
);
const url = await new Promise((resolve, reject) => {
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
    const match = /^listening on (http:\/\/\S+)\n/.exec(out);
    if (match) {
      resolve(new URL(match[1]));
    }
  });
  child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
});

// A lean keep-alive HTTP/1.1 client over raw sockets (as load generators like autocannon do): Node's http client
// costs about as much CPU per request as the server, and on a 2-core machine it would measure itself.
class Connection {
  constructor(target = url) {
    this.target = target;
    this.socket = connect(Number(target.port), target.hostname);
    this.socket.setNoDelay(true);
    this.buffer = Buffer.alloc(0);
    this.pending = undefined;
    this.socket.on("data", (data) => {
      this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
      this.parse();
    });
    this.socket.on("error", (error) => this.pending?.reject(error));
  }

  parse() {
    if (this.pending === undefined) {
      return;
    }
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end === -1) {
      return;
    }
    const head = this.buffer.subarray(0, end).toString("latin1");
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) {
      return;
    }
    const body = this.buffer.subarray(end + 4, end + 4 + length);
    this.buffer = this.buffer.subarray(end + 4 + length);
    const { resolve, reject, started, path } = this.pending;
    this.pending = undefined;
    const status = Number(head.slice(9, 12));
    if (status !== 200) {
      reject(new Error(`GET ${path}: ${status}`));
      return;
    }
    resolve({ ms: performance.now() - started, body });
  }

  get(path) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, started: performance.now(), path };
      this.socket.write(
        `GET ${basePath}${path} HTTP/1.1\r\nHost: ${this.target.host}\r\nAuthorization: ${apiKey}\r\nConnection: keep-alive\r\n\r\n`,
      );
    });
  }

  close() {
    this.socket.destroy();
  }
}

const connections = Array.from({ length: clients }, () => new Connection());
const get = (path) => connections[0].get(path);

async function warmClient() {
  const reply = Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}");
  const stub = createServer((socket) => {
    socket.on("data", (data) => {
      for (let i = data.indexOf("\r\n\r\n"); i !== -1; i = data.indexOf("\r\n\r\n", i + 4)) {
        socket.write(reply);
      }
    });
  });
  await new Promise((resolve) => stub.listen(0, "127.0.0.1", resolve));
  const stubUrl = new URL(`http://127.0.0.1:${stub.address().port}`);
  const stubConnections = Array.from({ length: clients }, () => new Connection(stubUrl));
  let next = 0;
  await Promise.all(
    stubConnections.map(async (connection) => {
      while (next++ < warmup) {
        await connection.get("/images/1");
      }
    }),
  );
  for (const connection of stubConnections) {
    connection.close();
  }
  await new Promise((resolve) => stub.close(resolve));
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies, seconds) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

try {
  // 1. Every seeded image, page by page.
  const listLatencies = [];
  const listStart = performance.now();
  let listed = 0;
  let pageCount = 1;
  for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
    const { ms, body } = await get(`/images?pageSize=${pageSize}&pageNumber=${pageNumber}`);
    const page = JSON.parse(body.toString("utf8"));
    pageCount = page.pageCount;
    listed += page.images.length;
    listLatencies.push(ms);
  }
  const list = summary(listLatencies, (performance.now() - listStart) / 1000);
  if (listed !== seeded) {
    throw new Error(`listed ${listed} images, expected ${seeded}`);
  }

  // 2. Describe calls from 16 concurrent clients over keep-alive connections (after a short warm-up).
  const ids = Array.from({ length: describeCalls }, (_, i) => 1 + ((i * 7919) % seeded));
  async function burst(count) {
    const latencies = [];
    let next = 0;
    const worker = async (connection) => {
      while (next < count) {
        const id = ids[next++ % ids.length];
        latencies.push((await connection.get(`/images/${id}`)).ms);
      }
    };
    const started = performance.now();
    await Promise.all(connections.map(worker));
    return summary(latencies, (performance.now() - started) / 1000);
  }
  // Warm the load generator itself on a stub server first, so the cold figure is the emulator's, not the client's.
  await warmClient();

  // Right after start-up and the listing (JIT still warming, the first full GC after seeding still to come)...
  const cold = await burst(describeCalls);
  // ...and once warm.
  await burst(warmup);
  const warm = await burst(describeCalls);

  const fmt = (n, digits = 1) => n.toFixed(digits);
  const mark = (ok) => (ok ? "met" : "NOT met");
  // Throughput and p99 of one measurement, as rows of the combined table (targets only on describe).
  const rows = (what, r, withTargets) => [
    row({
      what: `${what}: throughput`,
      ours: r.rps,
      unit: "req/s",
      target: withTargets ? { of: "ours", op: ">=", limit: targets.rps } : undefined,
    }),
    row({
      what: `${what}: p99 latency (p50 ${fmt(r.p50)} ms)`,
      ours: r.p99,
      unit: "ms",
      target: withTargets ? { of: "ours", op: "<=", limit: targets.p99 } : undefined,
    }),
  ];
  const describe = (label) => `describe ${describeCalls} calls, ${clients} clients, ${label}`;
  const line = (label, r) => {
    const [rps, p99] = rows(describe(label), r, true);
    return `${describe(label)}: ${fmt(r.rps, 0)} req/s (target >= ${targets.rps}: ${mark(rps.met)}), p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (target <= ${targets.p99} ms: ${mark(p99.met)})`;
  };
  console.log(`peak-images emulator benchmark (node ${process.version}, ${seeded} seeded images)`);
  console.log(
    `list     ${listLatencies.length} pages x ${pageSize}: ${fmt(list.rps, 0)} req/s, p50 ${fmt(list.p50)} ms, p99 ${fmt(list.p99)} ms (sequential, no target)`,
  );
  console.log(line("cold (first burst)", cold));
  console.log(line(`warm (after ${warmup} more calls)`, warm));
  if (json !== undefined) {
    await writeRows(json, "emulator", [
      ...rows(`list ${listLatencies.length} pages x ${pageSize}, sequential`, list, false),
      ...rows(describe("cold"), cold, true),
      ...rows(describe("warm"), warm, true),
    ]);
  }
} finally {
  for (const connection of connections) {
    connection.close();
  }
  child.kill("SIGTERM");
  await once(child, "exit");
}
