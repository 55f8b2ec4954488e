import type { TickMetricName } from "../model/types.js";
import { cumulative, last, type RunOutputs, sum } from "./runs.js";

/**
 * The key outcomes a comparison reports, each a number per run "at the horizon": a count summed
 * over the run, or a level at the last tick. `overTime` gives the same outcome tick by tick, so
 * the effect can be followed along the run.
 */
export interface Outcome {
  key: OutcomeKey;
  /** Unit of the value (catalogue key suffix: see i18n `unit.*`). */
  unit: UnitKey;
  /** "total": summed over the run; "level": value at the horizon; "share": a proportion. */
  kind: "total" | "level" | "share";
  atHorizon(run: RunOutputs): number;
  overTime(run: RunOutputs): number[];
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

const total = (key: OutcomeKey, metric: TickMetricName, unit: UnitKey = "count"): Outcome => ({
  key,
  unit,
  kind: "total",
  atHorizon: (r) => sum(r.series[metric]),
  overTime: (r) => cumulative(r.series[metric]),
});

const level = (key: OutcomeKey, metric: TickMetricName, unit: UnitKey): Outcome => ({
  key,
  unit,
  kind: "level",
  atHorizon: (r) => last(r.series[metric]),
  overTime: (r) => Array.from(r.series[metric]),
});

export const OUTCOMES: readonly Outcome[] = [
  total("innovations", "innovations"),
  total("patents", "patents"),
  level("productivity", "productivityMean", "index"),
  level("output", "output", "mPerQuarter"),
  level("employment", "employment", "workers"),
  {
    key: "smeSurvival",
    unit: "share",
    kind: "share",
    atHorizon: (r) => {
      const s = initialSmeSurvival(r);
      return s[s.length - 1] ?? Number.NaN;
    },
    overTime: initialSmeSurvival,
  },
  total("startups", "entries", "firms"),
  total("vcDeals", "vcDeals"),
  {
    key: "vcExits",
    unit: "count",
    kind: "total",
    atHorizon: (r) => sum(r.series.vcExitsIpo) + sum(r.series.vcExitsAcquisition),
    overTime: (r) => {
      const ipo = cumulative(r.series.vcExitsIpo);
      const acq = cumulative(r.series.vcExitsAcquisition);
      return ipo.map((v, i) => v + acq[i]);
    },
  },
  total("loanDefaults", "defaults", "firms"),
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
  const out = new Array<number>(r.ticks).fill(Number.NaN);
  const f = r.firms;
  if (!f) return out;
  const exitsAt = new Array<number>(r.ticks).fill(0);
  let initial = 0;
  for (let i = 0; i < f.kind.length; i++) {
    if (f.kind[i] !== 0 || f.origin[i] !== 0) continue;
    initial++;
    const t = f.exitTick[i];
    if (t >= 0 && t < r.ticks) exitsAt[t]++;
  }
  if (initial === 0) return out;
  let alive = initial;
  for (let t = 0; t < r.ticks; t++) {
    alive -= exitsAt[t];
    out[t] = alive / initial;
  }
  return out;
}

/** Public money, gross and net of profit tax, summed over the run (M). */
export const fiscal = {
  publicSpending: (r: RunOutputs) => sum(r.series.publicSpending),
  taxRevenue: (r: RunOutputs) => sum(r.series.taxRevenue),
  /** Public spending minus tax revenue; its difference against the baseline is the net public cost. */
  netOutlay: (r: RunOutputs) => sum(r.series.publicSpending) - sum(r.series.taxRevenue),
  netOutlayOverTime: (r: RunOutputs) => {
    const s = cumulative(r.series.publicSpending);
    const t = cumulative(r.series.taxRevenue);
    return s.map((v, i) => v - t[i]);
  },
};

/** The outcomes cost-effectiveness divides by, each with the per-run value it uses. */
export const CE_TARGETS = [
  { key: "innovations", value: (r: RunOutputs) => sum(r.series.innovations), unit: "count" },
  { key: "jobs", value: (r: RunOutputs) => last(r.series.employment), unit: "workers" },
  { key: "output", value: (r: RunOutputs) => sum(r.series.output), unit: "m" },
] as const;
export type CeTargetKey = (typeof CE_TARGETS)[number]["key"];
