import type { Problem } from "../spec/problems.js";

/** An answer other than success: the status, the spec's `{detail, errors?}` body and extra headers. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: Problem[] | undefined = undefined,
  ) {
    super(detail);
  }

  /** The body the spec's `Error` schema describes. */
  body(): { detail: string; errors?: Problem[] } {
    return this.errors === undefined ? { detail: this.detail } : { detail: this.detail, errors: this.errors };
  }
}

/** 400 for a single problem at a path. */
export function badRequest(path: string, message: string): ApiError {
  return new ApiError(400, `${path}: ${message}`, [{ path, message }]);
}
