import type { BuildStatus, ImageScope, VersionStatus } from "@peak-images/sdk";
import { list, num, type RunContext, str } from "../../context.js";
import { openClient } from "../../session.js";
import { printPage } from "./_list.js";

/** `peak images list`: one page of images. */
export async function run(ctx: RunContext): Promise<number> {
  const client = await openClient(ctx);
  const page = await client.listImages({
    pageSize: num(ctx.flags, "page-size"),
    pageNumber: num(ctx.flags, "page-number"),
    name: str(ctx.flags, "name"),
    status: list<VersionStatus>(ctx.flags, "status"),
    scope: list<ImageScope>(ctx.flags, "scope"),
    lastBuildStatus: list<BuildStatus>(ctx.flags, "last-build-status"),
    tags: list<string>(ctx.flags, "tags"),
    signal: ctx.signal,
  });
  return printPage(ctx, page, async () => (await import("../../io/table.js")).IMAGES_TABLE);
}
