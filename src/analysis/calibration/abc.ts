import { deriveSeed, uniformRng } from "../../scenario/seeds.js";

/**
 * ABC-SMC with an adaptive Gaussian kernel (docs/calibration-method.md), as pure functions of
 * the simulated moments, so that the driver (run.ts) can run each generation's proposals as one
 * ordinary sweep and the whole calibration is a deterministic function of the seed and the runs.
 *
 *   distance   d(θ)² = Σ_k ((x_k(θ) − y_k)/σ_k)², σ_k² = s.e.(target)² + s_k²/R: the target's own
 *              uncertainty plus the simulation noise of a mean over R common seeds
 *   kernel     K_ε(d) = exp(−d²/2ε²); at ε = 1 the ABC posterior is π(θ)·N(y; x(θ), diag σ²), the
 *              posterior under that error model (Wilkinson 2013), so ε never goes below 1
 *   schedule   ε_t chosen so that the reweighted population keeps α of its effective sample size
 *              (Del Moral, Doucet & Jasra 2012); resample (systematic) when ESS < N/2
 *   move       one Metropolis–Hastings step per particle, Gaussian random walk with covariance
 *              2·Σ̂ (Beaumont et al. 2009's scale), reflected into the prior box; one run per
 *              particle per generation, on the same common random numbers as every other
 */

/** A uniform prior on [lo, hi]. */
export interface PriorRange {
  path: string;
  lo: number;
  hi: number;
}

export interface Particle {
  theta: number[];
  /** d(θ) at the particle (Infinity when every moment of its runs was undefined). */
  distance: number;
  /** The particle's simulated moments (used moments; NaN where undefined). */
  moments: number[];
}

export interface Population {
  particles: Particle[];
  /** Normalised weights. */
  weights: number[];
  /** The kernel's bandwidth (Infinity: the prior). */
  epsilon: number;
}

/** One simulated particle: its moments as a mean over replications (NaN-aware). */
export interface Simulated {
  moments: number[];
}

/** Distance settings: targets y, scales σ, the z² counted for an undefined moment. */
export interface DistanceSpec {
  targets: number[];
  scales: number[];
  /** z² of a moment the run does not define (default 100: ten scales away). */
  missingZ2?: number;
}

export const MISSING_Z2 = 100;

/** Per-moment z² contributions. */
export function contributions(moments: readonly number[], spec: DistanceSpec): number[] {
  return moments.map((x, k) => {
    if (!Number.isFinite(x)) return spec.missingZ2 ?? MISSING_Z2;
    const z = (x - spec.targets[k]) / spec.scales[k];
    return z * z;
  });
}

export function distanceOf(moments: readonly number[], spec: DistanceSpec): number {
  return Math.sqrt(contributions(moments, spec).reduce((a, b) => a + b, 0));
}

/** log K_ε(d), with K_∞ ≡ 1. */
export function logKernel(d: number, eps: number): number {
  if (eps === Number.POSITIVE_INFINITY) return 0;
  if (!Number.isFinite(d)) return Number.NEGATIVE_INFINITY;
  return (-0.5 * d * d) / (eps * eps);
}

export function normalise(logw: readonly number[]): number[] {
  const m = Math.max(...logw);
  if (!Number.isFinite(m)) return logw.map(() => 1 / logw.length);
  const w = logw.map((l) => Math.exp(l - m));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

export function ess(weights: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Weights after moving the kernel from ε_prev to ε. */
export function reweight(pop: Population, eps: number): number[] {
  return normalise(
    pop.particles.map(
      (p, i) => Math.log(pop.weights[i]) + logKernel(p.distance, eps) - logKernel(p.distance, pop.epsilon),
    ),
  );
}

/**
 * The next bandwidth: the ε ≥ εmin at which the reweighted population keeps `alpha` of its
 * effective sample size (bisection on log ε); εmin if even that keeps more.
 */
export function nextEpsilon(pop: Population, alpha: number, epsMin: number): number {
  const target = alpha * ess(pop.weights);
  if (ess(reweight(pop, epsMin)) >= target) return epsMin;
  const finite = pop.particles.map((p) => p.distance).filter(Number.isFinite);
  let hi = Number.isFinite(pop.epsilon) ? pop.epsilon : Math.max(epsMin, ...finite) * 1e3;
  let lo = epsMin;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ess(reweight(pop, mid)) >= target) hi = mid;
    else lo = mid;
    if (hi / lo < 1 + 1e-6) break;
  }
  return hi;
}

/** Systematic resampling: N indices by weight from one uniform. */
export function systematicResample(weights: readonly number[], n: number, u: number): number[] {
  const out: number[] = [];
  let c = weights[0];
  let i = 0;
  for (let j = 0; j < n; j++) {
    const x = (u + j) / n;
    while (x > c && i < weights.length - 1) c += weights[++i];
    out.push(i);
  }
  return out;
}

export type Rng = () => number;

export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  return uniformRng(deriveSeed("calibrate", seed, ...parts));
}

/** A standard normal variate (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Latin hypercube sample of the prior box: n points. */
export function priorSample(priors: readonly PriorRange[], n: number, rng: Rng): number[][] {
  const cols = priors.map((p) => {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    return strata.map((s) => p.lo + ((s + rng()) / n) * (p.hi - p.lo));
  });
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

/** Weighted mean and covariance of the particles. */
export function weightedMoments(thetas: readonly number[][], w: readonly number[]) {
  const k = thetas[0]?.length ?? 0;
  const mean = new Array<number>(k).fill(0);
  thetas.forEach((t, i) => {
    for (let a = 0; a < k; a++) mean[a] += w[i] * t[a];
  });
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  thetas.forEach((t, i) => {
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) cov[a][b] += w[i] * (t[a] - mean[a]) * (t[b] - mean[b]);
  });
  return { mean, cov };
}

/** Lower Cholesky factor of a symmetric positive semi-definite matrix (jittered if needed). */
export function cholesky(m: readonly number[][]): number[][] {
  const k = m.length;
  for (let jitter = 0; jitter < 8; jitter++) {
    const eps = jitter === 0 ? 0 : 1e-12 * 10 ** jitter * Math.max(1e-300, ...m.map((r, i) => r[i]));
    const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    let ok = true;
    for (let i = 0; i < k && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = m[i][j] + (i === j ? eps : 0);
        for (let q = 0; q < j; q++) s -= l[i][q] * l[j][q];
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i][i] = Math.sqrt(s);
        } else l[i][j] = s / l[j][j];
      }
    }
    if (ok) return l;
  }
  return m.map((r, i) => r.map((_, j) => (i === j ? Math.sqrt(Math.max(0, m[i][i])) : 0)));
}

/** Reflects x into [lo, hi] (keeps a symmetric random walk symmetric). */
export function reflect(x: number, lo: number, hi: number): number {
  const w = hi - lo;
  if (!(w > 0)) return lo;
  let y = (x - lo) % (2 * w);
  if (y < 0) y += 2 * w;
  return lo + (y > w ? 2 * w - y : y);
}

/**
 * Random-walk proposals θ' = θ + L z, LLᵀ = scale·Σ̂, per particle, reflected into the prior box.
 * The covariance is floored at 1e-6 of the prior's variance so a collapsed population still moves.
 */
export function propose(pop: Population, priors: readonly PriorRange[], rng: Rng, scale = 2): number[][] {
  const thetas = pop.particles.map((p) => p.theta);
  const { cov } = weightedMoments(thetas, pop.weights);
  const k = priors.length;
  for (let a = 0; a < k; a++) {
    const floor = 1e-6 * ((priors[a].hi - priors[a].lo) ** 2 / 12);
    cov[a][a] = Math.max(cov[a][a], floor);
  }
  const l = cholesky(cov.map((r) => r.map((v) => scale * v)));
  return thetas.map((t) => {
    const z = Array.from({ length: k }, () => normal(rng));
    return t.map((x, a) => {
      let s = x;
      for (let b = 0; b <= a; b++) s += l[a][b] * z[b];
      return reflect(s, priors[a].lo, priors[a].hi);
    });
  });
}

/** Metropolis–Hastings acceptance under K_ε with a uniform prior and a symmetric proposal. */
export function accepts(current: number, proposed: number, eps: number, u: number): boolean {
  const logr = logKernel(proposed, eps) - logKernel(current, eps);
  if (Number.isNaN(logr)) return false;
  return Math.log(u) < logr;
}

/** Weighted quantile (weights normalised). */
export function weightedQuantile(values: readonly number[], w: readonly number[], q: number): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  let c = 0;
  for (const i of idx) {
    c += w[i];
    if (c >= q - 1e-12) return values[i];
  }
  return values[idx[idx.length - 1]];
}

export interface GenerationLog {
  generation: number;
  epsilon: number;
  ess: number;
  resampled: boolean;
  /** Share of MH proposals accepted (generation 0: 1). */
  acceptance: number;
  runs: number;
  /** Weighted median distance of the population after the generation. */
  medianDistance: number;
}

export interface SmcOptions {
  priors: readonly PriorRange[];
  particles: number;
  /** Most generations, the prior sample included. */
  generations: number;
  /** Share of the ESS kept when the bandwidth shrinks (default 0.5). */
  alpha?: number;
  /** Smallest bandwidth (1: the noise level of the distance). */
  epsMin?: number;
  /** Generations of MH moves to run at εmin before stopping (default 2). */
  finalMoves?: number;
  seed: number;
  /** Simulates a batch of parameter vectors (one generation); returns their distances and moments. */
  simulate: (generation: number, thetas: number[][], epsilon: number) => Promise<Particle[]>;
  /** Called after each generation. */
  onGeneration?: (log: GenerationLog, pop: Population) => void;
}

export interface SmcResult {
  population: Population;
  log: GenerationLog[];
  /** ε reached εmin and the final moves were run. */
  converged: boolean;
}

/** The ABC-SMC loop (see the file comment). */
export async function abcSmc(options: SmcOptions): Promise<SmcResult> {
  const n = options.particles;
  const alpha = options.alpha ?? 0.5;
  const epsMin = options.epsMin ?? 1;
  const finalMoves = options.finalMoves ?? 2;
  const log: GenerationLog[] = [];
  const thetas0 = priorSample(options.priors, n, rngFor(options.seed, "prior"));
  const particles0 = await options.simulate(0, thetas0, Number.POSITIVE_INFINITY);
  let pop: Population = { particles: particles0, weights: particles0.map(() => 1 / n), epsilon: Infinity };
  const note = (entry: GenerationLog) => {
    log.push(entry);
    options.onGeneration?.(entry, pop);
  };
  const medianDistance = () =>
    weightedQuantile(
      pop.particles.map((p) => p.distance),
      pop.weights,
      0.5,
    );
  note({
    generation: 0,
    epsilon: Infinity,
    ess: n,
    resampled: false,
    acceptance: 1,
    runs: n,
    medianDistance: medianDistance(),
  });
  let atMin = 0;
  for (let g = 1; g < options.generations; g++) {
    const eps = nextEpsilon(pop, alpha, epsMin);
    let weights = reweight(pop, eps);
    let particles = pop.particles;
    let resampled = false;
    if (ess(weights) < n / 2) {
      const idx = systematicResample(weights, n, rngFor(options.seed, g, "resample")());
      particles = idx.map((i) => particles[i]);
      weights = particles.map(() => 1 / n);
      resampled = true;
    }
    pop = { particles, weights, epsilon: eps };
    const rng = rngFor(options.seed, g, "move");
    const proposals = propose(pop, options.priors, rng);
    const simulated = await options.simulate(g, proposals, eps);
    let accepted = 0;
    const moved = particles.map((p, i) => {
      if (accepts(p.distance, simulated[i].distance, eps, rng())) {
        accepted++;
        return simulated[i];
      }
      return p;
    });
    pop = { particles: moved, weights, epsilon: eps };
    const essNow = ess(weights);
    note({
      generation: g,
      epsilon: eps,
      ess: essNow,
      resampled,
      acceptance: accepted / n,
      runs: n,
      medianDistance: medianDistance(),
    });
    if (eps <= epsMin) atMin++;
    if (atMin >= finalMoves) return { population: pop, log, converged: true };
  }
  return { population: pop, log, converged: false };
}
