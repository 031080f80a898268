import { describe, expect, it } from "vitest";
import { checkArtifact } from "../src/index.js";
import { tempTrees } from "./helpers.js";

const tree = tempTrees();

const DOCKERFILE = [
  "FROM python:3.11 AS base",
  "WORKDIR /app",
  "COPY requirements.txt .",
  "COPY --chown=1000:1000 src/ /app/src/",
  'COPY ["config/settings.yaml", "/app/config/"]',
  "ADD https://example.com/tool.tgz /tmp/",
  "ADD scripts/*.sh /app/scripts/",
  "FROM base AS final",
  "COPY --from=base /app /app",
  "COPY <<EOF /app/motd",
  "hello",
  "EOF",
  "ARG EXTRA=extra.txt",
  "COPY $EXTRA /app/",
  "",
].join("\n");

const PROJECT = {
  Dockerfile: DOCKERFILE,
  "requirements.txt": "flask\n",
  "src/app.py": "print('hi')\n",
  "config/settings.yaml": "a: 1\n",
  "scripts/run.sh": "#!/bin/sh\n",
};

describe("checkArtifact (preflight)", () => {
  it("reports nothing for a clean folder (URLs, --from stages, heredocs and ARG sources are skipped)", async () => {
    const root = await tree({ ...PROJECT, ".dockerignore": "*.pyc\n" });
    expect(await checkArtifact(root)).toEqual({ ok: true, dockerfile: "Dockerfile", issues: [] });
  });

  it("names the ignore-file line that excluded the Dockerfile and the ! line that re-includes it", async () => {
    const root = await tree({ ...PROJECT, ".dockerignore": "# build files\nDockerfile\n" });
    const report = await checkArtifact(root);
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      expect.objectContaining({
        kind: "dockerfile-missing",
        path: "Dockerfile",
        excludedBy: { ignoreFile: ".dockerignore", line: 2, pattern: "Dockerfile" },
        reinclude: "!/Dockerfile",
      }),
    ]);
    expect(report.issues[0]!.message).toContain(".dockerignore:2");
  });

  it("reports a Dockerfile that does not exist at all", async () => {
    const root = await tree({ "a.txt": "a" });
    const report = await checkArtifact(root, { dockerfilePath: "docker/Dockerfile.prod" });
    expect(report.dockerfile).toBe("docker/Dockerfile.prod");
    expect(report.issues).toEqual([
      expect.objectContaining({ kind: "dockerfile-missing", path: "docker/Dockerfile.prod" }),
    ]);
    expect(report.issues[0]!.excludedBy).toBeUndefined();
  });

  const sourceCases = [
    {
      ignore: "requirements.txt\n",
      source: "requirements.txt",
      line: 3,
      reinclude: "!/requirements.txt",
      ignoreLine: 1,
    },
    { ignore: "*.md\nsrc\n", source: "src/", line: 4, reinclude: "!/src/", ignoreLine: 2 },
    { ignore: "config/\n", source: "config/settings.yaml", line: 5, reinclude: "!config/settings.yaml", ignoreLine: 1 },
    { ignore: "\n\n**/*.sh\n", source: "scripts/*.sh", line: 7, reinclude: "!scripts/*.sh", ignoreLine: 3 },
  ];
  it.each(sourceCases)("a COPY/ADD source excluded by [$ignore] is reported with its line", async (c) => {
    const root = await tree({ ...PROJECT, ".dockerignore": c.ignore });
    const report = await checkArtifact(root);
    expect(report.issues).toHaveLength(1);
    const issue = report.issues[0]!;
    expect(issue).toMatchObject({
      kind: "copy-source-missing",
      source: c.source,
      dockerfileLine: c.line,
      excludedBy: { ignoreFile: ".dockerignore", line: c.ignoreLine },
      reinclude: c.reinclude,
    });
  });

  it("the suggested ! line really re-includes the source", async () => {
    const root = await tree({ ...PROJECT, ".dockerignore": "config/\n" });
    const first = await checkArtifact(root);
    const fix = first.issues[0]!.reinclude!;
    const fixed = await tree({ ...PROJECT, ".dockerignore": `config/\n${fix}\n` });
    expect((await checkArtifact(fixed)).issues).toEqual([]);
  });

  it("reports a source that matches no file on disk", async () => {
    const root = await tree({ ...PROJECT, Dockerfile: "FROM x\nCOPY missing.txt /x\n" });
    const report = await checkArtifact(root);
    expect(report.issues).toEqual([
      expect.objectContaining({ kind: "copy-source-missing", source: "missing.txt", dockerfileLine: 2 }),
    ]);
    expect(report.issues[0]!.excludedBy).toBeUndefined();
  });

  it("resolves the Dockerfile and sources under the build context", async () => {
    const root = await tree({
      "svc/Dockerfile": "FROM x\nCOPY app.py /app/\nCOPY lib /app/lib\n",
      "svc/app.py": "x",
      "svc/lib/m.py": "m",
      ".dockerignore": "svc/lib\n",
    });
    const report = await checkArtifact(root, { context: "svc" });
    expect(report.dockerfile).toBe("svc/Dockerfile");
    expect(report.issues).toEqual([
      expect.objectContaining({
        source: "lib",
        path: "svc/lib",
        reinclude: "!svc/lib/",
        excludedBy: expect.objectContaining({ line: 1 }),
      }),
    ]);
  });

  it("reads exec-form sources with spaces, quoted shell-form sources and ** globs as Docker does", async () => {
    const root = await tree({
      Dockerfile: 'FROM x\nCOPY ["a b.txt", "/x/"]\nCOPY "quoted.txt" /y/\nCOPY **/*.py /app/\nCOPY [ab]*.md /d/\n',
      "a b.txt": "spaces",
      "quoted.txt": "q",
      "deep/er/m.py": "m",
      "b-notes.md": "b",
    });
    expect(await checkArtifact(root)).toEqual({ ok: true, dockerfile: "Dockerfile", issues: [] });
  });

  it("reports a malformed glob, which fails a Docker build", async () => {
    const root = await tree({ Dockerfile: "FROM x\nCOPY [a-.txt /x/\nCOPY [!a]x /y/\n", "!x": "bang" });
    const report = await checkArtifact(root);
    expect(report.issues.map((i) => [i.source, i.message.includes("not a valid pattern")])).toEqual([
      ["[a-.txt", true],
    ]);
  });

  it("uses every ignore file and names the one that excluded the source", async () => {
    const root = await tree({ ...PROJECT, ".dockerignore": "", "more.ignore": "# x\nrequirements.txt\n" });
    const report = await checkArtifact(root, { ignoreFiles: [".dockerignore", "more.ignore"] });
    expect(report.issues[0]!.excludedBy).toEqual({ ignoreFile: "more.ignore", line: 2, pattern: "requirements.txt" });
  });
});
