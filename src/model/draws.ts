/**
 * Keyed (counter-based) random numbers (ODD §6.1, "stochasticity"): common random numbers at the
 * level of the firm. Every uniform is a pure function of a key,
 *
 *   u = H(runKey, uid, tick, site, sub, k) / 2^32,
 *
 * where `uid` names the firm (or 0 for an aggregate stream), `site` the kind of draw (SITE_* below),
 * `sub` an optional index (a university, a VC fund, a challenge) and `k` the position of the draw
 * within that stream (k = 0, 1, 2, … as a phase draws, rejection loops included). So the k-th draw
 * of kind `site` of firm `uid` in quarter `tick` does not depend on what any other firm drew, nor on
 * how many draws were made before it in the run: switching an instrument on changes a firm's fate
 * only through the instrument's effect, not by shifting the random stream under it.
 *
 * H: a stream is pointed at by `at(uid, site, sub)`, which hashes the key into two 32-bit words
 * (h0, h1): T0, T1 = two rounds each over (runKey, tick·256 + site, sub), cached per site and tick,
 * then h0 = f(uid ⊕ T0), h1 = f(uid·φ + T1), with f Chris Wellons' `lowbias32` finaliser (a murmur3-style 32-bit
 * bijection: xorshift-multiply-xorshift-multiply-xorshift, bias 0.17, via Math.imul); the k-th draw
 * is lowbias32(lowbias32(h1 + k·φ) + h0) with φ = 0x9e3779b9 (a splitmix-style Weyl counter through
 * two finalisers). The stream key is 64 bits wide (h0, h1), so two (uid, tick, site, sub) keys share a
 * stream only with probability ~2^−64 per pair; within a stream the draws are a bijection of k (no
 * repeats in 2^32 draws). A pass that needs one uniform per firm and site takes h0 itself,
 * `pick(uid, key(site))`: one lowbias32 round instead of the four of `at` and a draw. Uniformity and
 * independence across sites and firms are tested
 * (test/model-draws.test.ts: KS, chi-square, lag and cross-stream correlations).
 *
 * Continuous laws are drawn by inversion of one uniform where there is a closed form (normal by
 * Acklam's inverse-CDF approximation, Poisson below λ = 30 by CDF search), so a draw moves
 * monotonically with its parameters and paired runs stay coupled; Gamma/Beta use Marsaglia–Tsang
 * rejection, consuming the stream's next uniforms. No state but the cursor (no allocation per draw).
 */

// per-firm sites (uid = the firm's stream key, `Firms.uid`)
export const SITE_INIT = 1;
export const SITE_FOUND = 2;
export const SITE_DEMAND = 3;
export const SITE_BUYER = 4;
export const SITE_COLLAB = 5;
export const SITE_SEARCH = 6;
export const SITE_INNOVATE = 7;
export const SITE_IMITATE = 8;
export const SITE_CREDIT = 9;
export const SITE_VC_IPO = 10;
export const SITE_VC_ACQUISITION = 11;
export const SITE_VC_ROUND = 12;
export const SITE_VC_SIGNAL = 13;
export const SITE_GRANT_SCORE = 14;
export const SITE_GRANT_PROGRESS = 15;
export const SITE_SERVICE = 16;
export const SITE_CHALLENGE_SCORE = 17;
export const SITE_LICENCE = 18;
export const SITE_RD_SETUP = 19;
// coordinated (permanent random number) sampling: one uniform per eligible firm and quarter
// places it in one fund's deal flow, one licence's or one challenge's pool (ODD §7.6, §7.7, §7.16)
export const SITE_DEAL_SCREEN = 20;
export const SITE_LICENCE_PICK = 21;
export const SITE_CHALLENGE_ENTRY = 22;
// coordinated samples behind the quantile estimates (`sampledQuantiles`; the credit classes' is
// drawn in the sales pass with `pick`)
export const SITE_CREDIT_SAMPLE = 23;
export const SITE_CERT_SAMPLE = 24;
export const SITE_GRANT_SAMPLE = 25;
// one word per firm and quarter by `pick` in the hot loops (ODD §6.1): the niche hit and its size,
// the imitation draw (the innovation draw's word is SITE_SEARCH's), a joint project's start
export const SITE_NICHE = 26;
export const SITE_SEARCH_IMITATION = 27;
export const SITE_COLLAB_START = 28;
// aggregate sites (uid 0; the site numbers keep them apart from the firms' streams)
export const SITE_ENTRY = 128;
export const SITE_UNIVERSITY = 129;
export const SITE_VC_RAISE = 130;
export const SITE_VC_INIT = 131;
export const SITE_DEAL_FLOW = 132; // retired (deal flow sampled slots); kept so no site reuses it
export const SITE_CREDIT_CLASSES = 133; // retired (slot-sampled quantiles)
export const SITE_CERT_QUANTILE = 134; // retired (slot-sampled quantiles)
export const SITE_GRANT_QUANTILE = 135; // retired (slot-sampled quantiles)
export const SITE_CHALLENGES = 136;
export const SITE_CHALLENGE_APPLICANTS = 137;

// Constants of the hot paths (`atSlot`, `u32`, the draws): lowbias32's multipliers, and Math.imul
// under a short name. Declared with var, not const: V8 guards every read of a module-level const
// from a function with a hole check (the temporal dead zone), 2 bytes of bytecode per read, which
// count against the optimiser's inlining budget (see `u32`). They are never reassigned.
var PHI = 0x9e3779b9 | 0;
var M1 = 0x7feb352d;
var M2 = 0x846ca68b | 0;
var imul = Math.imul;
var INV_2_32 = 1 / 4294967296;
/** Most uniforms behind a Beta drawn as an order statistic (`beta`). */
const ORDER_MAX = 16;

/** Chris Wellons' lowbias32: a 32-bit bijective finaliser (xorshift-multiply). */
export function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Stream key of a firm founded in quarter `tick` as the `order`-th firm born that quarter. */
export function foundedUid(tick: number, order: number): number {
  return 0x80000000 | ((tick & 0x7fff) << 16) | (order & 0xffff) | 0;
}

/** Quantile of the Laplace law with mean 0 and variance 1 (scale 1/√2), 0 < p < 1. */
export function laplaceQuantile(p: number): number {
  const u = p - 0.5;
  const e = -Math.log(1 - 2 * Math.abs(u)) * Math.SQRT1_2;
  return u < 0 ? -e : e;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e−9). */
export function normalInv(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

export class KeyedRng {
  private readonly k0: number;
  private readonly k1: number;
  /** The quarter the streams are keyed on (set by the schedule). */
  tick = 0;
  private h0 = 0;
  private h1 = 0;
  private n = 0;
  private readonly cacheTs = new Int32Array(256).fill(-1);
  private readonly cacheSub = new Int32Array(256);
  private readonly cache0 = new Int32Array(256);
  private readonly cache1 = new Int32Array(256);
  private readonly smallest = new Float64Array(ORDER_MAX);

  constructor(seed: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    this.k0 = lowbias32((lo ^ Math.imul(hi, PHI)) + 0x6a09e667) | 0;
    this.k1 = lowbias32(this.k0 ^ 0xbb67ae85 ^ hi) | 0;
    this.at(0, 0, 0);
  }

  /** Point the cursor at stream (uid, site, sub) of the current tick; its draws start at k = 0. */
  at(uid: number, site: number, sub = 0): void {
    this.atSlot(uid, this.slot(site, sub));
  }

  /**
   * The cache slot of the (tick, site, sub) part of the key for the current tick, hashed if needed.
   * The slot stays valid for the tick unless `at` or `key` is called with the same site and
   * another sub. (The hot loops draw one word per firm with `pick`, not a stream.)
   */
  private slot(site: number, sub = 0): number {
    // the (tick, site, sub) part of the key is hashed once per tick and site (cached per site)
    const ts = (imul(this.tick, 256) + site) | 0;
    const c = site & 255;
    if (this.cacheTs[c] !== ts || this.cacheSub[c] !== sub) this.refill(c, ts, sub);
    return c;
  }

  /** Point the cursor at stream (uid, site, sub), with `c = slot(site, sub)` taken this tick. */
  private atSlot(uid: number, c: number): void {
    // h0 = lowbias32(uid ⊕ T0), h1 = lowbias32(uid·φ + T1), with lowbias32 written out (see `u32`)
    let x = uid ^ this.cache0[c];
    x = imul(x ^ (x >>> 16), M1);
    x = imul(x ^ (x >>> 15), M2);
    this.h0 = x ^ (x >>> 16);
    x = (imul(uid, PHI) + this.cache1[c]) | 0;
    x = imul(x ^ (x >>> 16), M1);
    x = imul(x ^ (x >>> 15), M2);
    this.h1 = x ^ (x >>> 16);
    this.n = 0;
  }

  /**
   * The key word of (tick, site) for `pick`: `slot(site)`'s first hash word, the same for every firm
   * this tick.
   */
  key(site: number): number {
    return this.cache0[this.slot(site)];
  }

  /**
   * A 32-bit uniform word for firm `uid` from `key = key(site)`: lowbias32(uid ⊕ key), one round
   * (h0, the key word of stream (uid, site), not one of its draws; the cursor does not move). For
   * the passes over every firm that need one or two uniforms per firm and nothing more: coordinated
   * samples, the demand and niche shocks, the search draws, a joint project's start (ODD §6.1);
   * two words of one firm come from two sites.
   */
  pick(uid: number, key: number): number {
    let x = uid ^ key;
    x = imul(x ^ (x >>> 16), M1);
    x = imul(x ^ (x >>> 15), M2);
    return (x ^ (x >>> 16)) >>> 0;
  }

  /** `pick`'s word as a uniform on [0, 1). */
  pickUniform(uid: number, key: number): number {
    return this.pick(uid, key) * INV_2_32;
  }

  /** Hash the (tick, site, sub) part of the key into cache slot `c` (once per tick and site). */
  private refill(c: number, ts: number, sub: number): void {
    this.cacheTs[c] = ts;
    this.cacheSub[c] = sub;
    this.cache0[c] = lowbias32(lowbias32(this.k0 ^ ts) + sub) | 0;
    this.cache1[c] =
      lowbias32(lowbias32((this.k1 + Math.imul(ts, 0x85ebca6b)) | 0) ^ Math.imul(sub, 0xc2b2ae35)) | 0;
  }

  /** The stream's next 32-bit word (k-th draw: k counts from the last `at`). */
  u32(): number {
    // lowbias32(lowbias32(h1 + k·φ) + h0), with lowbias32 written out: `at` and the draws are on
    // every hot path, where the optimiser inlines them only while its inlining budget (bytecode
    // size) lasts; nested calls and Math.imul lookups cost more of it than these few lines
    let x = (this.h1 + imul(this.n++, PHI)) | 0;
    x = imul(x ^ (x >>> 16), M1);
    x = imul(x ^ (x >>> 15), M2);
    x = ((x ^ (x >>> 16)) + this.h0) | 0;
    x = imul(x ^ (x >>> 16), M1);
    x = imul(x ^ (x >>> 15), M2);
    return (x ^ (x >>> 16)) >>> 0;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.u32() * INV_2_32;
  }

  /** Uniform on the open interval (0, 1) (for inversions that need a finite log). */
  open(): number {
    return (this.u32() + 0.5) * INV_2_32;
  }

  /** Uniform integer on {0, …, n−1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by inversion of one uniform. */
  normal(): number {
    return normalInv(this.open());
  }

  /** Gamma(k, 1) by Marsaglia & Tsang (2000); k < 1 through the k+1 boost. */
  gamma(k: number): number {
    if (k < 1) {
      const u = this.open();
      return this.gamma(k + 1) * u ** (1 / k);
    }
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Beta(α, β). For whole α, β with α + β − 1 ≤ ORDER_MAX (the K+S jumps, Beta(3, 3), and the
   * entrants' Beta(2, 4)): the α-th smallest of α + β − 1 uniforms, the law of that order statistic
   * (no logs, a fixed number of uniforms); otherwise from two gamma draws.
   */
  beta(alpha: number, beta: number): number {
    const n = alpha + beta - 1;
    if (Number.isInteger(alpha) && Number.isInteger(beta) && n <= ORDER_MAX)
      return this.orderStatistic(alpha, n);
    const x = this.gamma(alpha);
    const y = this.gamma(beta);
    return x / (x + y);
  }

  /** The k-th smallest of n uniforms (1 ≤ k ≤ n ≤ ORDER_MAX), kept by insertion in `smallest`. */
  private orderStatistic(k: number, n: number): number {
    const smallest = this.smallest;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const u = this.uniform();
      if (kept === k && u >= smallest[k - 1]) continue;
      let at = kept < k ? kept++ : k - 1;
      while (at > 0 && smallest[at - 1] > u) {
        smallest[at] = smallest[at - 1];
        at--;
      }
      smallest[at] = u;
    }
    return smallest[k - 1];
  }

  /**
   * Poisson(λ) by inversion of one uniform (CDF search) below λ = 30, a rounded normal (itself an
   * inversion) above: the count is monotone in λ for a given uniform.
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    const u = this.uniform();
    if (lambda < 30) {
      let k = 0;
      let pk = Math.exp(-lambda);
      let cdf = pk;
      while (u >= cdf && k < 1000) {
        k++;
        pk *= lambda / k;
        cdf += pk;
      }
      return k;
    }
    return Math.max(
      0,
      Math.round(lambda + Math.sqrt(lambda) * normalInv(Math.min(1 - 1e-16, u + 0.5 * INV_2_32))),
    );
  }
}
