import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { isGlob, segmentMatcher } from "@peak-images/dockerfile";
import type { ArtifactIndex } from "./artifact.js";
import { maxGlobSegmentLength } from "./limits.js";

/** Thrown when matching has spent its comparisons. */
export class MatchBudgetExceeded extends Error {
  override name = "MatchBudgetExceeded";
}

/** Thrown for a glob segment longer than the emulator matches (its cost grows with its length). */
export class GlobSegmentTooLong extends Error {
  override name = "GlobSegmentTooLong";
}

/**
 * The comparisons one build may spend on globs. Spending also yields to the event loop every few milliseconds, so
 * a build with thousands of globs over a large zip never holds up other requests.
 */
export class MatchBudget {
  private used = 0;
  private sliceStarted = performance.now();

  constructor(readonly limit: number) {}

  /** Counts `n` comparisons; throws once the limit is passed. */
  async spend(n: number): Promise<void> {
    this.used += n;
    if (this.used > this.limit) {
      throw new MatchBudgetExceeded(`more than ${this.limit.toLocaleString("en-US")} comparisons`);
    }
    if (performance.now() - this.sliceStarted > 8) {
      await yieldToEventLoop();
      this.sliceStarted = performance.now();
    }
  }
}

const child = (dir: string, name: string): string => (dir === "" ? name : `${dir}/${name}`);

// Matching a segment against a name costs up to their lengths multiplied: a comparison counts once per 256 of
// that product (a typical one counts once), so long patterns cannot spend more time than the budget allows.
const cost = (segment: string, name: string): number => Math.ceil(((segment.length + 1) * (name.length + 1)) / 256);

// The folders (and files, when `files`) a `**` reaches from `reached`: themselves and everything below.
async function descend(index: ArtifactIndex, reached: readonly string[], files: boolean, budget: MatchBudget) {
  const seen = new Set(reached);
  const queue = [...reached];
  const out = [...reached];
  for (let at = 0; at < queue.length; at++) {
    const dir = queue[at]!;
    const names = index.children.get(dir) ?? [];
    await budget.spend(names.length);
    for (const name of names) {
      const path = child(dir, name);
      if (seen.has(path)) {
        continue;
      }
      seen.add(path);
      if (index.dirs.has(path)) {
        queue.push(path);
        out.push(path);
      } else if (files) {
        out.push(path);
      }
    }
  }
  return out;
}

/**
 * True when a COPY/ADD source (already joined with the context) names a file or folder of the artifact. A source
 * without wildcards is one lookup. A glob is matched a segment at a time down the folder tree, each segment with
 * Go's `filepath.Match` (from @peak-images/dockerfile): a literal segment is one lookup per folder reached, a
 * wildcard one tests the children of those folders, and `**` reaches every folder below them (themselves
 * included); every test is spent from the build's budget.
 */
export async function sourceExists(index: ArtifactIndex, path: string, budget: MatchBudget): Promise<boolean> {
  if (path === "") {
    return true;
  }
  if (!isGlob(path)) {
    return index.files.has(path) || index.dirs.has(path);
  }
  const segments = path.split("/");
  // Segments from here on are all `**`, which may match no folder: a file can end the path at any of them.
  let tail = segments.length;
  while (tail > 0 && segments[tail - 1] === "**") {
    tail--;
  }
  let reached = [""];
  for (const [depth, segment] of segments.entries()) {
    const last = depth + 1 >= tail;
    if (segment === "**") {
      reached = await descend(index, reached, last, budget);
      continue;
    }
    // Only folders lead further down; the last segment may name a file too.
    const keeps = (candidate: string) => index.dirs.has(candidate) || (last && index.files.has(candidate));
    const next: string[] = [];
    if (!/[*?[\\]/.test(segment)) {
      await budget.spend(reached.length);
      for (const dir of reached) {
        if (keeps(child(dir, segment))) {
          next.push(child(dir, segment));
        }
      }
    } else {
      if (segment.length > maxGlobSegmentLength) {
        throw new GlobSegmentTooLong(
          `a glob segment of ${segment.length.toLocaleString("en-US")} characters, more than the emulator's limit of ` +
            maxGlobSegmentLength.toLocaleString("en-US"),
        );
      }
      // A malformed segment (Go's ErrBadPattern) matches nothing.
      const matches = segmentMatcher(segment) ?? (() => false);
      for (const dir of reached) {
        const names = index.children.get(dir) ?? [];
        await budget.spend(names.reduce((n, name) => n + cost(segment, name), 0));
        for (const name of names) {
          if (matches(name) && keeps(child(dir, name))) {
            next.push(child(dir, name));
          }
        }
      }
    }
    if (next.length === 0) {
      return false;
    }
    reached = next;
  }
  // A glob never names the context itself (`**` reaches it, but with nothing in it nothing matches).
  return reached.some((found) => found !== "");
}
