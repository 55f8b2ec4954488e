import type { TickMetricName } from "../model/types.js";
import { last, type RunOutputs } from "./runs.js";

/**
 * The key outcomes a comparison reports, each a number per run over an evaluation window that
 * starts at quarter `from` (0-based; the policy start) and ends at the horizon: a count summed
 * over the window, a level at the last quarter, or a share. `overTime` gives the same outcome
 * quarter by quarter (a count cumulated from `from`, 0 before it), so the effect can be followed
 * along the run and its value at the horizon is `atHorizon`.
 */
export interface Outcome {
  key: OutcomeKey;
  /** Unit of the value (catalogue key suffix: see i18n `unit.*`). */
  unit: UnitKey;
  /** "total": summed over the window; "level": value at the horizon; "share": a proportion. */
  kind: "total" | "level" | "share";
  atHorizon(run: RunOutputs, from?: number): number;
  overTime(run: RunOutputs, from?: number): number[];
}

export type UnitKey = "count" | "firms" | "workers" | "index" | "mPerQuarter" | "m" | "share";

export const OUTCOME_KEYS = [
  "innovations",
  "patents",
  "productivity",
  "output",
  "employment",
  "smeSurvival",
  "startups",
  "vcDeals",
  "vcExits",
  "loanDefaults",
] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** Sum of xs over quarters [from, end). */
export function sumFrom(xs: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let i = Math.max(0, from); i < xs.length; i++) s += xs[i];
  return s;
}

/** Running sum of xs from quarter `from` on (0 before it). */
export function cumulativeFrom(xs: ArrayLike<number>, from = 0): number[] {
  const out = new Array<number>(xs.length).fill(0);
  let s = 0;
  for (let i = Math.max(0, from); i < xs.length; i++) {
    s += xs[i];
    out[i] = s;
  }
  return out;
}

const total = (key: OutcomeKey, metrics: readonly TickMetricName[], unit: UnitKey = "count"): Outcome => ({
  key,
  unit,
  kind: "total",
  atHorizon: (r, from = 0) => metrics.reduce((s, m) => s + sumFrom(r.series[m], from), 0),
  overTime: (r, from = 0) => {
    const parts = metrics.map((m) => cumulativeFrom(r.series[m], from));
    return parts[0].map((_, i) => parts.reduce((s, p) => s + p[i], 0));
  },
});

const level = (key: OutcomeKey, metric: TickMetricName, unit: UnitKey): Outcome => ({
  key,
  unit,
  kind: "level",
  atHorizon: (r) => last(r.series[metric]),
  overTime: (r) => Array.from(r.series[metric]),
});

export const OUTCOMES: readonly Outcome[] = [
  total("innovations", ["innovations"]),
  total("patents", ["patents"]),
  level("productivity", "productivityMean", "index"),
  // output summed over the window (M), so cost per extra unit of output is a cost per M produced
  total("output", ["output"], "m"),
  level("employment", "employment", "workers"),
  {
    key: "smeSurvival",
    unit: "share",
    kind: "share",
    atHorizon: (r, from = 0) => {
      const s = smeSurvivalFrom(r, from);
      return s[s.length - 1] ?? Number.NaN;
    },
    overTime: smeSurvivalFrom,
  },
  total("startups", ["entries"], "firms"),
  total("vcDeals", ["vcDeals"]),
  total("vcExits", ["vcExitsIpo", "vcExitsAcquisition"]),
  total("loanDefaults", ["defaults"], "firms"),
];

export function outcome(key: OutcomeKey): Outcome {
  const o = OUTCOMES.find((x) => x.key === key);
  if (!o) throw new Error(`unknown outcome ${key}`);
  return o;
}

/**
 * Share of the SMEs alive at the start that are still alive after each tick (an exit in tick t
 * counts from t on). Without firm records the share is unknown: NaN at every tick.
 */
export function initialSmeSurvival(r: RunOutputs): number[] {
  return smeSurvivalFrom(r, 0);
}

/**
 * Share of the SMEs alive when quarter `from` starts (entered before it, not yet exited) that are
 * still alive after each later quarter; NaN before `from` and without firm records.
 */
export function smeSurvivalFrom(r: RunOutputs, from = 0): number[] {
  const out = new Array<number>(r.ticks).fill(Number.NaN);
  const f = r.firms;
  if (!f) return out;
  const start = Math.max(0, from);
  const exitsAt = new Array<number>(r.ticks).fill(0);
  let cohort = 0;
  for (let i = 0; i < f.kind.length; i++) {
    if (f.kind[i] !== 0) continue;
    // the initial SMEs (origin 0) are there from the start; an entrant joins in its entry tick
    const present = start === 0 ? f.origin[i] === 0 : f.entryTick[i] < start;
    const t = f.exitTick[i];
    if (!present || (t >= 0 && t < start)) continue;
    cohort++;
    if (t >= 0 && t < r.ticks) exitsAt[t]++;
  }
  if (cohort === 0) return out;
  let alive = cohort;
  for (let t = start; t < r.ticks; t++) {
    alive -= exitsAt[t];
    out[t] = alive / cohort;
  }
  return out;
}

/**
 * Public money of one run, from the books (ODD §2.4). `netPosition` is the government's net
 * financial position at the horizon; a mix's net public cost is the baseline's position minus
 * the mix's on the same seed. The parts over the window [from, horizon):
 * - `taxExpenditure`: revenue forgone through tax instruments (credits, capital-gains relief,
 *   refunds included), what the government gives up at the firms' actual activity;
 * - `grossTax`: the tax the activity would have paid without those instruments (collected plus
 *   forgone); its fall against the baseline is the second-round tax effect;
 * - `instrumentSpending`: what the instruments book as their cost (gross; some items, such as a
 *   policy bank's interest discount, are imputed and not cash).
 */
export const fiscal = {
  netPosition: (r: RunOutputs) => last(r.series.governmentNetPosition),
  taxExpenditure: (r: RunOutputs, from = 0) => sumFrom(r.series.taxForgone, from),
  grossTax: (r: RunOutputs, from = 0) =>
    sumFrom(r.series.taxRevenue, from) + sumFrom(r.series.taxForgone, from),
  instrumentSpending: (r: RunOutputs, from = 0) => sumFrom(r.series.publicSpending, from),
  output: (r: RunOutputs, from = 0) => sumFrom(r.series.output, from),
};

/** The outcomes cost-effectiveness divides by: the effects table's own definitions. */
export const CE_TARGETS = [
  { key: "innovations", outcome: "innovations", unit: "count" },
  { key: "jobs", outcome: "employment", unit: "workers" },
  { key: "output", outcome: "output", unit: "m" },
] as const satisfies readonly { key: string; outcome: OutcomeKey; unit: string }[];
export type CeTargetKey = (typeof CE_TARGETS)[number]["key"];
