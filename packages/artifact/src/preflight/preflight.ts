import path from "node:path";
import { ArtifactError, InvalidPathError, UnreadableFileError } from "../errors.js";
import { errno, readRegularFile } from "../fs/regular-file.js";
import type { Rule, RuleSet } from "../select/rule-set.js";
import { prepareSelection, type SelectionOptions } from "../select/select.js";
import { walk } from "../select/walk.js";

/** Options of {@link checkArtifact}; `context` and `dockerfilePath` are as in the image's build details. */
export interface PreflightOptions extends SelectionOptions {
  /** Dockerfile path relative to the context. Default `Dockerfile`. */
  dockerfilePath?: string | undefined;
  /** Build context folder relative to the artifact root. Default `.`. */
  context?: string | undefined;
}

/** The ignore-file line that excluded a path. */
export interface ExcludingLine {
  /** Ignore file name relative to the root. */
  ignoreFile: string;
  /** 1-based line number in that file. */
  line: number;
  /** The line as written (trimmed). */
  pattern: string;
}

/** One thing the build needs that the artifact will not contain. */
export interface PreflightIssue {
  /** `dockerfile-missing`: the Dockerfile itself; `copy-source-missing`: a local COPY/ADD source matches nothing. */
  kind: "dockerfile-missing" | "copy-source-missing";
  /** One-line human explanation, including the fix when there is one. */
  message: string;
  /** Artifact-relative path (or glob) that was looked for. */
  path: string;
  /** The instruction, for copy-source issues. */
  instruction?: "COPY" | "ADD";
  /** The source as written in the Dockerfile, for copy-source issues. */
  source?: string;
  /** 1-based Dockerfile line of the instruction, for copy-source issues. */
  dockerfileLine?: number;
  /** The ignore-file line that excluded the path, when it exists on disk but is ignored. */
  excludedBy?: ExcludingLine;
  /** A line to append to that ignore file to re-include the path. */
  reinclude?: string;
}

/** Result of {@link checkArtifact}: no issues means the build will find everything it copies. */
export interface PreflightReport {
  /** True when there are no issues. */
  ok: boolean;
  /** Artifact-relative path of the Dockerfile that was checked. */
  dockerfile: string;
  /** What is missing, in Dockerfile order (the Dockerfile itself first). */
  issues: PreflightIssue[];
}

const GLOB_CHARS = /[*?[]/;

// Docker matches COPY sources with Go's filepath.Match: `*` and `?` stay within one path segment.
function sourceRegex(pattern: string): RegExp {
  let out = "^";
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "*") {
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const end = chars.indexOf("]", i + 1);
      if (end === -1) {
        out += "\\[";
        continue;
      }
      let body = chars.slice(i + 1, end).join("");
      if (body.startsWith("^") || body.startsWith("!")) {
        body = `^${body.slice(1)}`;
      }
      out += `[${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else if (c === "\\" && i + 1 < chars.length) {
      i++;
      out += chars[i]!.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    } else {
      out += c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    }
  }
  return new RegExp(`${out}$`, "u");
}

function toArtifactPath(context: string, source: string): string | null {
  const joined = path.posix.normalize(path.posix.join(context, source.replace(/^\/+/, "")));
  if (joined === ".." || joined.startsWith("../")) {
    return null;
  }
  return joined === "." ? "" : joined.replace(/\/+$/, "");
}

// True when the COPY source (literal or glob, relative to the root) names the file or one of its folders.
function sourceCovers(source: string, matcher: RegExp | null, file: string): boolean {
  if (source === "") {
    return true;
  }
  if (matcher === null) {
    return file === source || file.startsWith(`${source}/`);
  }
  for (let p = file; p !== ""; p = p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "") {
    if (matcher.test(p)) {
      return true;
    }
  }
  return false;
}

function excludingLine(rules: RuleSet, file: string): Rule | undefined {
  const rule = rules.lastMatch(file);
  return rule !== undefined && !rule.include && rule.source.file !== null ? rule : undefined;
}

function reincludeLine(p: string, isDir: boolean): string {
  const anchored = p.includes("/") ? p : `/${p}`;
  return `!${anchored}${isDir ? "/" : ""}`;
}

interface Sources {
  instruction: "COPY" | "ADD";
  line: number;
  sources: string[];
}

async function copySources(text: string): Promise<Sources[]> {
  // Loaded on demand: the parser and its language-server types cost ~8 MB of RSS that zipping does not need.
  const { DockerfileParser } = await import("dockerfile-ast");
  const out: Sources[] = [];
  const dockerfile = DockerfileParser.parse(text);
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    if (keyword !== "COPY" && keyword !== "ADD") {
      continue;
    }
    const flags =
      "getFlags" in ins && typeof ins.getFlags === "function" ? (ins.getFlags() as Array<{ getName(): string }>) : [];
    if (flags.some((f) => f.getName() === "from")) {
      continue;
    }
    let args: string[];
    const json =
      "getJSONStrings" in ins && typeof ins.getJSONStrings === "function"
        ? (ins.getJSONStrings() as Array<{ getValue(): string }>)
        : [];
    if (json.length > 0) {
      args = json.map((s) => {
        try {
          return String(JSON.parse(s.getValue()));
        } catch {
          return s.getValue();
        }
      });
    } else {
      args = ins.getArguments().map((a) => a.getValue());
    }
    // Heredocs carry their own content; nothing to find in the artifact.
    if (args.some((a) => a.startsWith("<<"))) {
      continue;
    }
    const sources = args.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith("git@"));
    // Sources built from ARG/ENV values cannot be checked without the build arguments.
    const literal = sources.filter((s) => !s.includes("$"));
    if (literal.length > 0) {
      out.push({ instruction: keyword, line: ins.getRange().start.line + 1, sources: literal });
    }
  }
  return out;
}

/** Largest Dockerfile read; real ones are a few KiB. */
export const DOCKERFILE_MAX_BYTES = 1024 * 1024;

// The context and the Dockerfile as artifact paths; a path that climbs out of the root is a typed error.
function locate(options: PreflightOptions): { context: string; dockerfile: string } {
  const context = toArtifactPath("", options.context ?? ".");
  if (context === null) {
    throw new InvalidPathError(
      `Build context is outside the artifact root: ${options.context}`,
      String(options.context),
    );
  }
  const given = options.dockerfilePath ?? "Dockerfile";
  const dockerfile = given === "" ? null : toArtifactPath(context, given);
  if (dockerfile === null || dockerfile === context) {
    throw new InvalidPathError(
      `Dockerfile path is not a file inside the artifact root: ${JSON.stringify(given)}`,
      given,
    );
  }
  return { context, dockerfile };
}

// The Dockerfile's text, or undefined when there is none; only a regular file of at most 1 MiB is read.
async function readDockerfile(abs: string): Promise<string | undefined> {
  try {
    return (await readRegularFile(abs, DOCKERFILE_MAX_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof ArtifactError) {
      throw error;
    }
    if (errno(error) === "ENOENT" || errno(error) === "ENOTDIR") {
      return undefined;
    }
    throw new UnreadableFileError(abs, error);
  }
}

/**
 * The preflight: checks that the Dockerfile and every local COPY/ADD source will be in the artifact, and for each
 * one that will not, names the ignore-file line that excluded it and the `!` line that brings it back.
 */
export async function checkArtifact(root: string, options: PreflightOptions = {}): Promise<PreflightReport> {
  const selection = await prepareSelection(root, options);
  const { rules } = selection;
  const included = (await walk(selection.root, rules, { onWarning: options.onWarning })).files.names;
  const includedSet = new Set(included);
  const { context, dockerfile } = locate(options);
  const issues: PreflightIssue[] = [];

  let everything: string[] | undefined;
  const allFiles = async (): Promise<string[]> => {
    everything ??= (await walk(selection.root, rules, { prune: false, includeExcluded: true, onWarning: () => {} }))
      .files.names;
    return everything;
  };

  const dockerfileText = await readDockerfile(path.join(selection.root, dockerfile));
  if (!includedSet.has(dockerfile)) {
    const rule = dockerfileText === undefined ? undefined : excludingLine(rules, dockerfile);
    issues.push(
      rule === undefined
        ? { kind: "dockerfile-missing", path: dockerfile, message: `Dockerfile ${dockerfile} does not exist` }
        : explain("dockerfile-missing", dockerfile, rule, false, `Dockerfile ${dockerfile}`),
    );
  }

  if (dockerfileText !== undefined) {
    for (const { instruction, line, sources } of await copySources(dockerfileText)) {
      for (const source of sources) {
        const target = toArtifactPath(context, source);
        const where = `${instruction} ${source} (Dockerfile line ${line})`;
        const base = { instruction, source, dockerfileLine: line } as const;
        if (target === null) {
          issues.push({
            kind: "copy-source-missing",
            path: source,
            ...base,
            message: `${where} is outside the build context`,
          });
          continue;
        }
        const matcher = GLOB_CHARS.test(target) ? sourceRegex(target) : null;
        if (included.some((f) => sourceCovers(target, matcher, f))) {
          continue;
        }
        const onDisk = (await allFiles()).filter((f) => sourceCovers(target, matcher, f));
        const excluded = onDisk.map((f) => ({ f, rule: excludingLine(rules, f) })).find((x) => x.rule !== undefined);
        if (excluded?.rule === undefined) {
          issues.push({ kind: "copy-source-missing", path: target, ...base, message: `${where} matches no file` });
          continue;
        }
        const isDir = matcher === null && excluded.f !== target;
        issues.push({ ...explain("copy-source-missing", target, excluded.rule, isDir, where), ...base });
      }
    }
  }
  return { ok: issues.length === 0, dockerfile, issues };
}

function explain(
  kind: PreflightIssue["kind"],
  target: string,
  rule: Rule,
  isDir: boolean,
  what: string,
): PreflightIssue {
  const excludedBy: ExcludingLine = {
    ignoreFile: rule.source.file ?? "",
    line: rule.source.line,
    pattern: rule.source.text,
  };
  const reinclude = reincludeLine(target, isDir);
  return {
    kind,
    path: target,
    excludedBy,
    reinclude,
    message: `${what} is excluded by ${excludedBy.ignoreFile}:${excludedBy.line} (${JSON.stringify(excludedBy.pattern)}); add ${JSON.stringify(reinclude)} at the end of ${excludedBy.ignoreFile} to include it`,
  };
}
