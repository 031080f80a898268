/** A fault the emulator answers instead of handling a request. */
export type Fault =
  | { kind: "throttle"; status: 429; retryAfter: 0 | 1 }
  | { kind: "unavailable"; status: 503; retryAfter: 1 }
  | { kind: "drop" };

/** mulberry32: a tiny seeded PRNG, enough for reproducible fault sequences (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per API request and in arrival order, whether it gets a fault; the same seed gives the same sequence. */
export class FaultInjector {
  private next: () => number;

  constructor(
    private readonly rate: number,
    private readonly seed: number,
  ) {
    this.next = mulberry32(seed);
  }

  /** Restarts the sequence from the seed (used by `reset()`). */
  reset(): void {
    this.next = mulberry32(this.seed);
  }

  /** The fault for the next request, or undefined. Always draws twice so one decision never shifts the next. */
  decide(): Fault | undefined {
    const hit = this.next();
    const pick = this.next();
    if (this.rate <= 0 || hit >= this.rate) {
      return undefined;
    }
    if (pick < 0.25) {
      return { kind: "throttle", status: 429, retryAfter: 0 };
    }
    if (pick < 0.5) {
      return { kind: "throttle", status: 429, retryAfter: 1 };
    }
    if (pick < 0.8) {
      return { kind: "unavailable", status: 503, retryAfter: 1 };
    }
    return { kind: "drop" };
  }
}
