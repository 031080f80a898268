/** What the preflight reports, and how it explains an exclusion. */
import type { Rule, RuleSet } from "../select/rule-set.js";
import type { SelectionOptions } from "../select/select.js";
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

/** The ignore-file line (not the implicit leading `*`) that excludes `file`, if one does. */
export function excludingLine(rules: RuleSet, file: string): Rule | undefined {
  const rule = rules.lastMatch(file);
  return rule !== undefined && !rule.include && rule.source.file !== null ? rule : undefined;
}

// A `!` line that re-includes `p` when appended: anchored, so it cannot re-include more than asked.
function reincludeLine(p: string, isDir: boolean): string {
  const anchored = p.includes("/") ? p : `/${p}`;
  return `!${anchored}${isDir ? "/" : ""}`;
}

/** An issue for `target` excluded by `rule`, with the line to add to bring it back. */
export function explain(
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
