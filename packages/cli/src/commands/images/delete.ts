import type { RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";

/** `peak images delete IMAGE_ID`: deletes an image and all its versions. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  await printResult(ctx, await client.deleteImage(ctx.positionals.IMAGE_ID as number, { signal: ctx.signal }));
  return 0;
}
