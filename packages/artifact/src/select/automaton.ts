/**
 * A position (Glushkov) automaton for the small regular language pathspec's regexes use, simulated over a string
 * with a set of live positions. No backtracking: matching costs at most (characters x transitions), whatever the
 * pattern, where the regex engine took exponential time on `a*a*a*a*a*a*a*a*b` against a long run of `a`.
 * An automaton is two small typed arrays, so 10,000 rules stay a few MB.
 */

/** What one position consumes: a code point, anything but `/`, anything but `\n`, or a bracket class. */
export type CharTest =
  | { readonly kind: "char"; readonly code: number }
  | { readonly kind: "not-slash" }
  | { readonly kind: "not-newline" }
  | { readonly kind: "class"; readonly negated: boolean; readonly ranges: readonly number[] };

/** A regular expression over those tests; `literal` is a run of plain characters (one position each). */
export type Node =
  | { readonly kind: "test"; readonly test: CharTest }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "seq"; readonly items: readonly Node[] }
  | { readonly kind: "optional"; readonly item: Node }
  | { readonly kind: "star"; readonly item: Node }
  | { readonly kind: "plus"; readonly item: Node };

const SLASH = 0x2f;
const NEWLINE = 0x0a;

// A position packs into one int: bits 0-1 the kind, bit 2 "accepting", bits 3+ the code point (CHAR) or the class
// number (CLASS).
const CHAR = 0;
const NOT_SLASH = 1;
const NOT_NEWLINE = 2;
const CLASS = 3;
const ACCEPTING = 4;

// Scratch state sets shared by every automaton: matching is synchronous, so runs never overlap.
let current = new Int32Array(64);
let next = new Int32Array(64);
let seen = new Uint32Array(64);
let generation = 0;
let liveCount = 0;

function ensureScratch(positions: number): void {
  if (current.length < positions) {
    const size = Math.max(positions, current.length * 2);
    current = new Int32Array(size);
    next = new Int32Array(size);
    seen = new Uint32Array(size);
    generation = 0;
  }
}

/** A compiled automaton; build it with {@link compileAutomaton}. */
export class Automaton {
  /**
   * `graph` holds, for n positions: n + 2 offsets, then the start's targets, then each position's targets
   * (targets of the start are graph[graph[0] .. graph[1]), of position p graph[graph[p + 1] .. graph[p + 2])).
   */
  private constructor(
    private readonly positions: Int32Array,
    private readonly graph: Int32Array,
    private readonly classes: ReadonlyArray<{ negated: boolean; ranges: readonly number[] }>,
    private readonly nullable: boolean,
  ) {}

  /** Packs a built automaton. */
  static pack(tests: CharTest[], first: number[], follow: number[][], last: number[], nullable: boolean): Automaton {
    const n = tests.length;
    const classes: Array<{ negated: boolean; ranges: readonly number[] }> = [];
    const positions = new Int32Array(n);
    tests.forEach((test, p) => {
      if (test.kind === "char") {
        positions[p] = CHAR | (test.code << 3);
      } else if (test.kind === "not-slash") {
        positions[p] = NOT_SLASH;
      } else if (test.kind === "not-newline") {
        positions[p] = NOT_NEWLINE;
      } else {
        positions[p] = CLASS | (classes.length << 3);
        classes.push({ negated: test.negated, ranges: test.ranges });
      }
    });
    for (const p of last) {
      positions[p]! |= ACCEPTING;
    }
    const lists = [first, ...follow];
    const graph = new Int32Array(n + 2 + lists.reduce((sum, list) => sum + list.length, 0));
    let at = n + 2;
    lists.forEach((list, k) => {
      graph[k] = at;
      graph.set(list, at);
      at += list.length;
    });
    graph[n + 1] = at;
    return new Automaton(positions, graph, classes, nullable);
  }

  /** Positions plus transitions: a run costs at most this much per character. */
  get size(): number {
    return this.graph.length;
  }

  private accepts(p: number, c: number): boolean {
    const packed = this.positions[p]!;
    switch (packed & 3) {
      case CHAR:
        return packed >>> 3 === c;
      case NOT_SLASH:
        return c !== SLASH;
      case NOT_NEWLINE:
        return c !== NEWLINE;
      default: {
        const cls = this.classes[packed >>> 3]!;
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
    ensureScratch(this.positions.length);
    const { graph } = this;
    let live = -1;
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
      if (mode === "full" && c === NEWLINE && i + 1 === end && this.isAccepting(live)) {
        return true;
      }
      if (generation === 0xfffffffe) {
        seen.fill(0);
        generation = 0;
      }
      const gen = ++generation;
      let count = 0;
      // live === -1: nothing consumed yet, so the only state is the start (slot 0 of the graph).
      const sources = live === -1 ? 1 : live;
      for (let s = 0; s < sources; s++) {
        const slot = live === -1 ? 0 : current[s]! + 1;
        const from = graph[slot]!;
        const to = graph[slot + 1]!;
        if (budget !== undefined) {
          budget.steps += to - from;
        }
        for (let t = from; t < to; t++) {
          const q = graph[t]!;
          if (seen[q] !== gen) {
            seen[q] = gen;
            if (this.accepts(q, c)) {
              next[count++] = q;
            }
          }
        }
      }
      const swap = current;
      current = next;
      next = swap;
      live = count;
      liveCount = count;
      if (live === 0) {
        return false;
      }
      i += width;
    }
    return mode === "prefix" ? live !== 0 : this.isAccepting(live);
  }

  /**
   * True when every non-empty continuation of `text` without a newline matches: some live position leads to an
   * accepting "anything but newline" position that repeats (the `.*` pathspec ends a folder pattern with).
   */
  acceptsAllAfter(text: string): boolean {
    if (text.length === 0 || !this.run(text, "prefix")) {
      return false;
    }
    const { graph, positions } = this;
    for (let s = 0; s < liveCount; s++) {
      const slot = current[s]! + 1;
      for (let t = graph[slot]!; t < graph[slot + 1]!; t++) {
        const q = graph[t]!;
        if ((positions[q]! & 3) === NOT_NEWLINE && (positions[q]! & ACCEPTING) !== 0 && this.loops(q)) {
          return true;
        }
      }
    }
    return false;
  }

  private loops(q: number): boolean {
    for (let t = this.graph[q + 1]!; t < this.graph[q + 2]!; t++) {
      if (this.graph[t] === q) {
        return true;
      }
    }
    return false;
  }

  // `live` -1: nothing consumed.
  private isAccepting(live: number): boolean {
    if (live === -1) {
      return this.nullable;
    }
    for (let s = 0; s < live; s++) {
      if ((this.positions[current[s]!]! & ACCEPTING) !== 0) {
        return true;
      }
    }
    return false;
  }
}
