import { list, num, type RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";

/** `peak images delete-versions --image-id --version-ids`: deletes several versions, all or nothing. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const result = await client.deleteVersions(num(ctx.flags, "image-id")!, list<number>(ctx.flags, "version-ids")!, {
    signal: ctx.signal,
  });
  await printResult(ctx, result);
  return 0;
}
