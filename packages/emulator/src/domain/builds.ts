import type { BuildPage } from "@peak-images/core";
import type { OperationHandler } from "./context.js";
import { badRequest } from "./errors.js";
import { hasAny, page } from "./listing.js";
import { logPage } from "./logs.js";
import { findBuild, findImage } from "./lookup.js";
import type { BuildRecord } from "./records.js";
import { buildView } from "./views.js";

const dayMs = 86_400_000;

/**
 * `listImageBuilds`: newest first, started between `dateFrom` (default 90 days ago) and `dateTo` (default now),
 * filtered by version ids and status; `count` then keeps that many of the latest (-1: all).
 */
export const listImageBuilds: OperationHandler = (ctx, req) => {
  const image = findImage(ctx, req.params);
  const q = req.query;
  const now = Date.now();
  const from = typeof q.dateFrom === "string" ? Date.parse(q.dateFrom) : now - 90 * dayMs;
  const to = typeof q.dateTo === "string" ? Date.parse(q.dateTo) : now;
  if (from > to) {
    throw badRequest("query.dateFrom", "must not be after dateTo");
  }
  const builds: BuildRecord[] = [];
  for (const version of ctx.state.versionsOf(image)) {
    for (const buildId of version.buildIds) {
      const build = ctx.state.builds.get(buildId);
      if (build !== undefined && build.startedMs >= from && build.startedMs <= to) {
        builds.push(build);
      }
    }
  }
  builds.sort((a, b) => b.id - a.id);
  const filtered = builds.filter((b) => hasAny(b.versionId, q.versions) && hasAny(b.status, q.buildStatus));
  const count = q.count as number;
  const considered = count >= 0 ? filtered.slice(0, count) : filtered;
  const { items, ...info } = page(considered, q.pageSize as number, q.pageNumber as number);
  const body: BuildPage = { buildCount: considered.length, ...info, builds: items.map(buildView) };
  return { status: 200, body };
};

/** `getBuildLogs`: one page of a build's log. */
export const getBuildLogs: OperationHandler = (ctx, req) => {
  const build = findBuild(ctx, req.params);
  const token = typeof req.query.nextToken === "string" ? req.query.nextToken : undefined;
  return { status: 200, body: logPage(build, token, ctx.logPageSize, Date.now()) };
};

/** `downloadBuildLogs`: a pre-signed link to the whole log, served by the emulator itself. */
export const downloadBuildLogs: OperationHandler = (ctx, req) => ({
  status: 200,
  body: { downloadUrl: ctx.links.url(req.origin, findBuild(ctx, req.params)) },
});
