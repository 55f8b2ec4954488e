import fc from "fast-check";
import { mean, sampleStandardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { bootstrapMean, bootstrapRatioOfMeans, resampleIndices } from "../src/analysis/bootstrap.js";
import { mulberry32 } from "../src/analysis/rng.js";

describe("bootstrap", () => {
  it("gives the exact percentile interval for two values (resampling distribution known)", () => {
    // means of resamples of {a, b}: a (1/4), (a+b)/2 (1/2), b (1/4): the 2.5% and 97.5% points are a and b
    const i = bootstrapMean([2, 10], { resamples: 4000 });
    expect(i.estimate).toBe(6);
    expect(i.lo).toBe(2);
    expect(i.hi).toBe(10);
  });

  it("returns a degenerate interval for a constant sample", () => {
    expect(bootstrapMean([3, 3, 3, 3])).toEqual({ estimate: 3, lo: 3, hi: 3, n: 4 });
  });

  it("has the standard error of the mean that theory gives (sd·√((n−1)/n)/√n)", () => {
    const rand = mulberry32(7);
    const xs = Array.from({ length: 40 }, () => rand() * 10);
    const n = xs.length;
    const rows = resampleIndices(n, 20000, 3);
    const means = rows.map((r) => Array.from(r, (i) => xs[i]).reduce((a, b) => a + b, 0) / n);
    const seBoot = sampleStandardDeviation(means);
    const seTheory = (sampleStandardDeviation(xs) * Math.sqrt((n - 1) / n)) / Math.sqrt(n);
    expect(seBoot / seTheory).toBeGreaterThan(0.97);
    expect(seBoot / seTheory).toBeLessThan(1.03);
    // and the 95% interval is close to mean ± 1.96 se for a sample this size
    const i = bootstrapMean(xs, { resamples: 20000 });
    expect(i.estimate).toBeCloseTo(mean(xs), 12);
    expect((i.hi - i.lo) / (2 * 1.96 * seTheory)).toBeGreaterThan(0.93);
    expect((i.hi - i.lo) / (2 * 1.96 * seTheory)).toBeLessThan(1.07);
  });

  it("is reproducible from its seed and changes with it", () => {
    const xs = [1.13, 4.71, 2.29, 8.02, 5.37, 7.61, 3.3, 9.9];
    const opts = (seed: number) => ({ seed, resamples: 200 });
    expect(bootstrapMean(xs, opts(1))).toEqual(bootstrapMean(xs, opts(1)));
    expect(bootstrapMean(xs, opts(1)).lo).not.toBe(bootstrapMean(xs, opts(2)).lo);
  });

  it("always brackets the sample mean within the sample's range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (xs) => {
          const i = bootstrapMean(xs, { resamples: 300 });
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          const eps = 1e-9 * (Math.abs(lo) + Math.abs(hi) + 1);
          return i.lo <= i.hi + eps && i.lo >= lo - eps && i.hi <= hi + eps;
        },
      ),
      { numRuns: 60 },
    );
  });

  it("resamples a ratio of means by pairs", () => {
    // num = 2·den exactly, so every resample's ratio is 2
    const den = [1, 3, 5, 2, 8];
    const r = bootstrapRatioOfMeans(
      den.map((d) => 2 * d),
      den,
    );
    expect(r.estimate).toBeCloseTo(2, 12);
    expect(r.lo).toBeCloseTo(2, 12);
    expect(r.hi).toBeCloseTo(2, 12);
  });
});
