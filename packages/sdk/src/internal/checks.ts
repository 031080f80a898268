import { checkId, ValidationError, type ValidationIssue } from "@peak-images/core";

/** Throws one ValidationError listing every bad id, before any work (an upload is zipped only after this). */
export function checkIds(ids: Record<string, unknown>): void {
  const issues = Object.entries(ids)
    .map(([name, value]) => checkId(name, value))
    .filter((checked): checked is ValidationIssue => typeof checked !== "string");
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
}

/** Checks a non-empty list of ids (a query parameter, so the paths are `versionIds[i]`). */
export function checkIdList(name: string, ids: readonly unknown[]): void {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new ValidationError([{ path: name, message: "must list at least one id" }]);
  }
  const issues = ids.flatMap((id, index) => {
    const checked = checkId(name, id);
    return typeof checked === "string" ? [] : [{ path: `${name}[${index}]`, message: checked.message }];
  });
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
}

/** Checks optional paging numbers: positive safe integers. */
export function checkPaging(options: { pageSize?: number | undefined; pageNumber?: number | undefined }): void {
  const issues: ValidationIssue[] = [];
  for (const name of ["pageSize", "pageNumber"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      issues.push({ path: `options.${name}`, message: `must be a positive integer, got ${String(value)}` });
    }
  }
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
}

/** A single value or a list, as list filters accept, always as a list (or undefined). */
export function list<T>(value: T | readonly T[] | undefined): T[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/** A duration option in seconds: finite and >= 0, else ValidationError; the fallback when absent. */
export function seconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValidationError([
      { path: `options.${name}`, message: `must be a number of seconds >= 0, got ${String(value)}` },
    ]);
  }
  return value;
}
