import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ArtifactIndex } from "./artifact.js";

/** Joins and normalises a path inside the context; undefined when it climbs out of it. */
export function joinInside(base: string, relative: string): string | undefined {
  const out: string[] = [];
  for (const part of `${base}/${relative}`.split("/")) {
    if (part === "" || part === ".") {
      continue;
    }
    if (part === "..") {
      if (out.length === 0) {
        return undefined;
      }
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join("/");
}

/** Thrown when matching has spent its comparisons. */
export class MatchBudgetExceeded extends Error {
  override name = "MatchBudgetExceeded";
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

const magic = /[*?[]/;
const magicOrEscape = /[*?[\\]/;

/** Go's filepath.Match syntax (`*`, `?`, `[...]`) for one path segment, as Docker matches COPY sources. */
function segmentPattern(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? "";
    if (c === "*") {
      source += "[^/]*";
    } else if (c === "?") {
      source += "[^/]";
    } else if (c === "[") {
      const end = segment.indexOf("]", i + 1);
      if (end === -1) {
        source += "\\[";
      } else {
        const body = segment.slice(i + 1, end).replace(/^\^/, "!");
        source += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < segment.length) {
      i++;
      source += (segment[i] ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

const child = (dir: string, name: string): string => (dir === "" ? name : `${dir}/${name}`);

/**
 * True when a COPY/ADD source (already joined with the context) names a file or folder of the artifact. Globs are
 * matched a segment at a time down the folder tree: a literal segment is one lookup, a wildcard one tests the
 * children of the folders reached so far, each test spent from the build's budget.
 */
export async function sourceExists(index: ArtifactIndex, path: string, budget: MatchBudget): Promise<boolean> {
  if (path === "") {
    return true;
  }
  if (!magic.test(path)) {
    return index.files.has(path) || index.dirs.has(path);
  }
  const segments = path.split("/");
  let reached = [""];
  for (const [depth, segment] of segments.entries()) {
    const last = depth === segments.length - 1;
    // Only folders lead further down; the last segment may name a file too.
    const keeps = (candidate: string) => index.dirs.has(candidate) || (last && index.files.has(candidate));
    const next: string[] = [];
    if (!magicOrEscape.test(segment)) {
      await budget.spend(reached.length);
      for (const dir of reached) {
        if (keeps(child(dir, segment))) {
          next.push(child(dir, segment));
        }
      }
    } else {
      const pattern = segmentPattern(segment);
      for (const dir of reached) {
        const names = index.children.get(dir) ?? [];
        await budget.spend(names.length);
        for (const name of names) {
          if (pattern.test(name) && keeps(child(dir, name))) {
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
  return true;
}
