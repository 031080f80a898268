import { num, type RunContext, str } from "../../context.js";
import { UsageError } from "../../errors.js";
import { printResult } from "../../io/output.js";
import { openClient } from "../../session.js";
import { formatLogLine } from "./_wait.js";

/** `peak images get-build-logs --image-id --build-id`: one page, every line with --follow, or a file with --save. */
export async function run(ctx: RunContext): Promise<number> {
  const imageId = num(ctx.flags, "image-id")!;
  const buildId = num(ctx.flags, "build-id")!;
  const { follow, save } = ctx.flags;
  if (follow && save) {
    throw new UsageError("give either --follow or --save, not both");
  }
  if (str(ctx.flags, "file-name") !== undefined && !save) {
    throw new UsageError("--file-name goes with --save");
  }
  const client = await openClient(ctx);
  if (save) {
    const file = await client.saveBuildLogs(imageId, buildId, {
      fileName: str(ctx.flags, "file-name"),
      signal: ctx.signal,
    });
    ctx.io.stdout.write(`Log contents have been saved to: ${file}\n`);
    return 0;
  }
  if (follow) {
    for await (const entry of client.followBuildLogs(imageId, buildId, {
      nextToken: str(ctx.flags, "next-token"),
      signal: ctx.signal,
    })) {
      ctx.io.stdout.write(`${formatLogLine(entry)}\n`);
    }
    return 0;
  }
  const page = await client.getBuildLogs(imageId, buildId, {
    nextToken: str(ctx.flags, "next-token"),
    signal: ctx.signal,
  });
  await printResult(ctx, page);
  return 0;
}
