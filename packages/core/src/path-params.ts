import { ValidationError, type ValidationIssue } from "./errors.js";

const PATH_PARAM = /\{([^{}]+)\}/g;

/** Checks that an id is a positive integer (number or decimal string); returns its canonical text. */
export function checkId(name: string, value: unknown): string | ValidationIssue {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) {
    return String(value);
  }
  if (typeof value === "string" && /^[1-9][0-9]*$/.test(value) && Number.isSafeInteger(Number(value))) {
    return value;
  }
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  return { path: `path.${name}`, message: `must be a positive integer id, got ${shown}` };
}

/**
 * openapi-fetch path serializer that refuses anything but positive integer ids, so values such as `..`, `/`,
 * `""` or NaN can never change which route a request reaches.
 */
export function serializeIdPath(pathname: string, params: Record<string, unknown>): string {
  const issues: ValidationIssue[] = [];
  const url = pathname.replace(PATH_PARAM, (_match, name: string) => {
    const checked = checkId(name, params[name]);
    if (typeof checked === "string") {
      return checked;
    }
    issues.push(checked);
    return "";
  });
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
  return url;
}
