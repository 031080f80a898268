#!/usr/bin/env node
// Benchmark of the local emulator (packages/emulator, built): list 10,000 seeded images at pageSize 100, then a
// burst of 1,000 describe calls from 16 concurrent clients. Prints requests/s and p99 latency next to the targets.
// Not run in CI: numbers depend on the machine. Build first: pnpm --filter @peak-images/emulator build
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../packages/emulator/dist/bin.js", import.meta.url));
const basePath = "/image-management/api/v2";
const apiKey = "bench-key";
const seeded = 10_000;
const pageSize = 100;
const describeCalls = 1_000;
const clients = 16;
const warmup = 1_000;
const targets = { rps: 3_000, p99: 20 };

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

const agent = new Agent({ keepAlive: true, maxSockets: clients });

function get(path) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: `${basePath}${path}`, agent, headers: { Authorization: apiKey } },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200) {
            reject(new Error(`GET ${path}: ${res.statusCode}`));
            return;
          }
          resolve({ ms: performance.now() - started, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
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
    const worker = async () => {
      while (next < count) {
        const id = ids[next++ % ids.length];
        latencies.push((await get(`/images/${id}`)).ms);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, worker));
    return summary(latencies, (performance.now() - started) / 1000);
  }
  await burst(warmup);
  const describe = await burst(describeCalls);

  const fmt = (n, digits = 1) => n.toFixed(digits);
  const mark = (ok) => (ok ? "met" : "NOT met");
  console.log(`peak-images emulator benchmark (node ${process.version}, ${seeded} seeded images)`);
  console.log(
    `list    ${listLatencies.length} pages x ${pageSize}: ${fmt(list.rps, 0)} req/s, p50 ${fmt(list.p50)} ms, p99 ${fmt(list.p99)} ms (sequential, no target)`,
  );
  console.log(
    `describe ${describeCalls} calls, ${clients} clients (after ${warmup} warm-up): ${fmt(describe.rps, 0)} req/s (target >= ${targets.rps}: ${mark(describe.rps >= targets.rps)}), p50 ${fmt(describe.p50)} ms, p99 ${fmt(describe.p99)} ms (target <= ${targets.p99} ms: ${mark(describe.p99 <= targets.p99)})`,
  );
} finally {
  agent.destroy();
  child.kill("SIGTERM");
  await once(child, "exit");
}
