/**
 * Small numerical tools shared by the stylized-fact estimators: a bracketed 1-D minimiser,
 * ordinary least squares with standard errors, a two-parameter logit, and confidence intervals
 * of a mean over replications. Pure functions; nothing here draws random numbers.
 */

/**
 * Minimises a unimodal function on [lo, hi] by golden-section search (robust: needs no
 * derivatives and never leaves the bracket). Returns the argmin and the minimum.
 */
export function goldenMinimize(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tol = 1e-7,
  maxIter = 200,
): { x: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < maxIter && Math.abs(b - a) > tol * (1 + Math.abs(c) + Math.abs(d)); i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? { x: c, value: fc } : { x: d, value: fd };
}

/**
 * Minimises f on [lo, hi] when it may have several local minima: evaluates a grid of `gridPoints`
 * points, then refines by golden-section search around the best grid point.
 */
export function gridThenGolden(
  f: (x: number) => number,
  lo: number,
  hi: number,
  gridPoints = 41,
): { x: number; value: number } {
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  const step = (hi - lo) / (gridPoints - 1);
  for (let i = 0; i < gridPoints; i++) {
    const v = f(lo + i * step);
    if (v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  const a = lo + Math.max(0, best - 1) * step;
  const b = lo + Math.min(gridPoints - 1, best + 1) * step;
  const refined = goldenMinimize(f, a, b);
  return refined.value <= bestValue ? refined : { x: lo + best * step, value: bestValue };
}

export interface LinearFit {
  intercept: number;
  slope: number;
  /** Standard error of the slope (homoskedastic OLS). */
  slopeSe: number;
  n: number;
}

/** OLS of y on x with an intercept; NaN fields when fewer than three points or no variance in x. */
export function olsFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (n < 3) return { intercept: Number.NaN, slope: Number.NaN, slopeSe: Number.NaN, n };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx === 0) return { intercept: Number.NaN, slope: Number.NaN, slopeSe: Number.NaN, n };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
  return { intercept, slope, slopeSe: Math.sqrt(rss / (n - 2) / sxx), n };
}

export interface LogitFit {
  intercept: number;
  slope: number;
  slopeSe: number;
  n: number;
  converged: boolean;
}

/**
 * Maximum-likelihood logit P(y=1) = 1/(1+exp(−(b0 + b1·x))) by Newton–Raphson. x is centred
 * internally for stability. NaN when y has no variation (the MLE does not exist).
 */
export function logitFit(x: ArrayLike<number>, y: ArrayLike<number>, maxIter = 50): LogitFit {
  const n = x.length;
  let ones = 0;
  let mx = 0;
  for (let i = 0; i < n; i++) {
    ones += y[i] > 0 ? 1 : 0;
    mx += x[i];
  }
  const nan = { intercept: Number.NaN, slope: Number.NaN, slopeSe: Number.NaN, n, converged: false };
  if (n < 3 || ones === 0 || ones === n) return nan;
  mx /= n;
  let b0 = Math.log(ones / (n - ones));
  let b1 = 0;
  let converged = false;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    let g0 = 0;
    let g1 = 0;
    h00 = 0;
    h01 = 0;
    h11 = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] - mx;
      const p = 1 / (1 + Math.exp(-(b0 + b1 * xi)));
      const r = (y[i] > 0 ? 1 : 0) - p;
      const w = p * (1 - p);
      g0 += r;
      g1 += r * xi;
      h00 += w;
      h01 += w * xi;
      h11 += w * xi * xi;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) return nan;
    const d0 = (h11 * g0 - h01 * g1) / det;
    const d1 = (h00 * g1 - h01 * g0) / det;
    b0 += d0;
    b1 += d1;
    if (Math.abs(d0) + Math.abs(d1) < 1e-10) {
      converged = true;
      break;
    }
  }
  const det = h00 * h11 - h01 * h01;
  return { intercept: b0 - b1 * mx, slope: b1, slopeSe: Math.sqrt(h00 / det), n, converged };
}

/** Two-sided 97.5% quantile of Student's t with `df` degrees of freedom (for 95% intervals). */
export function tQuantile975(df: number): number {
  const table = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
    2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
  ];
  if (!(df >= 1)) return Number.NaN;
  if (df <= 30) return table[Math.floor(df) - 1];
  // Cornish–Fisher expansion around the normal quantile; error < 1e-3 for df > 30.
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

export interface MeanCi {
  mean: number;
  ci: [number, number];
  sd: number;
  n: number;
}

/**
 * Mean of independent replications with a 95% t interval. NaN values (a replication in which the
 * statistic was not defined) are dropped; with one value the interval is that value.
 */
export function meanCi(values: readonly number[]): MeanCi {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { mean: Number.NaN, ci: [Number.NaN, Number.NaN], sd: Number.NaN, n };
  const mean = v.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean, ci: [mean, mean], sd: 0, n };
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const h = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { mean, ci: [mean - h, mean + h], sd, n };
}

/** Empirical quantile (type 7, as R's default) of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
