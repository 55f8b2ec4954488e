/**
 * Pareto (power-law) upper tail of a size distribution, P(X > x) ∝ x^−α for x ≥ x_min, fitted as
 * in Clauset, Shalizi & Newman (2009): for each candidate x_min, α is the maximum-likelihood
 * (Hill) estimate on the tail, and x_min is the candidate whose fitted tail is closest to the data
 * in the Kolmogorov–Smirnov distance. α is the exponent of the CCDF (Zipf's law: α = 1, Axtell
 * 2001: α ≈ 1.06), i.e. the density exponent minus one.
 *
 * Integer data (head counts) use Clauset et al.'s continuous approximation of the discrete power
 * law: each integer k stands for the interval [k − ½, k + ½), so logs are taken against x_min − ½.
 */

export interface ParetoTailFit {
  /** CCDF exponent α (maximum likelihood on the tail, small-sample corrected: (n−1)/Σ ln(x/x̃)). */
  alpha: number;
  /** Asymptotic standard error of α: α/√n. */
  alphaSe: number;
  xmin: number;
  /** Observations at or above x_min. */
  nTail: number;
  /** Kolmogorov–Smirnov distance between the tail data and the fitted Pareto. */
  ks: number;
  /** Whether the data were treated as integers. */
  discrete: boolean;
  n: number;
}

export interface ParetoTailOptions {
  /** Smallest tail size a candidate x_min may leave (default max(50, 2% of the data)). */
  minTail?: number;
  /** Most candidate thresholds tried (spread over the distinct values; default 300). */
  maxCandidates?: number;
  /** Fix x_min instead of choosing it by KS minimisation. */
  xmin?: number;
  /** Treat the data as integers; default: detected (all values whole numbers). */
  discrete?: boolean;
}

/** Fits the Pareto upper tail of positive data (non-positive and non-finite values are ignored). */
export function fitParetoTail(data: ArrayLike<number>, options: ParetoTailOptions = {}): ParetoTailFit {
  const xs: number[] = [];
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]) && data[i] > 0) xs.push(data[i]);
  xs.sort((a, b) => a - b);
  const n = xs.length;
  const discrete = options.discrete ?? xs.every((x) => Number.isInteger(x));
  const minTail = Math.max(2, options.minTail ?? Math.max(50, Math.ceil(0.02 * n)));
  const empty: ParetoTailFit = {
    alpha: Number.NaN,
    alphaSe: Number.NaN,
    xmin: Number.NaN,
    nTail: 0,
    ks: Number.NaN,
    discrete,
    n,
  };
  if (n < minTail) return empty;

  // suffix sums of ln x: tailLog[i] = Σ_{j ≥ i} ln x_j
  const tailLog = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) tailLog[i] = tailLog[i + 1] + Math.log(xs[i]);

  const firstIndex = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const fitAt = (start: number): ParetoTailFit => {
    const xmin = xs[start];
    const m = n - start;
    const base = discrete ? xmin - 0.5 : xmin;
    const sumLog = tailLog[start] - m * Math.log(base);
    const alpha = sumLog > 0 ? (m - 1) / sumLog : Number.NaN;
    return {
      alpha,
      alphaSe: alpha / Math.sqrt(m),
      xmin,
      nTail: m,
      ks: ksDistance(xs, start, alpha, base, discrete),
      discrete,
      n,
    };
  };

  if (options.xmin !== undefined) {
    const start = firstIndex(options.xmin);
    return n - start >= 2 ? fitAt(start) : empty;
  }

  // candidate starts: the first index of each distinct value that leaves ≥ minTail points
  const starts: number[] = [];
  for (let i = 0; i <= n - minTail; i++) if (i === 0 || xs[i] !== xs[i - 1]) starts.push(i);
  const maxCandidates = options.maxCandidates ?? 300;
  const step = Math.max(1, Math.ceil(starts.length / maxCandidates));
  let best = empty;
  for (let c = 0; c < starts.length; c += step) {
    const fit = fitAt(starts[c]);
    if (Number.isFinite(fit.ks) && !(fit.ks >= best.ks)) best = fit;
  }
  return best;
}

/** KS distance between the empirical CDF of xs[start..] and the fitted tail CDF. */
function ksDistance(
  xs: readonly number[],
  start: number,
  alpha: number,
  base: number,
  discrete: boolean,
): number {
  if (!Number.isFinite(alpha)) return Number.NaN;
  const m = xs.length - start;
  let d = 0;
  let i = start;
  while (i < xs.length) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[i]) j++;
    // empirical CDF just below and at x (the tail sample counts from `start`)
    const below = (i - start) / m;
    const at = (j + 1 - start) / m;
    const upper = discrete ? xs[i] + 0.5 : xs[i];
    const lower = discrete ? xs[i] - 0.5 : xs[i];
    const fitAt = 1 - (upper / base) ** -alpha;
    const fitBelow = 1 - Math.max(lower / base, 1) ** -alpha;
    d = Math.max(d, Math.abs(at - fitAt), Math.abs(below - fitBelow));
    i = j + 1;
  }
  return d;
}

/** Points of the empirical CCDF P(X ≥ x) at each distinct positive value, for a log-log chart. */
export function empiricalCcdf(data: ArrayLike<number>, maxPoints = 400): { x: number; ccdf: number }[] {
  const xs: number[] = [];
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]) && data[i] > 0) xs.push(data[i]);
  xs.sort((a, b) => a - b);
  const n = xs.length;
  const points: { x: number; ccdf: number }[] = [];
  for (let i = 0; i < n; i++)
    if (i === 0 || xs[i] !== xs[i - 1]) points.push({ x: xs[i], ccdf: (n - i) / n });
  if (points.length <= maxPoints) return points;
  // thin evenly in log x, always keeping the last (largest) points of the tail
  const out: { x: number; ccdf: number }[] = [];
  const lx0 = Math.log(points[0].x);
  const lx1 = Math.log(points[points.length - 1].x);
  let next = lx0;
  const dl = (lx1 - lx0) / maxPoints;
  for (const p of points) {
    if (Math.log(p.x) >= next) {
      out.push(p);
      next = Math.log(p.x) + dl;
    }
  }
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}
