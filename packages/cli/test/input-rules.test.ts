import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../src/args.js";
import { readWriteInput } from "../src/commands/images/_write.js";
import { COMMANDS } from "../src/commands.js";
import type { RunContext } from "../src/context.js";
import { FIXTURES, tempTree } from "./helpers.js";

// The rules that turn an input file, template variables and flags into the body and artifact that are sent:
// templating (nunjucks, Jinja-compatible), YAML, null removal, and the flag merge (flags win, objects merge,
// lists are replaced, nothing unrelated leaks in), including the documentation's own example files.

const DOCS = path.join(FIXTURES, "docs");

async function resolveInput(command: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const spec = COMMANDS.find((candidate) => candidate.path.join(" ") === `images ${command}`)!;
  const parsed = parseCommandArgs(spec, argv);
  const ctx = {
    spec,
    flags: parsed.flags,
    positionals: parsed.positionals,
    io: { stdout: new PassThrough(), stderr: new PassThrough(), stdoutIsTTY: false, stderrIsTTY: false, env },
    output: "json",
    outputGiven: false,
    color: false,
    signal: new AbortController().signal,
    dryRun: undefined,
  } satisfies RunContext;
  return readWriteInput(ctx, "create_image");
}

interface Case {
  name: string;
  files?: Record<string, string>;
  /** Arguments after `peak images <command>`; `{dir}` is the temporary folder with `files`. */
  argv: string[];
  command?: string;
  env?: NodeJS.ProcessEnv;
  body?: Record<string, unknown>;
  /** The body must be exactly `body` (nothing else in it). */
  exact?: boolean;
  artifact?: unknown;
  error?: RegExp;
}

const UPLOAD_BODY = {
  name: "upload-image",
  version: "0.0.1-test",
  description: "Creating a new upload type image",
  type: "workflow",
  buildDetails: {
    source: "upload",
    useCache: false,
    buildArguments: [{ name: "PARAM1", value: "param1" }],
    secrets: ["SECRET1", "SECRET2"],
    context: ".",
  },
};
const BASE =
  "body:\n  name: app\n  type: workflow\n  version: 1.0.0\n  buildDetails:\n    source: upload\n    useCache: true\n    context: .\n    buildArguments:\n      - name: A\n        value: a\nartifact:\n  path: ctx\n  ignore_files: [.dockerignore]\n";

const CASES: Case[] = [
  {
    name: "docs example: upload",
    argv: [path.join(DOCS, "upload.yaml")],
    body: UPLOAD_BODY,
    artifact: { path: ".", ignoreFiles: [".gitignore", ".dockerignore"] },
  },
  {
    name: "docs example: github, token from os_env",
    argv: [path.join(DOCS, "github.yaml")],
    env: { GITHUB_TOKEN: "gh-secret" },
    body: {
      name: "github-image",
      version: "0.0.1-test",
      description: "Creating a new github type image",
      type: "workflow",
      buildDetails: {
        source: "github",
        useCache: false,
        buildArguments: [{ name: "PARAM1", value: "param1" }],
        secrets: ["SECRET1", "SECRET2"],
        repository: "https://github.com/org/repo",
        branch: "main",
        token: "gh-secret",
        dockerfilePath: "Dockerfile",
      },
    },
    artifact: undefined,
  },
  {
    name: "docs example: dockerfile",
    argv: [path.join(DOCS, "dockerfile.yaml")],
    body: {
      name: "dockerfile-image",
      version: "0.0.1-test",
      description: "Creating a new dockerfile type image",
      type: "workflow",
      buildDetails: {
        source: "dockerfile",
        useCache: false,
        buildArguments: [{ name: "PARAM1", value: "param1" }],
        secrets: ["SECRET1", "SECRET2"],
        dockerfile: "FROM nginx",
      },
    },
    artifact: undefined,
  },
  { name: "docs example via --file", argv: ["--file", path.join(DOCS, "upload.yaml")], body: UPLOAD_BODY },
  {
    name: "a top-level flag overrides the YAML",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--version", "2.0.0"],
    body: { version: "2.0.0", name: "app" },
  },
  {
    name: "--no-use-cache sends useCache: false over the YAML's true",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--no-use-cache"],
    body: { buildDetails: { useCache: false, source: "upload", context: "." } },
  },
  {
    name: "--use-cache sends useCache: true",
    argv: ["--name", "a", "--use-cache"],
    body: { name: "a", buildDetails: { useCache: true } },
  },
  {
    name: "--build-details is parsed, then single flags override inside it",
    argv: ["--name", "a", "--build-details", '{"source":"github","context":"x","branch":"dev"}', "--context", "y"],
    body: { name: "a", buildDetails: { source: "github", context: "y", branch: "dev" } },
  },
  {
    name: "--build-details merges with the YAML's buildDetails",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--build-details", '{"dockerfilePath":"docker/Dockerfile"}'],
    body: {
      buildDetails: {
        source: "upload",
        useCache: true,
        context: ".",
        dockerfilePath: "docker/Dockerfile",
        buildArguments: [{ name: "A", value: "a" }],
      },
    },
  },
  {
    name: "--build-arguments replace the YAML list (lists are not merged)",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--build-arguments", "B=b", "--build-arguments", "C=c"],
    body: {
      buildDetails: {
        buildArguments: [
          { name: "B", value: "b" },
          { name: "C", value: "c" },
        ],
      },
    },
  },
  {
    name: "--build-arguments split on the first =",
    argv: ["--name", "a", "--build-arguments", "URL=http://x/?a=b"],
    body: { buildDetails: { buildArguments: [{ name: "URL", value: "http://x/?a=b" }] } },
  },
  {
    name: "--secrets repeatable and comma-split",
    argv: ["--name", "a", "--secrets", "S1,S2", "--secrets", "S3"],
    body: { buildDetails: { secrets: ["S1", "S2", "S3"] } },
  },
  {
    name: "--artifact-path replaces artifact.path and keeps ignore_files",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--artifact-path", "other"],
    artifact: { path: "other", ignoreFiles: [".dockerignore"] },
  },
  {
    name: "--artifact-ignore-files replaces ignore_files",
    files: { "i.yaml": BASE },
    argv: ["{dir}/i.yaml", "--artifact-ignore-files", ".a", "--artifact-ignore-files", ".b"],
    artifact: { path: "ctx", ignoreFiles: [".a", ".b"] },
  },
  {
    name: "no unrelated flag leaks into the body (Python adds artifactPath and dryRun here)",
    argv: ["--name", "a", "--artifact-path", ".", "--context", ".", "--use-cache", "--dry-run", "--wait", "-o", "yaml"],
    body: { name: "a", buildDetails: { context: ".", useCache: true } },
    exact: true,
  },
  {
    name: "-p overrides the -v params file",
    files: { "t.yaml": "body:\n  name: {{ n }}\n  version: {{ v }}\n", "p.yaml": "n: from-file\nv: 1.0.0\n" },
    argv: ["{dir}/t.yaml", "-v", "{dir}/p.yaml", "-p", "n=from-flag"],
    body: { name: "from-flag", version: "1.0.0" },
  },
  {
    name: "-p splits on the first =",
    files: { "t.yaml": 'body:\n  description: "{{ d }}"\n' },
    argv: ["{dir}/t.yaml", "-p", "d=a=b"],
    body: { description: "a=b" },
  },
  {
    name: "params keep their YAML types",
    files: { "t.yaml": "body:\n  buildDetails:\n    useCache: {{ cache }}\n", "p.yaml": "cache: false\n" },
    argv: ["{dir}/t.yaml", "-v", "{dir}/p.yaml"],
    body: { buildDetails: { useCache: false } },
  },
  {
    name: "null values are removed recursively",
    files: { "t.yaml": "body:\n  name: a\n  description:\n  buildDetails:\n    context: ~\n    source: upload\n" },
    argv: ["{dir}/t.yaml"],
    body: { name: "a", buildDetails: { source: "upload" } },
  },
  {
    name: "top-level keys other than body and artifact are dropped",
    files: { "t.yaml": "metadata:\n  owner: me\nbody:\n  name: a\n" },
    argv: ["{dir}/t.yaml"],
    body: { name: "a" },
  },
  {
    name: "os_env reaches the environment",
    files: { "t.yaml": "body:\n  description: built by {{ os_env.BUILDER }}\n" },
    argv: ["{dir}/t.yaml"],
    env: { BUILDER: "ci" },
    body: { description: "built by ci" },
  },
  {
    name: "include keeps the include line's indentation, nested includes relative to their file",
    files: {
      "t.yaml": 'body:\n  buildDetails:\n    {% include "parts/bd.yaml" %}\n',
      "parts/bd.yaml": 'source: upload\nbuildArguments:\n  {% include "args.yaml" %}\n',
      "parts/args.yaml": '- name: X\n  value: "{{ x }}"\n- name: Y\n  value: y\n',
    },
    argv: ["{dir}/t.yaml", "-p", "x=1"],
    body: {
      buildDetails: {
        source: "upload",
        buildArguments: [
          { name: "X", value: "1" },
          { name: "Y", value: "y" },
        ],
      },
    },
  },
  {
    name: "filters and default()",
    files: {
      "t.yaml": "body:\n  name: {{ n | lower | replace('_', '-') }}\n  description: {{ d | default('none given') }}\n",
    },
    argv: ["{dir}/t.yaml", "-p", "n=My_App"],
    body: { name: "my-app", description: "none given" },
  },
  {
    name: "a variable tested by {% if %} may be absent",
    files: { "t.yaml": "body:\n  name: a\n{% if desc %}  description: {{ desc }}\n{% endif %}" },
    argv: ["{dir}/t.yaml"],
    body: { name: "a" },
  },
  {
    name: "artifact without a path sends no artifact",
    files: { "t.yaml": "body:\n  name: a\nartifact:\n  ignore_files: [.x]\n" },
    argv: ["{dir}/t.yaml"],
    artifact: undefined,
  },
  {
    name: "a params key set to null counts as undefined",
    files: { "t.yaml": "body:\n  name: {{ n }}\n", "p.yaml": "n:\n" },
    argv: ["{dir}/t.yaml", "-v", "{dir}/p.yaml"],
    error: /line 2: unknown template variable 'n'/,
  },
  {
    name: "body must be a mapping",
    files: { "t.yaml": "body: [1, 2]\n" },
    argv: ["{dir}/t.yaml"],
    error: /body: must be a mapping/,
  },
  {
    name: "FILE and a different --file",
    files: { "a.yaml": "body: {}\n" },
    argv: ["{dir}/a.yaml", "--file", "b.yaml"],
    error: /give the YAML file once/,
  },
  {
    name: "create-version has no --name",
    command: "create-version",
    argv: ["1", "--name", "x"],
    error: /unknown flag --name/,
  },
  {
    name: "update-version has no --version",
    command: "update-version",
    argv: ["--image-id", "1", "--version-id", "2", "--version", "1.0.0"],
    error: /unknown flag --version/,
  },
];

describe.concurrent("input file, templating and flag merge", () => {
  it("has at least 20 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)("$name", async (testCase) => {
    const tree = tempTree(testCase.files ?? {});
    try {
      const argv = testCase.argv.map((arg) => arg.replaceAll("{dir}", tree.dir));
      const run = resolveInput(testCase.command ?? "create", argv, testCase.env);
      if (testCase.error) {
        await expect(run).rejects.toThrow(testCase.error);
        return;
      }
      const input = (await run)!;
      if (testCase.body) {
        if (testCase.exact) {
          expect(input.body).toEqual(testCase.body);
        } else {
          expect(input.body).toMatchObject(testCase.body);
        }
      }
      if ("artifact" in testCase) {
        expect(input.artifact).toEqual(testCase.artifact);
      }
    } finally {
      tree.cleanup();
    }
  });

  it("the documentation's examples are sent as they are written (spawned peak, --dry-run)", async () => {
    const { runPeak } = await import("./helpers.js");
    const run = await runPeak(["images", "create", "upload.yaml", "--dry-run"], {
      cwd: DOCS,
      env: { PEAK_API_KEY: "k", PEAK_BASE_URL: "http://127.0.0.1:9" },
    });
    expect(run.code, run.stderr).toBe(0);
    const dry = JSON.parse(run.stdout);
    expect(dry.request.body).toMatchObject({
      ...UPLOAD_BODY,
      buildDetails: { ...UPLOAD_BODY.buildDetails, secrets: ["***", "***"] },
    });
    expect(dry.artifact.files).toEqual([".dockerignore", ".gitignore", "Dockerfile", "app.py"]);
  });
});
