import { mean, quantileSorted } from "simple-statistics";
import { mulberry32 } from "./rng.js";

/** A point estimate with its confidence interval. */
export interface Interval {
  /** The statistic on the sample itself (for a mean: the sample mean). */
  estimate: number;
  lo: number;
  hi: number;
  /** Sample size. */
  n: number;
}

export interface BootstrapOptions {
  /** Number of resamples; 2000 by default. */
  resamples?: number;
  /** Confidence level; 0.95 by default. */
  level?: number;
  /** Seed of the resampling generator, so an interval is reproducible. */
  seed?: number;
}

const DEFAULTS = { resamples: 2000, level: 0.95, seed: 20240601 } as const;

/**
 * Resample indices for a nonparametric bootstrap: `resamples` rows of `n` indices drawn with
 * replacement. Sharing one set across statistics keeps paired quantities (cost and effect of
 * the same seeds) together in every resample.
 */
export function resampleIndices(n: number, resamples: number, seed: number): Uint32Array[] {
  const rand = mulberry32(seed);
  const rows: Uint32Array[] = [];
  for (let b = 0; b < resamples; b++) {
    const row = new Uint32Array(n);
    for (let i = 0; i < n; i++) row[i] = Math.floor(rand() * n);
    rows.push(row);
  }
  return rows;
}

/**
 * Percentile bootstrap interval of any statistic of a sample of row indices. `statistic`
 * receives the indices of one resample (or the identity for the estimate) and may return NaN
 * for a degenerate resample; those are dropped.
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: ArrayLike<number>) => number,
  options: BootstrapOptions = {},
): Interval {
  const { resamples, level, seed } = { ...DEFAULTS, ...options };
  if (n === 0) return { estimate: Number.NaN, lo: Number.NaN, hi: Number.NaN, n };
  const identity = Uint32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(identity);
  const draws: number[] = [];
  for (const row of resampleIndices(n, resamples, seed)) {
    const v = statistic(row);
    if (Number.isFinite(v)) draws.push(v);
  }
  if (draws.length === 0) return { estimate, lo: Number.NaN, hi: Number.NaN, n };
  draws.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { estimate, lo: quantileSorted(draws, alpha), hi: quantileSorted(draws, 1 - alpha), n };
}

/** Percentile bootstrap interval of the mean of `values`. */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const xs = Array.from(values);
  if (xs.length > 0 && xs.every((x) => x === xs[0])) {
    // every resample of a constant sample has the same mean: no need to draw
    return { estimate: xs[0], lo: xs[0], hi: xs[0], n: xs.length };
  }
  return bootstrapInterval(
    xs.length,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += xs[idx[i]];
      return s / idx.length;
    },
    options,
  );
}

/**
 * Percentile bootstrap interval of a ratio of means, mean(num) / mean(den), resampling the pairs
 * (num[i], den[i]) together. Resamples whose denominator mean is 0 are dropped.
 */
export function bootstrapRatioOfMeans(
  num: ArrayLike<number>,
  den: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  if (num.length !== den.length) throw new Error("ratio of means: samples of different length");
  return bootstrapInterval(
    num.length,
    (idx) => {
      let a = 0;
      let b = 0;
      for (let i = 0; i < idx.length; i++) {
        a += num[idx[i]];
        b += den[idx[i]];
      }
      return b === 0 ? Number.NaN : a / b;
    },
    options,
  );
}

/** Sample mean that accepts typed arrays and returns NaN for an empty sample. */
export function meanOf(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : mean(Array.from(values));
}
