import type { RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";

/** `peak images describe IMAGE_ID`: an image and its latest version. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  await printResult(ctx, await client.describeImage(ctx.positionals.IMAGE_ID as number, { signal: ctx.signal }));
  return 0;
}
