import type { BuildStatus } from "@peak-images/sdk";
import { list, num, type RunContext, str } from "../../context.js";
import { UsageError } from "../../errors.js";
import { openClient } from "../../session.js";
import { printPage } from "./_list.js";

function count(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^(-1|[1-9][0-9]{0,8})$/.test(text.trim())) {
    throw new UsageError(`--count must be a positive integer or -1 (all), got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** `peak images list-builds IMAGE_ID`: one page of an image's builds, newest first. */
export async function run(ctx: RunContext): Promise<number> {
  const options = {
    pageSize: num(ctx.flags, "page-size"),
    pageNumber: num(ctx.flags, "page-number"),
    count: count(str(ctx.flags, "count")),
    versionIds: list<number>(ctx.flags, "version-ids"),
    buildStatus: list<BuildStatus>(ctx.flags, "build-status"),
    dateFrom: str(ctx.flags, "date-from"),
    dateTo: str(ctx.flags, "date-to"),
    signal: ctx.signal,
  };
  const client = await openClient(ctx);
  const page = await client.listImageBuilds(ctx.positionals.IMAGE_ID as number, options);
  return printPage(ctx, page, async () => (await import("../../io/table.js")).BUILDS_TABLE);
}
