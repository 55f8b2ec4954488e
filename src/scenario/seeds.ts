import { createHash } from "node:crypto";

/**
 * Seeds. Every seed the scenario layer hands out is a uint32 derived from named parts through
 * SHA-256, so it depends on those parts alone (not on job order, worker or machine):
 *
 *   deriveSeed(...parts) = first 4 bytes (big-endian) of sha256(enc(part1) ␀ enc(part2) ␀ …)
 *
 * where enc(string) = "s:" + string and enc(number) = "n:" + the number's shortest decimal form,
 * so `deriveSeed("1")` and `deriveSeed(1)` differ, and so do ("ab","c") and ("a","bc").
 */
export function deriveSeed(...parts: (string | number)[]): number {
  const h = createHash("sha256");
  parts.forEach((p, i) => {
    if (i > 0) h.update("\u0000");
    if (typeof p === "number") {
      if (!Number.isFinite(p)) throw new RangeError(`deriveSeed: part ${i} is not a finite number (${p})`);
      h.update(`n:${Object.is(p, -0) ? 0 : p}`);
    } else {
      h.update(`s:${p}`);
    }
  });
  return h.digest().readUInt32BE(0);
}

/**
 * Common random numbers: the seed of replication `replication` of any scenario run with base seed
 * `baseSeed`. It ignores the scenario, so `compare` runs scenario A and B on the same seeds and
 * their effects are paired differences.
 */
export function crnSeed(baseSeed: number, replication: number): number {
  return deriveSeed("crn", baseSeed, replication);
}

/**
 * A small seeded uniform generator on [0, 1) (mulberry32: 32-bit state, period 2^32), used for
 * the Latin hypercube and the bootstrap. Good enough for shuffling strata and resampling; not
 * for the model's own randomness.
 */
export function uniformRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
