import { num, type RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";

/** `peak images describe-version --image-id --version-id`: one version. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const version = await client.describeVersion(num(ctx.flags, "image-id")!, num(ctx.flags, "version-id")!, {
    signal: ctx.signal,
  });
  await printResult(ctx, version);
  return 0;
}
