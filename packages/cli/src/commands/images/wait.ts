import { num, type RunContext } from "../../context.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";
import { waitForBuild } from "./_wait.js";

/** `peak images wait --image-id --build-id`: waits for the build; exit 1 with the last log lines if it failed. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const outcome = await waitForBuild(
    ctx,
    client,
    num(ctx.flags, "image-id")!,
    num(ctx.flags, "build-id")!,
    ctx.flags.follow === true,
  );
  await printResult(ctx, outcome);
  return 0;
}
