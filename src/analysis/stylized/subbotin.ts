import { gammaln } from "simple-statistics";
import { goldenMinimize, quantileSorted } from "./numeric.js";

/**
 * Subbotin (exponential power) distribution, as used for firm growth rates by Bottazzi & Secchi
 * (2003, 2006):
 *
 *   f(x; b, a, μ) = exp(−|x − μ|^b / (b·a^b)) / (2·a·b^{1/b}·Γ(1 + 1/b))
 *
 * b = 2 is the Gaussian (a = σ), b = 1 the Laplace (a = mean absolute deviation). Empirical growth
 * rates give b ≈ 1 ("tent-shaped"). Maximum likelihood: for given b and μ the MLE of the scale
 * is closed-form, a^b = mean |x − μ|^b; μ given b minimises Σ|x − μ|^b (a data point when
 * b ≤ 1, a convex problem when b > 1); the profile likelihood of b is then maximised on a
 * bracket of log b.
 */
export interface SubbotinFit {
  /** Shape: 2 Gaussian, 1 Laplace, smaller = fatter tails. */
  b: number;
  /** Scale. */
  a: number;
  /** Location. */
  mu: number;
  logLik: number;
  /** Log-likelihood of the Gaussian fit (b = 2) to the same data, for a likelihood-ratio check. */
  logLikGaussian: number;
  n: number;
}

export interface SubbotinOptions {
  /** Bracket of b searched (default [0.2, 8]). */
  bRange?: [number, number];
}

/** Fits a Subbotin distribution by maximum likelihood (non-finite values are ignored). */
export function fitSubbotin(data: ArrayLike<number>, options: SubbotinOptions = {}): SubbotinFit {
  const xs: number[] = [];
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) xs.push(data[i]);
  xs.sort((p, q) => p - q);
  const n = xs.length;
  if (n < 10 || xs[0] === xs[n - 1]) {
    return {
      b: Number.NaN,
      a: Number.NaN,
      mu: Number.NaN,
      logLik: Number.NaN,
      logLikGaussian: Number.NaN,
      n,
    };
  }
  const [bLo, bHi] = options.bRange ?? [0.2, 8];
  const profile = (b: number) => {
    const mu = locationGivenShape(xs, b);
    return { mu, ...likelihoodGivenShape(xs, b, mu) };
  };
  const best = goldenMinimize((lb) => -profile(Math.exp(lb)).logLik, Math.log(bLo), Math.log(bHi), 1e-4);
  const b = Math.exp(best.x);
  const fit = profile(b);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const gaussian = likelihoodGivenShape(xs, 2, mean);
  return { b, a: fit.a, mu: fit.mu, logLik: fit.logLik, logLikGaussian: gaussian.logLik, n };
}

/** Profile: scale MLE and log-likelihood for given shape and location. */
function likelihoodGivenShape(xs: readonly number[], b: number, mu: number): { a: number; logLik: number } {
  const n = xs.length;
  let s = 0;
  for (const x of xs) s += Math.abs(x - mu) ** b;
  const a = (s / n) ** (1 / b);
  if (!(a > 0)) return { a, logLik: Number.NEGATIVE_INFINITY };
  const logNorm = Math.log(2) + Math.log(a) + Math.log(b) / b + gammaln(1 + 1 / b);
  return { a, logLik: -n * logNorm - n / b };
}

/** argmin_μ Σ|x − μ|^b for sorted xs. */
function locationGivenShape(xs: readonly number[], b: number): number {
  const n = xs.length;
  const cost = (mu: number) => {
    let s = 0;
    for (const x of xs) s += Math.abs(x - mu) ** b;
    return s;
  };
  const lo = quantileSorted(xs, 0.3);
  const hi = quantileSorted(xs, 0.7);
  if (b > 1) {
    // convex: the minimiser lies between the median and the mean, inside the central bracket
    return goldenMinimize(cost, Math.min(lo, hi), Math.max(lo, hi), 1e-9).x;
  }
  // b ≤ 1: piecewise concave between data points, so the minimum is at a data point; scan the
  // central data points (thinned to at most 81 candidates) and keep the best.
  const i0 = Math.floor(0.3 * (n - 1));
  const i1 = Math.ceil(0.7 * (n - 1));
  const step = Math.max(1, Math.floor((i1 - i0) / 80));
  let best = xs[Math.floor((n - 1) / 2)];
  let bestCost = cost(best);
  for (let i = i0; i <= i1; i += step) {
    const c = cost(xs[i]);
    if (c < bestCost) {
      bestCost = c;
      best = xs[i];
    }
  }
  return best;
}
