import type {
  Build,
  BuildPage,
  BuildStatus,
  Image,
  ImagePage,
  ImageScope,
  ImageVersion,
  VersionPage,
  VersionStatus,
} from "@peak-images/core";
import { checkIds, checkPaging, list } from "../internal/checks.js";
import type { ClientContext } from "../internal/context.js";
import { PagePromise } from "../internal/pagination.js";
import { dataOf } from "../internal/result.js";

/** One value or several. */
type OneOrMany<T> = T | readonly T[];

/** Paging shared by the three lists: `pageSize` items per request, starting at `pageNumber` (default 1). */
export interface PagingOptions {
  /** Items per request (the service's default is 25). */
  pageSize?: number | undefined;
  /** The page to return when awaited, and where iteration starts (default 1). */
  pageNumber?: number | undefined;
  /** Aborts the requests of this list. */
  signal?: AbortSignal | undefined;
}

/** Filters of {@link ImageClient.listImages}. */
export interface ListImagesOptions extends PagingOptions {
  /** Search term matched against image names and versions (the wire's `searchTerm`). */
  name?: string | undefined;
  /** Status of the latest version. */
  status?: OneOrMany<VersionStatus> | undefined;
  /** `global` (Peak's) or `custom` (the tenant's) images. */
  scope?: OneOrMany<ImageScope> | undefined;
  /** Last build status of the latest version. */
  lastBuildStatus?: OneOrMany<BuildStatus> | undefined;
  /** Tag names of the latest version. */
  tags?: OneOrMany<string> | undefined;
}

/** Filters of {@link ImageClient.listImageVersions}. */
export interface ListImageVersionsOptions extends PagingOptions {
  /** Search term matched against versions (the wire's `searchTerm`). */
  version?: string | undefined;
  status?: OneOrMany<VersionStatus> | undefined;
  lastBuildStatus?: OneOrMany<BuildStatus> | undefined;
  tags?: OneOrMany<string> | undefined;
}

/** Filters of {@link ImageClient.listImageBuilds}. */
export interface ListImageBuildsOptions extends PagingOptions {
  /** Builds started at or after this instant (service default: 90 days ago). */
  dateFrom?: string | Date | undefined;
  /** Builds started at or before this instant (service default: now). */
  dateTo?: string | Date | undefined;
  /** Keep this many of the latest matching builds; -1 (the default sent, as peak-sdk) keeps all. */
  count?: number | undefined;
  /** Only builds of these version ids (the wire's `versions`). */
  versionIds?: OneOrMany<number> | undefined;
  buildStatus?: OneOrMany<BuildStatus> | undefined;
}

function instant(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/** Lists images: await for one page, `for await` for every image. */
export function listImages(ctx: ClientContext, options: ListImagesOptions = {}): PagePromise<ImagePage, Image> {
  const fetch = async (pageNumber: number | undefined) => {
    checkPaging(options);
    return dataOf(
      await ctx.api.GET("/images", {
        params: {
          query: {
            pageSize: options.pageSize,
            pageNumber,
            searchTerm: options.name,
            status: list(options.status),
            scope: list(options.scope),
            lastBuildStatus: list(options.lastBuildStatus),
            tags: list(options.tags),
          },
        },
        signal: options.signal,
      }),
    );
  };
  return new PagePromise<ImagePage, Image>(fetch, "images", options.pageNumber);
}

/** Lists the versions of an image: await for one page, `for await` for every version. */
export function listImageVersions(
  ctx: ClientContext,
  imageId: number,
  options: ListImageVersionsOptions = {},
): PagePromise<VersionPage, ImageVersion> {
  const fetch = async (pageNumber: number | undefined) => {
    checkIds({ imageId });
    checkPaging(options);
    return dataOf(
      await ctx.api.GET("/images/{imageId}/versions", {
        params: {
          path: { imageId },
          query: {
            pageSize: options.pageSize,
            pageNumber,
            searchTerm: options.version,
            status: list(options.status),
            lastBuildStatus: list(options.lastBuildStatus),
            tags: list(options.tags),
          },
        },
        signal: options.signal,
      }),
    );
  };
  return new PagePromise<VersionPage, ImageVersion>(fetch, "versions", options.pageNumber);
}

/** Lists the builds of an image, newest first: await for one page, `for await` for every build. */
export function listImageBuilds(
  ctx: ClientContext,
  imageId: number,
  options: ListImageBuildsOptions = {},
): PagePromise<BuildPage, Build> {
  const fetch = async (pageNumber: number | undefined) => {
    checkIds({ imageId });
    checkPaging(options);
    return dataOf(
      await ctx.api.GET("/images/{imageId}/builds", {
        params: {
          path: { imageId },
          query: {
            pageSize: options.pageSize,
            pageNumber,
            dateFrom: instant(options.dateFrom),
            dateTo: instant(options.dateTo),
            count: options.count,
            versions: list(options.versionIds),
            buildStatus: list(options.buildStatus),
          },
        },
        signal: options.signal,
      }),
    );
  };
  return new PagePromise<BuildPage, Build>(fetch, "builds", options.pageNumber);
}
