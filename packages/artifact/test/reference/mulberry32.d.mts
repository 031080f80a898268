/** Deterministic PRNG (mulberry32): a function returning numbers in [0, 1). */
export declare function mulberry32(seed: number): () => number;
