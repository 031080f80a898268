import type { Operation } from "./operations.js";
import type { Problem } from "./problems.js";

// Decimal digits without leading zeros, `-` only before a non-zero value: the one way to write each integer.
// Whether a negative value is allowed is the schema's `minimum`, checked next by the validator.
const canonical = /^(0|-?[1-9]\d*)$/;

function problemOf(raw: string): string | undefined {
  if (!canonical.test(raw)) {
    return "must be integer";
  }
  return Number.isSafeInteger(Number(raw)) ? undefined : "must be a safe integer (at most 9007199254740991)";
}

/**
 * Checks how integer parameters are written before the validator coerces them: ajv's coercion would take `1e0`,
 * `0x1`, `+1`, ` 1` or `01` for 1, and `1e400` for Infinity (which JSON then answers as null).
 */
export function checkWireIntegers(
  op: Operation,
  location: "path" | "query",
  values: Readonly<Record<string, unknown>>,
): Problem[] {
  const problems: Problem[] = [];
  for (const param of op.parameters) {
    const value = values[param.name];
    if (param.in !== location || !param.integer || value === undefined) {
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, index) => {
      const message = typeof item === "string" ? problemOf(item) : undefined;
      if (message !== undefined) {
        const at = Array.isArray(value) ? `[${index}]` : "";
        problems.push({ path: `${location}.${param.name}${at}`, message });
      }
    });
  }
  return problems;
}
