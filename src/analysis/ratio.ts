import { studentTQuantile } from "./intervals.js";

/**
 * Confidence sets for a ratio of paired means, e.g. fiscal cost per extra innovating firm:
 * mean(extra cost) / mean(extra outcome) over seeds.
 *
 * Why Fieller and not the bootstrap or the delta method: when the denominator's mean could be 0
 * the ratio has no finite confidence interval at all, and any finite interval (a bootstrap's
 * percentiles of resampled ratios that straddle the pole) is wrong. Fieller's set inverts the
 * t test of mean(num) − ρ·mean(den) = 0, which is exact for normal pairs and says honestly when
 * the set is unbounded.
 */

/** A Fieller confidence set; lo and hi are its hull (±Infinity when unbounded). */
export interface RatioInterval {
  /** mean(numerator) / mean(denominator). */
  estimate: number;
  lo: number;
  hi: number;
  n: number;
  bounded: boolean;
  /**
   * "bounded": [lo, hi]. "unbounded": the whole line, or a half-line when one of lo, hi is
   * finite. "exclusive": the line minus the open gap `excluded` (the ratio is large, of either
   * sign); lo = −Infinity, hi = Infinity.
   */
  kind: "bounded" | "unbounded" | "exclusive";
  /** For kind "exclusive": the open interval (a, b) that the set leaves out. */
  excluded?: readonly [number, number];
}

/** Means, variances and covariance of paired samples (two-pass, sample n − 1 divisor). */
function pairedMoments(x: ArrayLike<number>, y: ArrayLike<number>) {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { mx, my, vxx: sxx / (n - 1), vyy: syy / (n - 1), vxy: sxy / (n - 1) };
}

/**
 * Fieller's confidence set for mean(numerator)/mean(denominator) from paired samples, with the
 * t quantile on n − 1 df and the sample covariance of the pairs. The set is
 * {ρ : (x̄ − ρȳ)² ≤ t²·var(x̄ − ρȳ)}, i.e. Aρ² − 2Bρ + C ≤ 0 with A = ȳ² − t²·s_yy/n; A > 0
 * exactly when the denominator's mean differs from 0 at this level, and only then is the set
 * a finite interval.
 */
export function ratioOfMeansInterval(
  numerator: ArrayLike<number>,
  denominator: ArrayLike<number>,
  level = 0.95,
): RatioInterval {
  if (numerator.length !== denominator.length) throw new Error("ratio of means: samples of different length");
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const n = numerator.length;
  const whole = { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY, n, bounded: false };
  if (n < 2) {
    const estimate = n === 1 ? numerator[0] / denominator[0] : Number.NaN;
    return { estimate, ...whole, kind: "unbounded" };
  }
  const { mx, my, vxx, vyy, vxy } = pairedMoments(numerator, denominator);
  const estimate = mx / my;
  const t2 = studentTQuantile((1 + level) / 2, n - 1) ** 2 / n;
  const a = my * my - t2 * vyy;
  const b = mx * my - t2 * vxy;
  const c = mx * mx - t2 * vxx;
  // the estimate satisfies the inequality, so the discriminant is ≥ 0 when a > 0 (clamp rounding)
  const disc = b * b - a * c;
  if (a > 0) {
    const root = Math.sqrt(Math.max(0, disc));
    return { estimate, lo: (b - root) / a, hi: (b + root) / a, n, bounded: true, kind: "bounded" };
  }
  if (a === 0 && b !== 0) {
    // −2Bρ + C ≤ 0: a half-line (a measure-zero case, kept for exactness)
    const edge = c / (2 * b);
    return { estimate, ...whole, ...(b > 0 ? { lo: edge } : { hi: edge }), kind: "unbounded" };
  }
  if (a === 0 || disc <= 0) return { estimate, ...whole, kind: "unbounded" };
  const root = Math.sqrt(disc);
  // a < 0: the roots in ascending order are (b + root)/a and (b − root)/a
  const gap: [number, number] = [(b + root) / a, (b - root) / a];
  return { estimate, ...whole, kind: "exclusive", excluded: gap };
}
