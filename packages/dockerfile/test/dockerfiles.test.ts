import { describe, expect, it } from "vitest";
import { type CopySourceKind, parseDockerfile } from "../src/index.js";

interface Row {
  name: string;
  dockerfile: string;
  /** Every step's text, as a build log prints it. */
  steps: string[];
  /** Every step's local sources, in step order (omit: none anywhere). */
  sources?: string[][];
  /** The last COPY/ADD: its sources' kinds, destination, form, `--from` and flags. */
  copy?: {
    kinds: CopySourceKind[];
    destination: string | undefined;
    form?: "shell" | "exec";
    from?: string;
    flags?: Array<[string, string | null]>;
  };
}

const rows: Row[] = [
  { name: "empty", dockerfile: "", steps: [] },
  { name: "only comments and blank lines", dockerfile: "# a\n\n   \n# b\n", steps: [] },
  {
    name: "shell form",
    dockerfile: "FROM python:3.11\nCOPY requirements.txt .\n",
    steps: ["FROM python:3.11", "COPY requirements.txt ."],
    sources: [[], ["requirements.txt"]],
    copy: { kinds: ["local"], destination: ".", form: "shell" },
  },
  {
    name: "several sources",
    dockerfile: "FROM x\nCOPY a.txt b.txt dir/ /app/\n",
    steps: ["FROM x", "COPY a.txt b.txt dir/ /app/"],
    sources: [[], ["a.txt", "b.txt", "dir/"]],
  },
  {
    name: "exec form keeps spaces in names",
    dockerfile: 'FROM x\nCOPY ["a b.txt", "/x/"]\n',
    steps: ["FROM x", 'COPY ["a b.txt", "/x/"]'],
    sources: [[], ["a b.txt"]],
    copy: { kinds: ["local"], destination: "/x/", form: "exec" },
  },
  {
    name: "exec form with flags and spaces around the brackets",
    dockerfile: 'FROM x\nADD --chown=app [ "src dir", "other", "/app/" ]\n',
    steps: ["FROM x", 'ADD --chown=app [ "src dir", "other", "/app/" ]'],
    sources: [[], ["src dir", "other"]],
    copy: { kinds: ["local", "local"], destination: "/app/", form: "exec", flags: [["chown", "app"]] },
  },
  {
    name: "a broken JSON array falls back to the shell form",
    dockerfile: 'FROM x\nCOPY ["a", b] /x\n',
    steps: ["FROM x", 'COPY ["a", b] /x'],
    // Shell-form words lose their quotes, as BuildKit's word processing removes them.
    sources: [[], ["[a,", "b]"]],
    copy: { kinds: ["local", "local"], destination: "/x", form: "shell" },
  },
  {
    name: "--chown, --chmod and --link are kept in the text and skipped as sources",
    dockerfile: "FROM x\nCOPY --chown=1000:1000 --chmod=755 --link run.sh /usr/local/bin/\n",
    steps: ["FROM x", "COPY --chown=1000:1000 --chmod=755 --link run.sh /usr/local/bin/"],
    sources: [[], ["run.sh"]],
    copy: {
      kinds: ["local"],
      destination: "/usr/local/bin/",
      flags: [
        ["chown", "1000:1000"],
        ["chmod", "755"],
        ["link", null],
      ],
    },
  },
  {
    name: "--from copies come from another stage",
    dockerfile: "FROM node AS build\nRUN make\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
    steps: ["FROM node AS build", "RUN make", "FROM nginx", "COPY --from=build /app/dist /usr/share/nginx/html"],
    copy: { kinds: ["stage"], destination: "/usr/share/nginx/html", from: "build" },
  },
  {
    name: "--from an image",
    dockerfile: "FROM x\nCOPY --from=alpine:3.20 /etc/os-release /tmp/\n",
    steps: ["FROM x", "COPY --from=alpine:3.20 /etc/os-release /tmp/"],
    copy: { kinds: ["stage"], destination: "/tmp/", from: "alpine:3.20" },
  },
  {
    name: "ADD of URLs and git repositories",
    dockerfile:
      "FROM x\nADD https://example.com/tool.tgz /tmp/\nADD git@github.com:org/repo.git /src\nADD --checksum=sha256:abc http://e.com/f local.txt /f/\n",
    steps: [
      "FROM x",
      "ADD https://example.com/tool.tgz /tmp/",
      "ADD git@github.com:org/repo.git /src",
      "ADD --checksum=sha256:abc http://e.com/f local.txt /f/",
    ],
    sources: [[], [], [], ["local.txt"]],
    copy: { kinds: ["remote", "local"], destination: "/f/", flags: [["checksum", "sha256:abc"]] },
  },
  {
    name: "a heredoc source, its body not read as instructions",
    dockerfile: "FROM x\nCOPY <<EOF /app/motd\nCOPY secret.txt /\nEOF\nCOPY b.txt /\n",
    steps: ["FROM x", "COPY <<EOF /app/motd", "COPY b.txt /"],
    sources: [[], [], ["b.txt"]],
  },
  {
    name: "two heredocs in one COPY",
    dockerfile: "FROM x\nCOPY <<one <<two /d/\nfirst\none\nsecond\ntwo\n",
    steps: ["FROM x", "COPY <<one <<two /d/"],
    copy: { kinds: ["heredoc", "heredoc"], destination: "/d/" },
  },
  {
    name: "a RUN heredoc",
    dockerfile: "FROM x\nRUN <<EOF\nFROM evil\nCOPY x y\nEOF\nCOPY a /\n",
    steps: ["FROM x", "RUN <<EOF", "COPY a /"],
    sources: [[], [], ["a"]],
  },
  {
    name: "$VAR and braced variables are known only with build arguments",
    dockerfile: `FROM x\nARG EXTRA=extra.txt\nCOPY $EXTRA \${DIR}/a.txt plain.txt /app/\n`,
    steps: ["FROM x", "ARG EXTRA=extra.txt", `COPY $EXTRA \${DIR}/a.txt plain.txt /app/`],
    sources: [[], [], ["plain.txt"]],
    copy: { kinds: ["variable", "variable", "local"], destination: "/app/" },
  },
  {
    name: "an escaped $ is a plain character",
    dockerfile: "FROM x\nCOPY price\\$.txt '$single.txt' /app/\n",
    steps: ["FROM x", "COPY price\\$.txt '$single.txt' /app/"],
    sources: [[], ["price$.txt", "$single.txt"]],
  },
  {
    name: "quotes around a shell-form source are removed, as BuildKit does",
    dockerfile: "FROM x\nCOPY \"requirements.txt\" 'setup.py' ./\n",
    steps: ["FROM x", "COPY \"requirements.txt\" 'setup.py' ./"],
    sources: [[], ["requirements.txt", "setup.py"]],
  },
  {
    name: "globs are sources like any other",
    dockerfile: "FROM x\nCOPY *.py scripts/*.sh config/[ab]?.yaml /app/\n",
    steps: ["FROM x", "COPY *.py scripts/*.sh config/[ab]?.yaml /app/"],
    sources: [[], ["*.py", "scripts/*.sh", "config/[ab]?.yaml"]],
  },
  {
    name: "lower-case instructions",
    dockerfile: "from x\ncopy a b\nrun echo hi\n",
    steps: ["FROM x", "COPY a b", "RUN echo hi"],
    sources: [[], ["a"], []],
  },
  {
    name: "continuation lines are joined",
    dockerfile: "FROM x\nCOPY a.txt \\\n     b.txt \\\n     /app/\n",
    steps: ["FROM x", "COPY a.txt b.txt /app/"],
    sources: [[], ["a.txt", "b.txt"]],
  },
  {
    name: "comment and blank lines inside a continuation are dropped",
    dockerfile: "FROM x\nRUN apt-get update \\\n# install\n\n    && apt-get install -y curl\n",
    steps: ["FROM x", "RUN apt-get update && apt-get install -y curl"],
  },
  {
    name: "the escape directive changes the continuation character",
    dockerfile: "# escape=`\nFROM mcr.microsoft.com/windows\nCOPY a.txt `\n  b.txt C:\\\\app\\\\\n",
    steps: ["FROM mcr.microsoft.com/windows", "COPY a.txt b.txt C:\\\\app\\\\"],
    sources: [[], ["a.txt", "b.txt"]],
  },
  {
    name: "a syntax directive is not a step",
    dockerfile: "# syntax=docker/dockerfile:1\nFROM x\nCOPY a /\n",
    steps: ["FROM x", "COPY a /"],
    sources: [[], ["a"]],
  },
  {
    name: "CRLF line endings",
    dockerfile: "FROM x\r\nCOPY a.txt \\\r\n  b.txt /app/\r\nRUN true\r\n",
    steps: ["FROM x", "COPY a.txt b.txt /app/", "RUN true"],
    sources: [[], ["a.txt", "b.txt"], []],
  },
  {
    name: "multi-stage with --from and local copies in several stages",
    dockerfile:
      'ARG BASE=python:3.11\nFROM $BASE AS deps\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM $BASE\nCOPY --from=deps /usr/local /usr/local\nCOPY src/ /app/src/\nCMD ["python", "-m", "app"]\n',
    steps: [
      "ARG BASE=python:3.11",
      "FROM $BASE AS deps",
      "COPY requirements.txt .",
      "RUN pip install -r requirements.txt",
      "FROM $BASE",
      "COPY --from=deps /usr/local /usr/local",
      "COPY src/ /app/src/",
      'CMD ["python", "-m", "app"]',
    ],
    sources: [[], [], ["requirements.txt"], [], [], [], ["src/"], []],
  },
  {
    name: "ONBUILD COPY runs in a later build, not this one",
    dockerfile: "FROM x\nONBUILD COPY a.txt /app/\n",
    steps: ["FROM x", "ONBUILD COPY a.txt /app/"],
  },
  {
    name: "runs of whitespace become one space",
    dockerfile: "FROM    x\nCOPY\ta.txt      /app/   \n",
    steps: ["FROM x", "COPY a.txt /app/"],
    sources: [[], ["a.txt"]],
  },
  {
    name: "malformed: COPY without a destination",
    dockerfile: "FROM x\nCOPY onlyone\nCOPY\n",
    steps: ["FROM x", "COPY onlyone", "COPY"],
    copy: { kinds: [], destination: undefined },
  },
  {
    name: "malformed: instructions before FROM and unknown keywords are still steps",
    dockerfile: "COPY a /\nFOO bar\nFROM x\n",
    steps: ["COPY a /", "FOO bar", "FROM x"],
    sources: [["a"], [], []],
  },
  {
    name: "malformed: an unterminated continuation at the end of the file",
    dockerfile: "FROM x\nCOPY a.txt \\",
    steps: ["FROM x", "COPY a.txt"],
    copy: { kinds: [], destination: "a.txt" },
  },
  {
    name: "a Windows-style path with the default escape",
    dockerfile: "FROM x\nCOPY dir\\\\file.txt /app/\n",
    steps: ["FROM x", "COPY dir\\\\file.txt /app/"],
    sources: [[], ["dir\\file.txt"]],
  },
  {
    name: "--exclude and --parents flags (BuildKit labs)",
    dockerfile: "FROM x\nCOPY --parents --exclude=*.md docs/ /app/\n",
    steps: ["FROM x", "COPY --parents --exclude=*.md docs/ /app/"],
    sources: [[], ["docs/"]],
    copy: {
      kinds: ["local"],
      destination: "/app/",
      flags: [
        ["parents", null],
        ["exclude", "*.md"],
      ],
    },
  },
];

describe("parseDockerfile", () => {
  it("has the table this package promises (at least 30 Dockerfiles)", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows)("$name", (row) => {
    const steps = parseDockerfile(row.dockerfile);
    expect(steps.map((s) => s.text)).toEqual(row.steps);
    expect(steps.map((s) => s.localSources)).toEqual(row.sources ?? row.steps.map(() => []));
    for (const step of steps) {
      expect(step.copy !== undefined).toBe(step.keyword === "COPY" || step.keyword === "ADD");
      expect(step.line).toBeGreaterThan(0);
    }
    if (row.copy !== undefined) {
      const copy = steps.filter((s) => s.copy !== undefined).at(-1)!.copy!;
      expect(copy.sources.map((s) => s.kind)).toEqual(row.copy.kinds);
      expect(copy.destination).toBe(row.copy.destination);
      if (row.copy.form !== undefined) {
        expect(copy.form).toBe(row.copy.form);
      }
      expect(copy.from).toBe(row.copy.from);
      if (row.copy.flags !== undefined) {
        expect(copy.flags.map((f) => [f.name, f.value])).toEqual(row.copy.flags);
      }
    }
  });

  it("numbers steps by the line they start on", () => {
    const steps = parseDockerfile("# syntax=docker/dockerfile:1\n\nFROM x\nRUN a \\\n  b\nCOPY c /\n");
    expect(steps.map((s) => [s.keyword, s.line])).toEqual([
      ["FROM", 3],
      ["RUN", 4],
      ["COPY", 6],
    ]);
  });
});
