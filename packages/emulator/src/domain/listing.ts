import type { PageInfo, Tag } from "@peak-images/core";

/** True when no values are wanted (the filter is off) or the value is one of them. */
export function hasAny(value: unknown, wanted: unknown): boolean {
  return !Array.isArray(wanted) || wanted.length === 0 || wanted.includes(value);
}

/** True when no tags are wanted or one of the tags is. */
export function tagged(tags: Tag[] | undefined, wanted: unknown): boolean {
  if (!Array.isArray(wanted) || wanted.length === 0) {
    return true;
  }
  return (tags ?? []).some((t) => wanted.includes(t.name));
}

/** One page of a list, with the spec's page fields; `pageCount` is 0 when nothing matches. */
export function page<T>(items: T[], pageSize: number, pageNumber: number): PageInfo & { items: T[] } {
  const pageCount = Math.ceil(items.length / pageSize);
  const start = (pageNumber - 1) * pageSize;
  return { pageSize, pageNumber, pageCount, items: items.slice(start, start + pageSize) };
}
