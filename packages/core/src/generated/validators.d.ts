// Generated from spec/openapi.yaml by `pnpm generate`; do not edit.
// Regenerate after changing the spec; CI runs `pnpm check:generated` and fails when this file is stale.

/** One failure reported by a generated check (ajv's error object). */
export interface GeneratedError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A generated check: returns whether the data is valid and leaves the failures in `errors`. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedError[] | null;
}

/** A property that is one of several object shapes, told apart by the value of `key`. */
export interface VariantCheck {
  key: string;
  /** The branch used when the data has no `key`. */
  fallback: string | undefined;
  validators: Record<string, GeneratedValidator>;
}

/** The checks of one operation's multipart body (the artifact excluded). */
export interface RequestBodyCheck {
  validate: GeneratedValidator;
  variants: Record<string, VariantCheck>;
}

/** Operations whose request body is multipart. */
export type MultipartOperation = "createImage" | "createVersion" | "updateVersion";

/** Per operation: the body check, and the branch checks of each variant property. */
export declare const requestBodies: Record<MultipartOperation, RequestBodyCheck>;
