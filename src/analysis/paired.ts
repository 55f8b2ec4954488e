import { type Interval, meanOf } from "./bootstrap.js";
import { benjaminiHochberg } from "./fdr.js";
import { tMeanInterval } from "./intervals.js";

/** One observation of an outcome in one run, tagged with the seed the run used. */
export interface SeededValue {
  seed: number;
  value: number;
}

/** Raised when two scenarios were not run on the same seeds (common random numbers broken). */
export class SeedMismatchError extends Error {
  constructor(detail: string) {
    super(`paired comparison needs the same seeds in both scenarios (common random numbers): ${detail}`);
    this.name = "SeedMismatchError";
  }
}

/**
 * Pairs two samples by seed and returns scenario − baseline for each seed, in the baseline's
 * seed order. Every seed must occur exactly once on each side.
 */
export function pairBySeed(baseline: readonly SeededValue[], scenario: readonly SeededValue[]) {
  const bySeed = new Map<number, number>();
  for (const { seed, value } of scenario) {
    if (bySeed.has(seed)) throw new SeedMismatchError(`seed ${seed} occurs twice in the scenario`);
    bySeed.set(seed, value);
  }
  if (bySeed.size !== baseline.length) {
    throw new SeedMismatchError(`${baseline.length} baseline runs but ${bySeed.size} scenario runs`);
  }
  const seeds: number[] = [];
  const base: number[] = [];
  const scen: number[] = [];
  const seen = new Set<number>();
  for (const { seed, value } of baseline) {
    if (seen.has(seed)) throw new SeedMismatchError(`seed ${seed} occurs twice in the baseline`);
    seen.add(seed);
    const other = bySeed.get(seed);
    if (other === undefined) throw new SeedMismatchError(`seed ${seed} has no scenario run`);
    seeds.push(seed);
    base.push(value);
    scen.push(other);
  }
  const diffs = scen.map((v, i) => v - base[i]);
  return { seeds, baseline: base, scenario: scen, diffs };
}

/**
 * The effect of a scenario on one outcome: the mean of the per-seed differences with a Student t
 * interval on them (a percentile bootstrap under-covers at the 5–30 seeds a comparison runs; the
 * coverage is tested by simulation in test/analysis-intervals.test.ts).
 */
export interface PairedEffect {
  n: number;
  baselineMean: number;
  scenarioMean: number;
  /** Mean of the per-seed differences (scenario − baseline) with its unadjusted 95% t interval. */
  diff: Interval;
  /** The difference relative to the baseline mean (NaN when that mean is 0). */
  relative: number;
  /** Two-sided p-value of the paired t test (NaN for fewer than two seeds). */
  pValue: number;
  /** True when the unadjusted interval excludes 0. */
  significant: boolean;
  /**
   * Benjamini–Hochberg q-value across the table the effect belongs to, and whether it is a
   * discovery at a 5% false-discovery rate (what a star marks). Alone, q = p.
   */
  qValue: number;
  discovery: boolean;
}

export function pairedEffect(
  baseline: readonly SeededValue[],
  scenario: readonly SeededValue[],
  options: { level?: number } = {},
): PairedEffect {
  const p = pairBySeed(baseline, scenario);
  return effectOfDifferences(p.baseline, p.scenario, options);
}

/** The paired effect from two equally long samples already aligned by seed. */
export function effectOfDifferences(
  baseline: readonly number[],
  scenario: readonly number[],
  options: { level?: number } = {},
): PairedEffect {
  const diffs = scenario.map((v, i) => v - baseline[i]);
  const t = tMeanInterval(diffs, options.level ?? 0.95);
  const diff: Interval = { estimate: t.estimate, lo: t.lo, hi: t.hi, n: t.n };
  const baselineMean = meanOf(baseline);
  const significant = isSignificant(diff);
  return {
    n: diffs.length,
    baselineMean,
    scenarioMean: meanOf(scenario),
    diff,
    relative: baselineMean === 0 ? Number.NaN : diff.estimate / Math.abs(baselineMean),
    pValue: t.pValue,
    significant,
    qValue: t.pValue,
    discovery: significant,
  };
}

/** An interval that lies wholly on one side of 0. */
export function isSignificant(i: Interval): boolean {
  return i.n > 1 && (i.lo > 0 || i.hi < 0);
}

/**
 * Marks the discoveries of a table of effects at a false-discovery rate `q` (Benjamini–Hochberg
 * over every effect with a p-value), in place: many outcomes times many mixes would otherwise
 * star about one effect in twenty by chance alone.
 */
export function markDiscoveries(effects: readonly PairedEffect[], q = 0.05): void {
  const qs = benjaminiHochberg(effects.map((e) => e.pValue));
  effects.forEach((e, k) => {
    e.qValue = qs[k];
    e.discovery = Number.isFinite(qs[k]) && qs[k] <= q && e.n > 1;
  });
}
