import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_KEY,
  type Emulator,
  emulatorEnv,
  fastEmulator,
  type PeakRun,
  runPeak,
  SMALL_APP,
  tempTree,
} from "./helpers.js";

// A catalogue of bad inputs: each exits with its code, prints exactly one line on stderr (`peak: ...`, no stack
// trace), and, for problems found locally, sends nothing (the emulator received no request).

interface Case {
  name: string;
  args: string[];
  /** Files of a temporary working folder the command runs in. */
  files?: Record<string, string | Buffer>;
  env?: Record<string, string | undefined>;
  code: number;
  message: RegExp;
  /** Found before any request: the server must have received nothing. */
  local: boolean;
  /** Which server: the emulator (default), the scripted one, or none (a closed port). */
  server?: "emulator" | "scripted" | "closed";
  emulatorOptions?: Parameters<typeof fastEmulator>[0];
}

const UPLOAD_BODY = "body:\n  name: app\n  type: workflow\nartifact:\n  path: .\n";

const CASES: Case[] = [
  {
    name: "malformed YAML, with its line",
    args: ["images", "create", "bad.yaml"],
    files: { "bad.yaml": "body:\n  name: x\n  type: : workflow\n" },
    code: 2,
    message: /bad\.yaml line 3, column 9: invalid YAML: Nested mappings are not allowed in compact mappings$/,
    local: true,
  },
  {
    name: "unknown template variable, named",
    args: ["images", "create", "t.yaml"],
    files: { "t.yaml": "body:\n  name: {{ image_name }}\n  type: {{ kind }}\n" },
    env: {},
    code: 2,
    message: /t\.yaml line 2: unknown template variable 'image_name'/,
    local: true,
  },
  {
    name: "unknown template variable behind a filter",
    args: ["images", "create", "t.yaml", "-p", "image_name=a"],
    files: { "t.yaml": "body:\n  name: {{ image_name }}\n  type: {{ kind | upper }}\n" },
    code: 2,
    message: /line 3: unknown template variable 'kind'/,
    local: true,
  },
  {
    name: "circular include",
    args: ["images", "create", "a.yaml"],
    files: { "a.yaml": 'body:\n  {% include "b.yaml" %}\n', "b.yaml": '{% include "a.yaml" %}\n' },
    code: 2,
    message: /circular include: a\.yaml -> b\.yaml -> a\.yaml/,
    local: true,
  },
  {
    name: "missing include",
    args: ["images", "create", "a.yaml"],
    files: { "a.yaml": 'body:\n  {% include "nope.yaml" %}\n' },
    code: 2,
    message: /cannot read the included file nope\.yaml \(a\.yaml line 2\)/,
    local: true,
  },
  {
    name: "input file missing",
    args: ["images", "create", "nope.yaml"],
    code: 2,
    message: /cannot read the input file nope\.yaml: no such file/,
    local: true,
  },
  {
    name: "params file not a mapping",
    args: ["images", "create", "t.yaml", "-v", "p.yaml"],
    files: { "t.yaml": "body: {}\n", "p.yaml": "- a\n- b\n" },
    code: 2,
    message: /p\.yaml: the params file must be a YAML mapping/,
    local: true,
  },
  {
    name: "-p without =",
    args: ["images", "create", "t.yaml", "-p", "version"],
    files: { "t.yaml": "body: {}\n" },
    code: 2,
    message: /-p\/--params takes KEY=VALUE, got "version"/,
    local: true,
  },
  {
    name: "unknown flag, with a suggestion",
    args: ["images", "create", "--nmae", "x"],
    code: 2,
    message: /unknown flag --nmae \(did you mean --name\?\)/,
    local: true,
  },
  {
    name: "unknown command",
    args: ["images", "craete"],
    code: 2,
    message: /unknown command 'peak images craete'/,
    local: true,
  },
  {
    name: "unexpected extra argument",
    args: ["images", "describe", "1", "2"],
    code: 2,
    message: /unexpected argument "2"/,
    local: true,
  },
  {
    name: "missing required body fields",
    args: ["images", "create", "--source", "dockerfile", "--dockerfile", "FROM x"],
    code: 2,
    message:
      /invalid input: body\.name is required; body\.type is required \(fix the YAML body or the flags; nothing was sent\)$/,
    local: true,
  },
  {
    name: "invalid enum in a flag",
    args: ["images", "create", "--name", "a", "--type", "banana"],
    code: 2,
    message: /--type must be one of workflow, workspace-r, workspace-python, api, webapp, got "banana"/,
    local: true,
  },
  {
    name: "invalid enum in the YAML body",
    args: ["images", "create", "t.yaml"],
    files: {
      "t.yaml": "body:\n  name: a\n  type: banana\n  buildDetails:\n    source: dockerfile\n    dockerfile: FROM x\n",
    },
    code: 2,
    message: /invalid input: body\.type /,
    local: true,
  },
  {
    name: "invalid list filter value",
    args: ["images", "list", "--status", "ready,bogus"],
    code: 2,
    message: /--status must be one of not-ready, ready, in-use, deleting, delete-failed, got "bogus"/,
    local: true,
  },
  {
    name: "non-integer positional id",
    args: ["images", "describe", "abc"],
    code: 2,
    message: /IMAGE_ID must be a positive integer, got "abc"/,
    local: true,
  },
  {
    name: "non-integer --image-id",
    args: ["images", "describe-version", "--image-id", "1.5", "--version-id", "2"],
    code: 2,
    message: /--image-id must be a positive integer, got "1\.5"/,
    local: true,
  },
  {
    name: "missing required flag",
    args: ["images", "describe-version", "--image-id", "1"],
    code: 2,
    message: /missing required flag --version-id/,
    local: true,
  },
  {
    name: "bad --count",
    args: ["images", "list-builds", "1", "--count", "many"],
    code: 2,
    message: /--count must be a positive integer or -1/,
    local: true,
  },
  {
    name: "-o table where it is not offered",
    args: ["images", "describe", "1", "-o", "table"],
    code: 2,
    message: /-o table is not offered by this command: use one of json, yaml/,
    local: true,
  },
  {
    name: "-o with an unknown format",
    args: ["images", "list", "-o", "xml"],
    code: 2,
    message: /-o xml is not offered by this command: use one of json, yaml, table/,
    local: true,
  },
  {
    name: "--build-details not JSON",
    args: ["images", "create", "--name", "a", "--type", "api", "--build-details", "{source:"],
    code: 2,
    message: /--build-details is not valid JSON/,
    local: true,
  },
  {
    name: "--build-arguments without =",
    args: ["images", "create", "--name", "a", "--type", "api", "--build-arguments", "DEBUG"],
    code: 2,
    message: /invalid build argument "DEBUG": it should be in the --build-arguments arg1=value1 format/,
    local: true,
  },
  {
    name: "--use-cache with --no-use-cache",
    args: ["images", "create", "--name", "a", "--use-cache", "--no-use-cache"],
    code: 2,
    message: /either --use-cache or --no-use-cache/,
    local: true,
  },
  {
    name: "upload build without an artifact",
    args: ["images", "create", "--name", "a", "--type", "api"],
    code: 2,
    message: /invalid input: artifact is required when buildDetails\.source is upload/,
    local: true,
  },
  {
    name: "missing API key",
    args: ["images", "list"],
    env: { PEAK_API_KEY: undefined },
    code: 4,
    message: /^peak: no API key: set PEAK_API_KEY \(or API_KEY/,
    local: true,
  },
  {
    name: "API key with a line break",
    args: ["images", "list"],
    env: { PEAK_API_KEY: "abc\ndef" },
    code: 4,
    message: /unusable API key: .*PEAK_API_KEY holds a character that cannot be sent/,
    local: true,
  },
  {
    name: "artifact path missing",
    args: ["images", "create", "t.yaml", "--artifact-path", "nope"],
    files: { "t.yaml": UPLOAD_BODY },
    code: 2,
    message: /Artifact root does not exist: .*nope/,
    local: true,
  },
  {
    name: "artifact path is a file",
    args: ["images", "create", "t.yaml", "--artifact-path", "t.yaml"],
    files: { "t.yaml": UPLOAD_BODY },
    code: 2,
    message: /Artifact root is not a directory: .*t\.yaml/,
    local: true,
  },
  {
    name: "ignore file outside the root",
    args: ["images", "create", "t.yaml", "--artifact-ignore-files", "../outside"],
    files: { "t.yaml": UPLOAD_BODY, ...SMALL_APP },
    code: 2,
    message: /Ignore file is outside the artifact root/,
    local: true,
  },
  {
    name: "Dockerfile excluded by the ignore file",
    args: ["images", "create", "t.yaml"],
    files: { "t.yaml": UPLOAD_BODY, ...SMALL_APP, ".dockerignore": "Dockerfile\n" },
    code: 1,
    message: /preflight: Dockerfile Dockerfile is excluded by \.dockerignore:1 \("Dockerfile"\); add "!\/Dockerfile"/,
    local: true,
  },
  {
    name: "COPY source excluded by the ignore file",
    args: ["images", "create", "t.yaml"],
    files: { "t.yaml": UPLOAD_BODY, ...SMALL_APP, ".dockerignore": "# py\n*.py\n" },
    code: 1,
    message: /preflight: COPY app\.py .*excluded by \.dockerignore:2 \("\*\.py"\); add "!\/app\.py"/,
    local: true,
  },
  {
    name: "artifact over the 10 MiB limit",
    args: ["images", "create", "t.yaml", "--skip-preflight"],
    files: { "t.yaml": UPLOAD_BODY, ...SMALL_APP, "blob.bin": randomBytes(11 * 1024 * 1024) },
    code: 1,
    message: /10 MiB.*exclude more files with the ignore file/,
    local: true,
  },
  {
    name: "server 400 (page size over the maximum)",
    args: ["images", "list", "--page-size", "1000"],
    code: 1,
    message:
      /^peak: HTTP 400 from GET \/image-management\/api\/v2\/images: query\.pageSize: must be <= 100 \(request id [^)]+\)$/,
    local: false,
  },
  {
    name: "server 401 (wrong key)",
    args: ["images", "list"],
    env: { PEAK_API_KEY: "wrong-key" },
    code: 4,
    message: /^peak: the service refused the API key \(HTTP 401 .*\): check PEAK_API_KEY/,
    local: false,
  },
  {
    name: "server 404",
    args: ["images", "describe", "999"],
    code: 1,
    message:
      /^peak: HTTP 404 from GET \/image-management\/api\/v2\/images\/999: Image 999 not found \(request id [^)]+\): check the ids/,
    local: false,
  },
  {
    name: "server 409 (name taken)",
    args: ["images", "create", "--name", "taken", "--type", "api", "--source", "dockerfile", "--dockerfile", "FROM x"],
    code: 1,
    message: /^peak: HTTP 409 from POST \/image-management\/api\/v2\/images: .*taken.*\(request id [^)]+\)/,
    local: false,
  },
  {
    name: "server 413 (artifact over the service's limit)",
    args: ["images", "create", "t.yaml"],
    files: {
      "t.yaml": UPLOAD_BODY,
      Dockerfile: "FROM alpine\nCOPY blob.bin /\n",
      "blob.bin": randomBytes(1536 * 1024),
    },
    emulatorOptions: { maxArtifactMb: 1 },
    code: 1,
    message:
      /^peak: HTTP 413 from POST .*Artifact exceeds the maximum size of 1 MB.*the artifact is larger than the service accepts/,
    local: false,
  },
  {
    name: "server 500",
    args: ["images", "describe", "7"],
    server: "scripted",
    code: 1,
    message:
      /^peak: HTTP 500 from GET \/image-management\/api\/v2\/images\/7: database on fire \(request id req-500\)$/,
    local: false,
  },
  {
    name: "server 403",
    args: ["images", "delete", "8"],
    server: "scripted",
    code: 4,
    message: /^peak: the service refused the API key \(HTTP 403 .*: not allowed/,
    local: false,
  },
  {
    name: "connection refused",
    args: ["images", "list"],
    server: "closed",
    code: 1,
    message:
      /^peak: GET http:\/\/127\.0\.0\.1:\d+\/image-management\/api\/v2\/images failed: .*ECONNREFUSED.*: check --base-url/,
    local: false,
  },
];

/** Answers 500 for image 7 and 403 for image 8, and counts requests. */
function scriptedServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const status = req.url?.includes("/images/7") ? 500 : 403;
    res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${status}` });
    res.end(JSON.stringify({ detail: status === 500 ? "database on fire" : "not allowed" }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

let scripted: { url: string; server: Server };
let closedUrl: string;
beforeAll(async () => {
  scripted = await scriptedServer();
  const closed = await scriptedServer();
  closedUrl = closed.url;
  await new Promise((resolve) => closed.server.close(resolve));
});
afterAll(() => new Promise((resolve) => scripted.server.close(resolve)));

function assertOneLine(run: PeakRun, testCase: Case) {
  const lines = run.stderr.split("\n").filter((line) => line !== "");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^peak: /);
  expect(lines[0]).toMatch(testCase.message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe("");
}

describe.concurrent("bad inputs", () => {
  it("the catalogue has at least 25 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)("$name", async (testCase) => {
    let emulator: Emulator | undefined;
    const tree = tempTree(testCase.files ?? {});
    try {
      let baseUrl: string;
      if (testCase.server === "scripted") {
        baseUrl = scripted.url;
      } else if (testCase.server === "closed") {
        baseUrl = closedUrl;
      } else {
        emulator = await fastEmulator(testCase.emulatorOptions);
        baseUrl = emulator.url;
        if (testCase.name.includes("409")) {
          const first = await runPeak(testCase.args, { env: emulatorEnv(emulator), cwd: tree.dir });
          expect(first.code, first.stderr).toBe(0);
        }
      }
      const before = emulator?.requests().length ?? 0;
      const run = await runPeak(testCase.args, {
        cwd: tree.dir,
        env: { PEAK_BASE_URL: baseUrl, PEAK_API_KEY: API_KEY, ...testCase.env },
      });
      expect(run.code, run.stderr).toBe(testCase.code);
      assertOneLine(run, testCase);
      if (testCase.local && emulator) {
        expect(emulator.requests().length - before).toBe(0);
      }
    } finally {
      tree.cleanup();
      await emulator?.stop();
    }
  });
});
