import type { BuildStatus, VersionStatus } from "@peak-images/sdk";
import { list, num, type RunContext, str } from "../../context.js";
import { openClient } from "../../session.js";
import { printPage } from "./_list.js";

/** `peak images list-versions IMAGE_ID`: one page of an image's versions. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const page = await client.listImageVersions(ctx.positionals.IMAGE_ID as number, {
    pageSize: num(ctx.flags, "page-size"),
    pageNumber: num(ctx.flags, "page-number"),
    version: str(ctx.flags, "version"),
    status: list<VersionStatus>(ctx.flags, "status"),
    lastBuildStatus: list<BuildStatus>(ctx.flags, "last-build-status"),
    tags: list<string>(ctx.flags, "tags"),
    signal: ctx.signal,
  });
  return printPage(ctx, page, async () => (await import("../../io/table.js")).VERSIONS_TABLE);
}
