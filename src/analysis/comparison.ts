import type { InstrumentName } from "../model/params.js";
import { type BootstrapOptions, bootstrapMean, bootstrapRatioOfMeans, type Interval } from "./bootstrap.js";
import { CE_TARGETS, type CeTargetKey, fiscal, OUTCOMES, type OutcomeKey } from "./outcomes.js";
import { effectOfDifferences, isSignificant, type PairedEffect, pairBySeed } from "./paired.js";
import { type RunOutputs, type ScenarioRuns, sum } from "./runs.js";
import { ccdf, smeSizesAtHorizon } from "./sizes.js";
import { SPENDING_INSTRUMENTS } from "./summary.js";
import { kaplanMeier, startupDurations } from "./survival.js";

/** Why a cost-effectiveness ratio is not reported. */
export type CeNaReason = "effectNotSignificant" | "effectNegative" | "noNetCost" | "noRecords";

export interface EffectRow {
  scenario: string;
  outcome: OutcomeKey;
  effect: PairedEffect;
}

export interface FiscalRow {
  scenario: string;
  /** Extra public spending on instruments over the run (M), paired against the baseline. */
  extraSpending: Interval;
  /** Extra profit-tax revenue over the run (M). */
  extraTax: Interval;
  /** Extra spending minus extra tax revenue (M): the net public cost. */
  netCost: Interval;
}

export interface CeRow {
  scenario: string;
  target: CeTargetKey;
  /** Net public cost per extra unit of the target, or null with the reason. */
  ratio: Interval | null;
  reason: CeNaReason | null;
  /** The paired effect on the target (the denominator). */
  effect: PairedEffect;
  netCost: Interval;
}

export interface TimePoint {
  scenario: string;
  outcome: OutcomeKey;
  tick: number;
  estimate: number;
  lo: number;
  hi: number;
}

export interface Comparison {
  baseline: string;
  scenarios: string[];
  seeds: number[];
  ticks: number;
  effects: EffectRow[];
  fiscal: FiscalRow[];
  costEffectiveness: CeRow[];
  /** Mean of each outcome per scenario and tick with a 95% band (chart 1). */
  levels: TimePoint[];
  /** Paired effect of each scenario per tick (the effect over time). */
  effectsOverTime: TimePoint[];
  /** Mean public spending per instrument over the run (M), per scenario (chart 7). */
  spending: { scenario: string; instrument: InstrumentName; total: number }[];
  /** Complementary CDF of SME sizes at the horizon, runs pooled (chart 4). */
  sizes: { scenario: string; size: number; share: number }[];
  /** Kaplan–Meier survival of start-up cohorts, runs pooled (chart 5). */
  survival: { scenario: string; age: number; survival: number; lo: number; hi: number }[];
}

export interface CompareOptions {
  bootstrap?: BootstrapOptions;
  /** Resamples for the tick-by-tick bands (cheaper than the headline intervals). */
  bandResamples?: number;
  /** Outcomes to report; all by default. */
  outcomes?: readonly OutcomeKey[];
}

/**
 * Compares every scenario against the first (the baseline), seed by seed. Every scenario must
 * hold runs on exactly the baseline's seeds (common random numbers); otherwise this throws.
 */
export function compareScenarios(all: readonly ScenarioRuns[], options: CompareOptions = {}): Comparison {
  if (all.length < 2) throw new Error("a comparison needs a baseline and at least one scenario");
  const names = all.map((s) => s.name);
  if (new Set(names).size !== names.length)
    throw new Error(`scenario names must differ: ${names.join(", ")}`);
  const boot = options.bootstrap ?? {};
  const band = { ...boot, resamples: options.bandResamples ?? 1000 };
  const outcomes = OUTCOMES.filter((o) => !options.outcomes || options.outcomes.includes(o.key));
  const [base, ...others] = all;
  const ticks = Math.min(...all.flatMap((s) => s.runs.map((r) => r.ticks)));
  const aligned = new Map<string, RunOutputs[]>();
  aligned.set(base.name, base.runs);
  for (const s of others) aligned.set(s.name, alignRuns(base.runs, s.runs));

  const effects: EffectRow[] = [];
  const fiscalRows: FiscalRow[] = [];
  const ce: CeRow[] = [];
  const effectsOverTime: TimePoint[] = [];
  for (const s of others) {
    const runs = aligned.get(s.name)!;
    for (const o of outcomes) {
      const b = base.runs.map((r) => o.atHorizon(r));
      const x = runs.map((r) => o.atHorizon(r));
      effects.push({ scenario: s.name, outcome: o.key, effect: effectOfDifferences(b, x, boot) });
      const bt = base.runs.map((r) => o.overTime(r));
      const xt = runs.map((r) => o.overTime(r));
      for (let t = 0; t < ticks; t++) {
        const d = xt.map((v, i) => v[t] - bt[i][t]);
        if (d.some((v) => !Number.isFinite(v))) continue;
        const i = bootstrapMean(d, band);
        effectsOverTime.push({ scenario: s.name, outcome: o.key, tick: t + 1, ...pick(i) });
      }
    }
    const pairedDiff = (f: (r: RunOutputs) => number) => runs.map((r, i) => f(r) - f(base.runs[i]));
    const costDiffs = pairedDiff(fiscal.netOutlay);
    const netCost = bootstrapMean(costDiffs, boot);
    fiscalRows.push({
      scenario: s.name,
      extraSpending: bootstrapMean(pairedDiff(fiscal.publicSpending), boot),
      extraTax: bootstrapMean(pairedDiff(fiscal.taxRevenue), boot),
      netCost,
    });
    for (const target of CE_TARGETS) {
      const gains = pairedDiff(target.value);
      const effect = effectOfDifferences(
        base.runs.map((r) => target.value(r)),
        runs.map((r) => target.value(r)),
        boot,
      );
      const reason = ceReason(effect, netCost);
      ce.push({
        scenario: s.name,
        target: target.key,
        ratio: reason ? null : bootstrapRatioOfMeans(costDiffs, gains, boot),
        reason,
        effect,
        netCost,
      });
    }
  }

  const levels: TimePoint[] = [];
  const spending: Comparison["spending"] = [];
  const sizes: Comparison["sizes"] = [];
  const survival: Comparison["survival"] = [];
  for (const s of all) {
    const runs = aligned.get(s.name)!;
    for (const o of outcomes) {
      const series = runs.map((r) => o.overTime(r));
      for (let t = 0; t < ticks; t++) {
        const v = series.map((x) => x[t]);
        if (v.some((x) => !Number.isFinite(x))) continue;
        levels.push({ scenario: s.name, outcome: o.key, tick: t + 1, ...pick(bootstrapMean(v, band)) });
      }
    }
    for (const instrument of SPENDING_INSTRUMENTS) {
      const totals = runs.map((r) => {
        const xs = r.spending[instrument];
        return xs ? sum(xs) : 0;
      });
      spending.push({ scenario: s.name, instrument, total: totals.reduce((a, b) => a + b, 0) / runs.length });
    }
    for (const p of ccdf(smeSizesAtHorizon(runs))) sizes.push({ scenario: s.name, ...p });
    const { durations, events } = startupDurations(runs);
    if (durations.length > 0) {
      for (const p of kaplanMeier(durations, events)) {
        survival.push({ scenario: s.name, age: p.time, survival: p.survival, lo: p.lo, hi: p.hi });
      }
    }
  }
  return {
    baseline: base.name,
    scenarios: names,
    seeds: base.runs.map((r) => r.seed),
    ticks,
    effects,
    fiscal: fiscalRows,
    costEffectiveness: ce,
    levels,
    effectsOverTime,
    spending,
    sizes,
    survival,
  };
}

/** The scenario's runs in the baseline's seed order; throws unless the seeds match one to one. */
function alignRuns(baseline: readonly RunOutputs[], scenario: readonly RunOutputs[]): RunOutputs[] {
  const bySeed = new Map(scenario.map((r) => [r.seed, r]));
  const p = pairBySeed(
    baseline.map((r) => ({ seed: r.seed, value: 0 })),
    scenario.map((r) => ({ seed: r.seed, value: 0 })),
  );
  return p.seeds.map((seed) => bySeed.get(seed)!);
}

function ceReason(effect: PairedEffect, netCost: Interval): CeNaReason | null {
  if (!Number.isFinite(effect.diff.estimate)) return "noRecords";
  if (!isSignificant(effect.diff)) return "effectNotSignificant";
  if (effect.diff.estimate < 0) return "effectNegative";
  if (netCost.estimate <= 0) return "noNetCost";
  return null;
}

function pick(i: Interval) {
  return { estimate: i.estimate, lo: i.lo, hi: i.hi };
}
