/**
 * Which rules could match a path, without running them all: a rule with a segment written without wildcards
 * (`node_modules`, `Dockerfile`) can only match paths that have that segment, and a rule like `*.py` only paths with
 * a segment ending in `.py`. Each rule is filed under the rarest such key it has; rules with none (`*`, `a*`) are
 * candidates for every path. With 10,000 rules this is what keeps a path from being run against each of them.
 */

import type { PatternKeys } from "./pathspec-pattern.js";

function lastDotSuffix(segment: string): string | undefined {
  const dot = segment.lastIndexOf(".");
  return dot === -1 ? undefined : segment.slice(dot);
}

/** Rule positions filed by key; every list ascending. */
export class RuleIndex {
  private readonly bySegment = new Map<string, number[]>();
  private readonly byExtension = new Map<string, number[]>();
  private readonly unkeyed: number[] = [];

  constructor(rules: ReadonlyArray<{ keys: PatternKeys }>) {
    const segmentCount = new Map<string, number>();
    const extensionCount = new Map<string, number>();
    for (const { keys } of rules) {
      for (const s of keys.literalSegments) {
        segmentCount.set(s, (segmentCount.get(s) ?? 0) + 1);
      }
      for (const e of keys.extensions) {
        extensionCount.set(e, (extensionCount.get(e) ?? 0) + 1);
      }
    }
    rules.forEach(({ keys }, position) => {
      let best: { map: Map<string, number[]>; key: string; count: number } | undefined;
      for (const key of keys.literalSegments) {
        const count = segmentCount.get(key)!;
        if (best === undefined || count < best.count) {
          best = { map: this.bySegment, key, count };
        }
      }
      for (const key of keys.extensions) {
        const count = extensionCount.get(key)!;
        if (best === undefined || count < best.count) {
          best = { map: this.byExtension, key, count };
        }
      }
      if (best === undefined) {
        this.unkeyed.push(position);
        return;
      }
      let list = best.map.get(best.key);
      if (list === undefined) {
        list = [];
        best.map.set(best.key, list);
      }
      list.push(position);
    });
  }

  /**
   * Calls `visit` with the position of every rule that could match `path`, highest first, until it returns true;
   * returns that position, or -1.
   */
  findLast(path: string, visit: (position: number) => boolean): number {
    const lists: number[][] = [this.unkeyed];
    const add = (list: number[] | undefined) => {
      if (list !== undefined && !lists.includes(list)) {
        lists.push(list);
      }
    };
    const segments = path.split("/");
    const last = segments[segments.length - 1]!;
    // Python's `$` also matches before a final newline, so `name\n` at the end may match a rule for `name`.
    if (last.endsWith("\n")) {
      segments.push(last.slice(0, -1));
    }
    for (const segment of segments) {
      add(this.bySegment.get(segment));
      const extension = lastDotSuffix(segment);
      if (extension !== undefined) {
        add(this.byExtension.get(extension));
      }
    }
    // A merge of the sorted lists from their ends: candidates come out highest first, each once.
    const heads = lists.map((list) => list.length - 1);
    let previous = -1;
    for (;;) {
      let best = -1;
      let from = -1;
      for (let k = 0; k < lists.length; k++) {
        const head = heads[k]!;
        if (head >= 0 && lists[k]![head]! > best) {
          best = lists[k]![head]!;
          from = k;
        }
      }
      if (best === -1) {
        return -1;
      }
      heads[from]!--;
      if (best !== previous) {
        previous = best;
        if (visit(best)) {
          return best;
        }
      }
    }
  }
}
