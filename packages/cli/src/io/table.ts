import type { RunContext } from "../context.js";
import { bold, dim } from "./color.js";

/** A table's layout, as the Python CLI's table metadata for the list commands. */
export interface TableSpec {
  title: string;
  dataKey: string;
  countKey: string;
  /** Column header and the dotted key of its value. */
  columns: readonly (readonly [string, string])[];
}

export const IMAGES_TABLE: TableSpec = {
  title: "Images",
  dataKey: "images",
  countKey: "imageCount",
  columns: [
    ["ID", "id"],
    ["Image Name", "name"],
    ["Type", "type"],
    ["Scope", "scope"],
    ["Latest Version ID", "latestVersion.id"],
    ["Latest Version", "latestVersion.version"],
    ["Latest Version Status", "latestVersion.status"],
    ["Latest Version Build Status", "latestVersion.lastBuildStatus"],
    ["Tags", "latestVersion.tags"],
  ],
};

export const VERSIONS_TABLE: TableSpec = {
  title: "Image Versions",
  dataKey: "versions",
  countKey: "versionCount",
  columns: [
    ["ID", "id"],
    ["Version", "version"],
    ["Description", "description"],
    ["Status", "status"],
    ["Last Build Status", "lastBuildStatus"],
    ["Build Details", "buildDetails"],
    ["Tags", "tags"],
  ],
};

export const BUILDS_TABLE: TableSpec = {
  title: "Image Builds",
  dataKey: "builds",
  countKey: "buildCount",
  columns: [
    ["Build ID", "buildId"],
    ["Version ID", "versionId"],
    ["Version", "version"],
    ["Build Status", "status"],
    ["Started At (UTC)", "startedAt"],
    ["Finished At (UTC)", "finishedAt"],
  ],
};

function lookup(item: unknown, dotted: string): unknown {
  let value = item;
  for (const key of dotted.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** A cell as the Python CLI shows it: falsy values (0 and "" too) as `-`, tags as `a, b`, objects as JSON. */
export function cell(key: string, value: unknown): string {
  if (!value) {
    return "-";
  }
  if (key.endsWith("tags") && Array.isArray(value)) {
    const names = value.map((tag) =>
      typeof tag === "object" && tag !== null ? (tag as { name?: unknown }).name : tag,
    );
    return names.length > 0 ? names.join(", ") : "-";
  }
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  // One line per row, whatever the data holds.
  return text.replace(/[\t\r\n]+/g, " ");
}

/**
 * Writes a list page as a table: on a terminal, a title, aligned columns under a header and the page caption;
 * piped, one tab-separated line per item with no header (as gh does), so `cut` and `awk` work.
 */
export function printTable(ctx: RunContext, spec: TableSpec, page: Record<string, unknown>): void {
  const items = (page[spec.dataKey] as unknown[] | undefined) ?? [];
  const rows = items.map((item) => spec.columns.map(([, key]) => cell(key, lookup(item, key))));
  const out = ctx.io.stdout;
  if (!ctx.io.stdoutIsTTY) {
    for (const row of rows) {
      out.write(`${row.join("\t")}\n`);
    }
    return;
  }
  out.write(`${bold(`${spec.title} (Total = ${String(page[spec.countKey] ?? 0)})`, ctx.color)}\n`);
  if (rows.length === 0) {
    out.write("No data to display.\n");
    return;
  }
  const headers = spec.columns.map(([header]) => header);
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => (i === cells.length - 1 ? text : text.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  out.write(`${bold(line(headers), ctx.color)}\n`);
  for (const row of rows) {
    out.write(`${line(row)}\n`);
  }
  out.write(`${dim(`Page ${String(page.pageNumber ?? 1)} of ${String(page.pageCount ?? 1)}`, ctx.color)}\n`);
}
