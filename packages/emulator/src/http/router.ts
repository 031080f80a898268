import type { Operation } from "../spec/operations.js";

/** Where a request path leads. */
export type RouteMatch =
  | { kind: "operation"; operation: Operation; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

/** Matches request paths (relative to the API base path) against the spec's path templates. */
export class Router {
  constructor(private readonly operations: readonly Operation[]) {}

  /**
   * Finds the operation for a method and a path below the base path. A trailing slash is ignored, because the
   * Python SDK sends `/images/` where the spec names `/images` and the service answers both.
   */
  match(method: string, path: string): RouteMatch {
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    const allowed: string[] = [];
    for (const operation of this.operations) {
      const found = operation.pattern.exec(trimmed);
      if (found === null) {
        continue;
      }
      if (operation.method !== method) {
        allowed.push(operation.method);
        continue;
      }
      const params: Record<string, string> = {};
      operation.pathParamNames.forEach((name, index) => {
        const raw = found[index + 1] ?? "";
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          // A malformed escape is left as sent; the validator then reports it as a bad parameter.
          params[name] = raw;
        }
      });
      return { kind: "operation", operation, params };
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}
