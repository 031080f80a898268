// Generated from packages/core/package.json by `pnpm generate`; do not edit.
// Regenerate after changing the version; CI runs `pnpm check:generated` and fails when this file is stale.

/** This package's version, sent in the User-Agent. */
export const VERSION = "0.1.0";
