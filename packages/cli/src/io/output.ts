import type { RunContext } from "../context.js";
import { colorJson } from "./color.js";

/** A JSON round trip: drops class internals (pages), undefined values and functions. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Writes a result on stdout in the `-o` format (json by default: 2-space indent, coloured on a TTY). */
export async function printResult(ctx: RunContext, value: unknown): Promise<void> {
  if (ctx.output === "yaml") {
    const { toPyYaml } = await import("./yaml-out.js");
    ctx.io.stdout.write(toPyYaml(plain(value)));
    return;
  }
  if (typeof value !== "object" || value === null) {
    // As the Python CLI: a value that is not an object or a list prints as plain text.
    ctx.io.stdout.write(`${String(value)}\n`);
    return;
  }
  const text = JSON.stringify(value, null, 2);
  ctx.io.stdout.write(`${ctx.color ? colorJson(text) : text}\n`);
}
