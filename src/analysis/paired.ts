import { type BootstrapOptions, bootstrapMean, type Interval, meanOf } from "./bootstrap.js";

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

/** The effect of a scenario on one outcome: paired mean difference with a bootstrap CI. */
export interface PairedEffect {
  n: number;
  baselineMean: number;
  scenarioMean: number;
  /** Mean of the per-seed differences (scenario − baseline) with its 95% bootstrap interval. */
  diff: Interval;
  /** The difference relative to the baseline mean (NaN when that mean is 0). */
  relative: number;
  /** True when the interval excludes 0. */
  significant: boolean;
}

export function pairedEffect(
  baseline: readonly SeededValue[],
  scenario: readonly SeededValue[],
  options: BootstrapOptions = {},
): PairedEffect {
  const p = pairBySeed(baseline, scenario);
  return effectOfDifferences(p.baseline, p.scenario, options);
}

/** The paired effect from two equally long samples already aligned by seed. */
export function effectOfDifferences(
  baseline: readonly number[],
  scenario: readonly number[],
  options: BootstrapOptions = {},
): PairedEffect {
  const diffs = scenario.map((v, i) => v - baseline[i]);
  const diff = bootstrapMean(diffs, options);
  const baselineMean = meanOf(baseline);
  return {
    n: diffs.length,
    baselineMean,
    scenarioMean: meanOf(scenario),
    diff,
    relative: baselineMean === 0 ? Number.NaN : diff.estimate / Math.abs(baselineMean),
    significant: isSignificant(diff),
  };
}

/** An interval that lies wholly on one side of 0. */
export function isSignificant(i: Interval): boolean {
  return i.n > 1 && (i.lo > 0 || i.hi < 0);
}
