import type { PreflightIssue, PreflightReport } from "@peak-images/artifact";

/** One issue on one line: what is missing, the ignore line that excluded it and the `!` line that brings it back. */
export function issueLine(issue: PreflightIssue): string {
  return issue.message;
}

/** The human report of `peak artifact check`. */
export function reportText(root: string, report: PreflightReport): string {
  if (report.ok) {
    return `ok: ${report.dockerfile} and every COPY/ADD source it names are in the artifact of ${root}\n`;
  }
  const lines = [`${report.issues.length} problem${report.issues.length === 1 ? "" : "s"} in the artifact of ${root}:`];
  for (const issue of report.issues) {
    lines.push(`  - ${issueLine(issue)}`);
    if (issue.excludedBy) {
      const { ignoreFile, line, pattern } = issue.excludedBy;
      lines.push(`      excluded by ${ignoreFile} line ${line}: ${pattern}`);
    }
    if (issue.reinclude) {
      lines.push(
        `      re-include it with this line at the end of ${issue.excludedBy?.ignoreFile ?? "the ignore file"}: ${issue.reinclude}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
