// Longer than 300 lines: most of it is the table of build contexts, which reads best in one place.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkArtifact, writeArtifact } from "@peak-images/artifact";
import { type Emulator, startEmulator } from "@peak-images/emulator";
import { apiBasePath } from "@peak-images/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The artifact preflight and the emulator both read Dockerfiles with @peak-images/dockerfile: given the same build
// context, they must agree on which COPY/ADD sources are missing. Each row is a context (files) and its verdict:
// the sources missing, in Dockerfile order, as written. The preflight must report exactly those; the emulator,
// given the same folder zipped by writeArtifact, must end the build `success` when none is missing, else `failed`
// with its last line naming the first one.

interface Row {
  name: string;
  /** Paths relative to the root, `/`-separated; a path ending in `/` is an empty folder. */
  files: Record<string, string>;
  context?: string;
  dockerfilePath?: string;
  /** The sources missing, as written in the Dockerfile, in order. */
  missing: string[];
  /** Why the two consumers reach the verdict in different ways, when they do. */
  why?: string;
}

const df = (...lines: string[]) => `${lines.join("\n")}\n`;

const rows: Row[] = [
  {
    name: "shell form, everything present",
    files: {
      Dockerfile: df(
        "FROM python:3.12-slim",
        "WORKDIR /app",
        "COPY requirements.txt .",
        "RUN pip install -r requirements.txt",
        "COPY src/ ./src",
      ),
      "requirements.txt": "flask\n",
      "src/app.py": "",
    },
    missing: [],
  },
  {
    name: "a missing file",
    files: { Dockerfile: df("FROM alpine", "COPY requirements.txt ."), "app.py": "" },
    missing: ["requirements.txt"],
  },
  {
    name: "a missing folder",
    files: { Dockerfile: df("FROM alpine", "COPY conf/ /etc/app/"), "config/a.yml": "" },
    missing: ["conf/"],
  },
  {
    name: "several sources, one missing",
    files: { Dockerfile: df("FROM alpine", "COPY a.txt b.txt c.txt /x/"), "a.txt": "", "c.txt": "" },
    missing: ["b.txt"],
  },
  {
    name: "two steps with a missing source: the emulator stops at the first",
    files: { Dockerfile: df("FROM alpine", "COPY one.txt /x/", "RUN true", "COPY two.txt /y/") },
    missing: ["one.txt", "two.txt"],
  },
  {
    name: "exec form with a space in a name",
    files: { Dockerfile: df("FROM alpine", 'COPY ["my file.txt", "/x/"]'), "my file.txt": "" },
    missing: [],
  },
  {
    name: "exec form with a missing name holding spaces",
    files: { Dockerfile: df("FROM alpine", 'COPY ["present.txt", "no such file.txt", "/x/"]'), "present.txt": "" },
    missing: ["no such file.txt"],
  },
  {
    name: "--chown, --chmod and --link are flags, not sources",
    files: {
      Dockerfile: df(
        "FROM alpine",
        "COPY --chown=1000:1000 --chmod=755 --link run.sh /usr/local/bin/",
        "COPY --link gone.sh /",
      ),
      "run.sh": "",
    },
    missing: ["gone.sh"],
  },
  {
    name: "exec form after a flag, naming a folder with a space",
    files: { Dockerfile: df("FROM alpine", 'COPY --chown=app:app ["lib dir", "/app/lib/"]'), "lib dir/x.py": "" },
    missing: [],
  },
  {
    name: "multi-stage: --from copies come from a stage or an image",
    files: {
      Dockerfile: df(
        "FROM node:20 AS build",
        "COPY package.json .",
        "RUN npm ci",
        "FROM nginx",
        "COPY --from=build /app/dist /usr/share/nginx/html",
        "COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/",
      ),
      "package.json": "{}",
    },
    missing: [],
  },
  {
    name: "heredocs are not sources, and their bodies are not instructions",
    files: {
      Dockerfile: df(
        "# syntax=docker/dockerfile:1",
        "FROM alpine",
        "COPY <<EOF /etc/motd",
        "COPY missing.txt /",
        "EOF",
        "RUN <<EOT",
        "ADD gone.txt /",
        "EOT",
        "COPY real.txt /",
      ),
      "real.txt": "",
    },
    missing: [],
  },
  {
    name: "variable sources ($VAR and the braced form) are known only with build arguments: skipped",
    files: {
      Dockerfile: df(
        "ARG SRC=app",
        "FROM alpine",
        "ARG DIR",
        "COPY $SRC /x/",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template.
        "COPY ${DIR}/conf /y/",
        'COPY "$HOME/f" /z/',
      ),
    },
    missing: [],
  },
  {
    name: "URLs and git sources are fetched by the builder: skipped",
    files: {
      Dockerfile: df(
        "FROM alpine",
        "ADD https://example.com/archive.tgz /tmp/",
        "ADD git@github.com:org/repo.git /src",
        "ADD --checksum=sha256:0123 http://example.com/f /f",
      ),
    },
    missing: [],
  },
  {
    name: "ADD of a local archive that is missing",
    files: { Dockerfile: df("FROM alpine", "ADD vendor.tar.gz /opt/") },
    missing: ["vendor.tar.gz"],
  },
  {
    name: "globs with * and ?",
    files: {
      Dockerfile: df("FROM alpine", "COPY *.py /app/", "COPY config?.yml /etc/"),
      "main.py": "",
      "config1.yml": "",
    },
    missing: [],
  },
  {
    name: "a glob that matches nothing",
    files: { Dockerfile: df("FROM alpine", "COPY *.whl /wheels/"), "a.txt": "" },
    missing: ["*.whl"],
  },
  {
    name: "classes, ranges and ^ negation",
    files: {
      Dockerfile: df("FROM alpine", "COPY data[0-9].csv /d/", "COPY [abc]*.txt /t/", "COPY log[^0-9].txt /l/"),
      "data7.csv": "",
      "b-notes.txt": "",
      "logx.txt": "",
    },
    missing: [],
  },
  {
    name: "[!x] is the class of ! and x, as Go's filepath.Match reads it",
    files: { Dockerfile: df("FROM alpine", "COPY [!x]pp.py /", "COPY [!x]other.py /"), "app.py": "", "!other.py": "" },
    missing: ["[!x]pp.py"],
  },
  {
    name: "** matches any number of folders, none included",
    files: {
      Dockerfile: df("FROM alpine", "COPY **/*.py /app/", "COPY src/**/test_*.py /tests/", "COPY **/README.md /"),
      "src/pkg/deep/mod.py": "",
      "src/test_top.py": "",
      "README.md": "",
    },
    missing: [],
  },
  {
    name: "a ** glob that matches nothing",
    files: { Dockerfile: df("FROM alpine", "COPY docs/**/*.md /docs/"), "docs/a.txt": "", "docs/x/b.txt": "" },
    missing: ["docs/**/*.md"],
  },
  {
    name: "escaped characters in a glob match themselves",
    files: {
      // Exec form: the JSON string is [a]\*b. Shell form: word processing removes the backslash, leaving a*b.
      Dockerfile: df("FROM alpine", 'COPY ["[a]\\\\*b", "/x/"]', "COPY a\\*b /y/"),
      "a*b": "",
    },
    missing: [],
  },
  {
    name: "a source whose only wildcard is escaped is a literal name",
    files: { Dockerfile: df("FROM alpine", 'COPY ["a\\\\*b", "/z/"]'), "a*b": "" },
    missing: ["a\\*b"],
  },
  {
    name: "comments, and a comment line inside a continuation",
    files: {
      Dockerfile: df(
        "FROM alpine",
        "# COPY commented.txt /",
        "COPY a.txt \\",
        "# a comment inside the continuation",
        "     b.txt \\",
        "     /x/",
        "RUN echo done # not a comment",
      ),
      "a.txt": "",
    },
    missing: ["b.txt"],
  },
  {
    name: "the # escape=` directive makes the backtick the continuation",
    files: { Dockerfile: df("# escape=`", "FROM alpine", "COPY a.txt `", "     b.txt /x/"), "a.txt": "", "b.txt": "" },
    missing: [],
  },
  {
    name: "a # syntax directive and CRLF line endings",
    files: {
      Dockerfile: "# syntax=docker/dockerfile:1\r\nFROM alpine\r\nCOPY app.py /app/\r\nCOPY gone.py /app/\r\n",
      "app.py": "",
    },
    missing: ["gone.py"],
  },
  {
    name: "lower-case instructions, an absolute source and ./ prefixes",
    files: {
      Dockerfile: df("from alpine", "copy /app.py /srv/", "add ./lib /lib", "COPY ./src/./a.py /a.py"),
      "app.py": "",
      "lib/x": "",
      "src/a.py": "",
    },
    missing: [],
  },
  {
    name: "the context itself and hidden files",
    files: { Dockerfile: df("FROM alpine", "COPY . /app", "COPY .env /app/"), ".env": "A=1\n" },
    missing: [],
  },
  {
    name: "a source that climbs out of the context",
    files: { Dockerfile: df("FROM alpine", "COPY ../etc/passwd /") },
    missing: ["../etc/passwd"],
  },
  {
    name: "a file excluded by .dockerignore",
    files: { Dockerfile: df("FROM alpine", "COPY secrets.txt /"), ".dockerignore": "secrets.txt\n", "secrets.txt": "" },
    missing: ["secrets.txt"],
    why:
      "the preflight finds the file on disk and names the .dockerignore line excluding it; the emulator gets a zip " +
      "without it, so the file is simply not found",
  },
  {
    name: "a folder excluded by .dockerignore, and a ! line re-including one file",
    files: {
      Dockerfile: df("FROM alpine", "COPY README.md /", "COPY tests/ /tests/", "COPY CHANGELOG.md /"),
      ".dockerignore": "tests/\n*.md\n!README.md\n",
      "README.md": "",
      "CHANGELOG.md": "",
      "tests/t.py": "",
    },
    missing: ["tests/", "CHANGELOG.md"],
    why: "the preflight sees the excluded files on disk and explains each; the emulator finds nothing in the zip",
  },
  {
    name: "a glob some of whose files are excluded, and one all of whose files are",
    files: {
      Dockerfile: df("FROM alpine", "COPY *.txt /", "COPY *.log /logs/"),
      ".dockerignore": "a.txt\n*.log\n",
      "a.txt": "",
      "b.txt": "",
      "debug.log": "",
    },
    missing: ["*.log"],
    why: "the preflight explains the exclusion of debug.log; the zip the emulator gets has no .log file",
  },
  {
    name: "a context sub-folder: sources are inside it",
    context: "svc",
    files: {
      "svc/Dockerfile": df("FROM alpine", "COPY app.py /", "COPY README.md /"),
      "svc/app.py": "",
      "README.md": "",
    },
    missing: ["README.md"],
  },
  {
    name: "a dockerfilePath in a sub-folder: sources are relative to the context, not to the Dockerfile",
    dockerfilePath: "docker/Dockerfile.prod",
    files: { "docker/Dockerfile.prod": df("FROM alpine", "COPY src/ /src/", "COPY Dockerfile.prod /"), "src/a.py": "" },
    missing: ["Dockerfile.prod"],
  },
  {
    name: "a context sub-folder and a dockerfilePath inside it",
    context: "services/api",
    dockerfilePath: "build/Dockerfile",
    files: {
      "services/api/build/Dockerfile": df(
        "FROM golang:1.22",
        "COPY main.go /src/",
        "COPY build/ /build/",
        "COPY go.sum /src/",
      ),
      "services/api/main.go": "",
      "go.sum": "",
    },
    missing: ["go.sum"],
  },
  {
    name: "a malformed class",
    files: { Dockerfile: df("FROM alpine", "COPY x[a /"), "x[a": "" },
    missing: ["x[a"],
    why:
      "Docker fails the build on the pattern (Go's ErrBadPattern): the preflight says it is not a valid pattern, " +
      "the emulator that it matches nothing",
  },
  {
    name: "an empty folder",
    files: { Dockerfile: df("FROM alpine", "COPY empty /e", "COPY full /f"), "empty/": "", "full/x": "" },
    missing: ["empty"],
    why:
      "the artifact holds files only, as the Python SDK's zip does: the preflight looks for files the source " +
      "covers, and the folder is not in the zip the emulator gets",
  },
];

let emulator: Emulator;
let work: string;
const key = "consumers-key";

beforeAll(async () => {
  emulator = await startEmulator({ buildMs: 0, apiKey: key, logPageSize: 1000 });
  work = await mkdtemp(join(tmpdir(), "dockerfile-consumers-"));
});

afterAll(async () => {
  await emulator?.stop();
  if (work !== undefined) {
    await rm(work, { recursive: true, force: true });
  }
});

async function writeContext(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    if (path.endsWith("/")) {
      await mkdir(abs, { recursive: true });
    } else {
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, content);
    }
  }
}

/** Creates an image from the zip; returns how its build ended and the last line of its log. */
async function build(name: string, zip: Buffer, row: Row): Promise<{ status: string; last: string }> {
  const api = `${emulator.url}${apiBasePath}`;
  const body = new FormData();
  body.append("name", name);
  body.append("type", "workflow");
  const details = { source: "upload", context: row.context ?? ".", dockerfilePath: row.dockerfilePath ?? "Dockerfile" };
  body.append("buildDetails", JSON.stringify(details));
  body.append("artifact", new Blob([new Uint8Array(zip)], { type: "application/zip" }), "artifact.zip");
  const created = await fetch(`${api}/images`, { method: "POST", headers: { Authorization: key }, body });
  const ids = (await created.json()) as { imageId: number; buildId: number };
  expect(created.status, JSON.stringify(ids)).toBe(201);
  // With buildMs 0 the build has ended before the create call answers: one page holds its whole log.
  const logs = await fetch(`${api}/images/${ids.imageId}/builds/${ids.buildId}/logs`, {
    headers: { Authorization: key },
  });
  const page = (await logs.json()) as { buildStatus: string; logs: Array<{ message: string }> };
  return { status: page.buildStatus, last: page.logs.at(-1)?.message ?? "" };
}

describe("the preflight and the emulator agree on the missing COPY/ADD sources", () => {
  it("has a table of at least 30 build contexts", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows.map((row, i) => ({ ...row, i })))("$name", async (row) => {
    const root = join(work, `row-${row.i}`);
    await writeContext(root, row.files);
    const options = { context: row.context, dockerfilePath: row.dockerfilePath };

    const report = await checkArtifact(root, options);
    expect(report.issues.filter((issue) => issue.kind !== "copy-source-missing")).toEqual([]);
    expect(
      report.issues.map((issue) => issue.source),
      row.why,
    ).toEqual(row.missing);

    const zipPath = join(work, `row-${row.i}.zip`);
    await writeArtifact(root, zipPath);
    const { status, last } = await build(`consumers-${row.i}`, await readFile(zipPath), row);
    if (row.missing.length === 0) {
      expect({ status, last }).toEqual({ status: "success", last: "Build succeeded" });
    } else {
      expect(status, row.why).toBe("failed");
      expect(last).toMatch(/^Build failed: Step \d+\/\d+: (COPY|ADD) source /);
      expect(last).toContain(` source ${row.missing[0]} `);
    }
  });
});
