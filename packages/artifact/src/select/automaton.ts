/**
 * A position (Glushkov) automaton for the small regular language pathspec's regexes use, simulated over a string
 * with a set of live positions. No backtracking: matching costs at most (characters x transitions), whatever the
 * pattern, where the regex engine took exponential time on `a*a*a*a*a*a*a*a*b` against a long run of `a`.
 */

/** What one position consumes: a code point, anything but `/`, anything but `\n`, or a bracket class. */
export type CharTest =
  | { readonly kind: "char"; readonly code: number }
  | { readonly kind: "not-slash" }
  | { readonly kind: "not-newline" }
  | { readonly kind: "class"; readonly negated: boolean; readonly ranges: readonly number[] };

/** A regular expression over those tests. */
export type Node =
  | { readonly kind: "test"; readonly test: CharTest }
  | { readonly kind: "seq"; readonly items: readonly Node[] }
  | { readonly kind: "optional"; readonly item: Node }
  | { readonly kind: "star"; readonly item: Node }
  | { readonly kind: "plus"; readonly item: Node };

const SLASH = 0x2f;
const NEWLINE = 0x0a;

// Test kinds as small integers, so the inner loop switches on a number.
const CHAR = 0;
const NOT_SLASH = 1;
const NOT_NEWLINE = 2;
const CLASS = 3;

interface Parts {
  nullable: boolean;
  first: number[];
  last: number[];
}

/** A compiled automaton; build it with {@link compileAutomaton}. */
export class Automaton {
  /** Per position: kind, and the code point for CHAR. */
  private readonly kinds: Uint8Array;
  private readonly codes: Int32Array;
  private readonly classes: Array<{ negated: boolean; ranges: readonly number[] } | undefined>;
  /** Positions reachable from the start, and from each position. */
  private readonly first: Int32Array;
  private readonly follow: Int32Array[];
  private readonly accepting: Uint8Array;
  private readonly nullable: boolean;
  // Scratch state sets, reused by every run (matching is synchronous, so runs never overlap).
  private current: Int32Array;
  private next: Int32Array;
  private readonly seen: Uint32Array;
  private generation = 0;
  // Live positions after the last run, in `current`.
  private liveCount = 0;

  constructor(tests: CharTest[], first: number[], follow: number[][], last: number[], nullable: boolean) {
    const n = tests.length;
    this.kinds = new Uint8Array(n);
    this.codes = new Int32Array(n);
    this.classes = new Array(n);
    tests.forEach((test, i) => {
      if (test.kind === "char") {
        this.kinds[i] = CHAR;
        this.codes[i] = test.code;
      } else if (test.kind === "not-slash") {
        this.kinds[i] = NOT_SLASH;
      } else if (test.kind === "not-newline") {
        this.kinds[i] = NOT_NEWLINE;
      } else {
        this.kinds[i] = CLASS;
        this.classes[i] = { negated: test.negated, ranges: test.ranges };
      }
    });
    this.first = Int32Array.from(first);
    this.follow = follow.map((f) => Int32Array.from(f));
    this.accepting = new Uint8Array(n);
    for (const p of last) {
      this.accepting[p] = 1;
    }
    this.nullable = nullable;
    this.current = new Int32Array(n);
    this.next = new Int32Array(n);
    this.seen = new Uint32Array(n);
  }

  /** Number of positions plus transitions: a run costs at most this much per character. */
  get size(): number {
    return this.follow.reduce((sum, f) => sum + f.length, this.first.length);
  }

  private accepts(p: number, c: number): boolean {
    switch (this.kinds[p]) {
      case CHAR:
        return this.codes[p] === c;
      case NOT_SLASH:
        return c !== SLASH;
      case NOT_NEWLINE:
        return c !== NEWLINE;
      default: {
        const cls = this.classes[p]!;
        let inside = false;
        for (let k = 0; k < cls.ranges.length; k += 2) {
          if (c >= cls.ranges[k]! && c <= cls.ranges[k + 1]!) {
            inside = true;
            break;
          }
        }
        return inside !== cls.negated;
      }
    }
  }

  /**
   * Runs over `text` from its start. `mode` "full": true when the whole text matches, or all of it but a final
   * `\n` (Python's `$`); "exact": the whole text only; "prefix": true when some continuation could still match.
   * `budget`, when given, counts the transitions examined (tests use it to check the work is linear).
   */
  run(text: string, mode: "full" | "exact" | "prefix", budget?: { steps: number }): boolean {
    let live = 0;
    let consumed = false;
    const end = text.length;
    for (let i = 0; i < end; ) {
      let c = text.charCodeAt(i);
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (mode === "full" && c === NEWLINE && i + 1 === end && this.isAccepting(live, consumed)) {
        return true;
      }
      const generation = ++this.generation;
      let count = 0;
      const from = consumed ? live : 1;
      for (let s = 0; s < from; s++) {
        const targets = consumed ? this.follow[this.current[s]!]! : this.first;
        if (budget !== undefined) {
          budget.steps += targets.length;
        }
        for (let t = 0; t < targets.length; t++) {
          const q = targets[t]!;
          if (this.seen[q] !== generation) {
            this.seen[q] = generation;
            if (this.accepts(q, c)) {
              this.next[count++] = q;
            }
          }
        }
      }
      const swap = this.current;
      this.current = this.next;
      this.next = swap;
      live = count;
      this.liveCount = count;
      consumed = true;
      if (live === 0) {
        return false;
      }
      i += width;
    }
    return mode === "prefix" ? live > 0 || !consumed : this.isAccepting(live, consumed);
  }

  /**
   * True when every non-empty continuation of `text` without a newline matches: some live position leads to an
   * accepting "anything but newline" position that repeats (the `.*` pathspec ends a folder pattern with).
   */
  acceptsAllAfter(text: string): boolean {
    if (text.length === 0 || !this.run(text, "prefix")) {
      return false;
    }
    for (let s = 0; s < this.liveCount; s++) {
      for (const q of this.follow[this.current[s]!]!) {
        if (this.kinds[q] === NOT_NEWLINE && this.accepting[q] === 1 && this.follow[q]!.includes(q)) {
          return true;
        }
      }
    }
    return false;
  }

  private isAccepting(live: number, consumed: boolean): boolean {
    if (!consumed) {
      return this.nullable;
    }
    for (let s = 0; s < live; s++) {
      if (this.accepting[this.current[s]!] === 1) {
        return true;
      }
    }
    return false;
  }
}

/** Builds the position automaton of `node` (Glushkov's construction). */
export function compileAutomaton(node: Node): Automaton {
  const tests: CharTest[] = [];
  const follow: Array<Set<number>> = [];
  const link = (from: readonly number[], to: readonly number[]) => {
    for (const p of from) {
      for (const q of to) {
        follow[p]!.add(q);
      }
    }
  };
  const build = (n: Node): Parts => {
    switch (n.kind) {
      case "test": {
        const p = tests.length;
        tests.push(n.test);
        follow.push(new Set());
        return { nullable: false, first: [p], last: [p] };
      }
      case "seq": {
        let acc: Parts = { nullable: true, first: [], last: [] };
        for (const item of n.items) {
          const part = build(item);
          link(acc.last, part.first);
          acc = {
            nullable: acc.nullable && part.nullable,
            first: acc.nullable ? [...acc.first, ...part.first] : acc.first,
            last: part.nullable ? [...acc.last, ...part.last] : part.last,
          };
        }
        return acc;
      }
      case "optional":
        return { ...build(n.item), nullable: true };
      case "star":
      case "plus": {
        const part = build(n.item);
        link(part.last, part.first);
        return { ...part, nullable: n.kind === "star" || part.nullable };
      }
    }
  };
  const parts = build(node);
  return new Automaton(
    tests,
    [...new Set(parts.first)],
    follow.map((f) => [...f]),
    parts.last,
    parts.nullable,
  );
}

/** Helpers that build nodes. */
export const nodes = {
  char: (ch: string): Node => ({ kind: "test", test: { kind: "char", code: ch.codePointAt(0)! } }),
  notSlash: { kind: "test", test: { kind: "not-slash" } } as Node,
  notNewline: { kind: "test", test: { kind: "not-newline" } } as Node,
  seq: (...items: Node[]): Node => ({ kind: "seq", items }),
  optional: (item: Node): Node => ({ kind: "optional", item }),
  star: (item: Node): Node => ({ kind: "star", item }),
  plus: (item: Node): Node => ({ kind: "plus", item }),
};
