import { num, type RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";

/** `peak images delete-version --image-id --version-id`: deletes one version. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const result = await client.deleteVersion(num(ctx.flags, "image-id")!, num(ctx.flags, "version-id")!, {
    signal: ctx.signal,
  });
  await printResult(ctx, result);
  return 0;
}
