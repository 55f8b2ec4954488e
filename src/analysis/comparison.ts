import { INSTRUMENT_NAMES, type InstrumentName } from "../model/params.js";
import type { Interval } from "./bootstrap.js";
import { tMeanInterval } from "./intervals.js";
import {
  CE_TARGETS,
  type CeTargetKey,
  fiscal,
  OUTCOMES,
  type OutcomeKey,
  outcome,
  sumFrom,
} from "./outcomes.js";
import { effectOfDifferences, markDiscoveries, type PairedEffect, pairBySeed } from "./paired.js";
import { type RatioInterval, ratioOfMeansInterval } from "./ratio.js";
import type { RunOutputs, ScenarioRuns } from "./runs.js";
import { ccdf, smeSizesAtHorizon } from "./sizes.js";
import { kaplanMeier, startupDurations } from "./survival.js";

/** Why a cost-effectiveness ratio is not reported. */
export type CeNaReason = "effectNegative" | "noNetCost" | "noRecords";

export interface EffectRow {
  scenario: string;
  outcome: OutcomeKey;
  effect: PairedEffect;
}

/**
 * The net public cost of a mix against the baseline on the same seeds (M), from the books: the
 * fall of the government's net financial position at the horizon (cash and funds' money, plus
 * public loans outstanding, plus the public share of guidance funds, less the guarantee
 * provision). It splits exactly into three parts, each a paired t interval:
 * netCost = spending + taxExpenditure + secondRoundTax.
 */
export interface FiscalRow {
  scenario: string;
  netCost: Interval;
  /**
   * Every other public flow, net: the instruments' outlays less what comes back (fees, interest,
   * repayments, fund returns), and the change in public purchases and bank rescues as the economy
   * moves (public purchases follow nominal demand, which follows the wage).
   */
  spending: Interval;
  /** Revenue forgone through the tax instruments (credits, capital-gains relief, refunds). */
  taxExpenditure: Interval;
  /** Fall of the tax the activity would pay without the tax instruments (negative: extra tax). */
  secondRoundTax: Interval;
  /** Memo: what the instruments book as their cost (gross; includes imputed interest discounts). */
  instrumentSpending: Interval;
  /** The net cost as a share of the baseline's output over the evaluation window. */
  shareOfOutput: Interval;
}

export interface CeRow {
  scenario: string;
  target: CeTargetKey;
  /**
   * Net public cost per extra unit of the target (Fieller's 95% set), or null with the reason.
   * When the target's effect is not distinguishable from 0 the set is unbounded (`bounded`
   * false): never a finite interval across the singularity.
   */
  ratio: RatioInterval | null;
  reason: CeNaReason | null;
  /** The paired effect on the target (the denominator): the effects table's own row. */
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
  /**
   * The evaluation window, 1-based quarters [from, to]: from the earliest policy start of the
   * compared mixes to the horizon. Counts are summed over it, levels read at its end.
   */
  window: { from: number; to: number };
  /** Each scenario's policy start (1-based quarter the instruments act from). */
  policyStart: Record<string, number>;
  /** Every effect is marked at this false-discovery rate (Benjamini–Hochberg over the table). */
  fdr: number;
  effects: EffectRow[];
  fiscal: FiscalRow[];
  costEffectiveness: CeRow[];
  /** Mean of each outcome per scenario and tick with a 95% t band (chart 1). */
  levels: TimePoint[];
  /** Paired effect of each scenario per tick (the effect over time), 95% t band. */
  effectsOverTime: TimePoint[];
  /** Mean public spending per instrument over the window (M), per scenario (chart 7). */
  spending: { scenario: string; instrument: InstrumentName; total: number }[];
  /** Complementary CDF of SME sizes at the horizon, runs pooled (chart 4). */
  sizes: { scenario: string; size: number; share: number }[];
  /** Kaplan–Meier survival of start-up cohorts, runs pooled (chart 5). */
  survival: { scenario: string; age: number; survival: number; lo: number; hi: number }[];
}

export interface CompareOptions {
  /** Confidence level of every interval; 0.95 by default. */
  level?: number;
  /** False-discovery rate of the stars; 0.05 by default. */
  fdr?: number;
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
  const level = options.level ?? 0.95;
  const fdr = options.fdr ?? 0.05;
  const outcomes = OUTCOMES.filter((o) => !options.outcomes || options.outcomes.includes(o.key));
  const [base, ...others] = all;
  const ticks = Math.min(...all.flatMap((s) => s.runs.map((r) => r.ticks)));
  const policyStart = Object.fromEntries(all.map((s) => [s.name, Math.min(ticks, s.policyStart ?? 0) + 1]));
  const from = Math.min(...others.map((s) => Math.min(ticks - 1, s.policyStart ?? 0)));
  const aligned = new Map<string, RunOutputs[]>();
  aligned.set(base.name, base.runs);
  for (const s of others) aligned.set(s.name, alignRuns(base.runs, s.runs));
  const interval = (xs: ArrayLike<number>): Interval => pick(tMeanInterval(xs, level));

  const effects: EffectRow[] = [];
  const fiscalRows: FiscalRow[] = [];
  const effectsOverTime: TimePoint[] = [];
  const baseOutput = base.runs.map((r) => fiscal.output(r, from));
  const meanBaseOutput = baseOutput.reduce((a, b) => a + b, 0) / Math.max(1, baseOutput.length);
  const costDiffsOf = new Map<string, number[]>();
  for (const s of others) {
    const runs = aligned.get(s.name)!;
    const pairedDiff = (f: (r: RunOutputs) => number) => runs.map((r, i) => f(r) - f(base.runs[i]));
    for (const o of outcomes) {
      const b = base.runs.map((r) => o.atHorizon(r, from));
      const x = runs.map((r) => o.atHorizon(r, from));
      effects.push({ scenario: s.name, outcome: o.key, effect: effectOfDifferences(b, x, { level }) });
      const bt = base.runs.map((r) => o.overTime(r, from));
      const xt = runs.map((r) => o.overTime(r, from));
      for (let t = from; t < ticks; t++) {
        const d = xt.map((v, i) => v[t] - bt[i][t]);
        if (d.some((v) => !Number.isFinite(v))) continue;
        effectsOverTime.push({ scenario: s.name, outcome: o.key, tick: t + 1, ...interval(d) });
      }
    }
    // the cost is the fall of the net position; the parts are paired over the same seeds
    const costDiffs = runs.map((r, i) => fiscal.netPosition(base.runs[i]) - fiscal.netPosition(r));
    costDiffsOf.set(s.name, costDiffs);
    const taxExp = pairedDiff((r) => fiscal.taxExpenditure(r, from));
    const secondRound = pairedDiff((r) => -fiscal.grossTax(r, from));
    const spending = costDiffs.map((c, i) => c - taxExp[i] - secondRound[i]);
    fiscalRows.push({
      scenario: s.name,
      netCost: interval(costDiffs),
      spending: interval(spending),
      taxExpenditure: interval(taxExp),
      secondRoundTax: interval(secondRound),
      instrumentSpending: interval(pairedDiff((r) => fiscal.instrumentSpending(r, from))),
      shareOfOutput: interval(costDiffs.map((c) => (meanBaseOutput > 0 ? c / meanBaseOutput : Number.NaN))),
    });
  }
  markDiscoveries(
    effects.map((e) => e.effect),
    fdr,
  );

  const ce: CeRow[] = [];
  for (const s of others) {
    const runs = aligned.get(s.name)!;
    const costDiffs = costDiffsOf.get(s.name)!;
    const netCost = fiscalRows.find((f) => f.scenario === s.name)!.netCost;
    for (const target of CE_TARGETS) {
      const o = outcome(target.outcome);
      const gains = runs.map((r, i) => o.atHorizon(r, from) - o.atHorizon(base.runs[i], from));
      const row = effects.find((e) => e.scenario === s.name && e.outcome === target.outcome);
      const effect =
        row?.effect ??
        effectOfDifferences(
          base.runs.map((r) => o.atHorizon(r, from)),
          runs.map((r) => o.atHorizon(r, from)),
          { level },
        );
      const reason = ceReason(effect, netCost);
      ce.push({
        scenario: s.name,
        target: target.key,
        ratio: reason ? null : ratioOfMeansInterval(costDiffs, gains, level),
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
      const series = runs.map((r) => o.overTime(r, from));
      for (let t = o.kind === "level" ? 0 : from; t < ticks; t++) {
        const v = series.map((x) => x[t]);
        if (v.some((x) => !Number.isFinite(x))) continue;
        levels.push({ scenario: s.name, outcome: o.key, tick: t + 1, ...interval(v) });
      }
    }
    for (const instrument of INSTRUMENT_NAMES) {
      const totals = runs.map((r) => {
        const xs = r.spending[instrument];
        return xs ? sumFrom(xs, from) : 0;
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
    window: { from: from + 1, to: ticks },
    policyStart,
    fdr,
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
  // a gain the interval cannot tell from 0 still gets a ratio: Fieller's set is then unbounded
  if (effect.significant && effect.diff.estimate < 0) return "effectNegative";
  if (netCost.estimate <= 0) return "noNetCost";
  return null;
}

function pick(i: Interval): Interval {
  return { estimate: i.estimate, lo: i.lo, hi: i.hi, n: i.n };
}
