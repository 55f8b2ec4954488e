import { INSTRUMENT_NAMES } from "../model/params.js";
import type { RunResult, TickMetricName } from "../model/types.js";

/**
 * The per-run outcomes of one simulation: what runs.jsonl stores for every job and what
 * `compare` differences between scenarios. A pure function of the run result (RunResult), next
 * to the engine that ships it between threads and stores it; src/analysis reads it from here.
 * The key set and its order are fixed (SUMMARY_KEYS), every value is a finite number or null, so
 * the JSON of a summary is byte-stable. Public spending is summed for every instrument of
 * INSTRUMENT_NAMES (src/model/params.ts), as `cost.<instrument>`.
 */

/** How a summary value is derived from the per-tick series. */
export type SummaryKind = "final" | "sum" | "cost" | "derived";

export interface SummaryField {
  readonly key: string;
  readonly kind: SummaryKind;
  readonly description: string;
}

/** Stocks and states: the value at the last tick. */
const FINAL_METRICS = [
  "firms",
  "smes",
  "startups",
  "tier1",
  "tier2",
  "tier3",
  "employment",
  "smeEmployment",
  "rdStaff",
  "output",
  "smeOutput",
  "productivityMean",
  "productivityFrontier",
  "rdPerformers",
  "loansOutstanding",
  "loanRate",
  "guaranteedVolume",
  "policyLoans",
  "vcFunds",
  "collaborations",
  "talentPool",
  "smeProcurementShare",
  "receivableDays",
] as const satisfies readonly TickMetricName[];

/** Flows: the sum over every tick of the run. */
const SUM_METRICS = [
  "entries",
  "spinoffs",
  "exits",
  "exitsCash",
  "exitsInsolvent",
  "exitsShare",
  "innovations",
  "imitations",
  "imitationsBlocked",
  "patents",
  "newLoans",
  "smeNewLoans",
  "creditRationed",
  "defaults",
  "loanLosses",
  "guaranteeCalls",
  "vcDeals",
  "vcInvested",
  "vcExitsIpo",
  "vcExitsAcquisition",
  "vcWriteOffs",
  "licences",
  "talentOutflow",
  "challengesWon",
  "rdPrivate",
  "rdPublic",
  "taxRevenue",
  "publicSpending",
] as const satisfies readonly TickMetricName[];

const DERIVED: readonly SummaryField[] = [
  { key: "ticks", kind: "derived", description: "Length of the run (quarters)" },
  {
    key: "smeSurvival",
    kind: "derived",
    description: "Share of the initial SMEs still alive at the end (null without firm records)",
  },
  {
    key: "productivityGrowth",
    kind: "derived",
    description: "Mean productivity at the end over mean productivity at the first tick, minus 1",
  },
  {
    key: "rdIntensity",
    kind: "derived",
    description: "Private plus public R&D over the run divided by output over the run",
  },
  {
    key: "booksMaxResidual",
    kind: "derived",
    description: "Largest absolute accounting residual at any tick (must be 0)",
  },
];

/** Every summary key with its kind, in output order. */
export const SUMMARY_FIELDS: readonly SummaryField[] = [
  ...FINAL_METRICS.map((key) => ({ key, kind: "final" as const, description: `${key} at the last tick` })),
  ...SUM_METRICS.map((key) => ({ key, kind: "sum" as const, description: `${key} summed over the run` })),
  ...INSTRUMENT_NAMES.map((name) => ({
    key: `cost.${name}`,
    kind: "cost" as const,
    description: `Public spending on ${name} over the run (M)`,
  })),
  ...DERIVED,
];

/** The summary's keys, in the order every summary object has them. */
export const SUMMARY_KEYS: readonly string[] = SUMMARY_FIELDS.map((f) => f.key);

/** A summary: SUMMARY_KEYS in order, each a finite number or null (undefined, NaN, ±Infinity). */
export type Summary = Record<string, number | null>;

/** A number as JSON stores it stably: -0 becomes 0, NaN and infinities become null. */
export function stableNumber(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function last(a: Float64Array): number {
  return a.length > 0 ? a[a.length - 1] : Number.NaN;
}

/** Share of the initial SMEs (kind 0, origin 0) alive at the end; NaN without firm records. */
function initialSmeSurvival(result: RunResult): number {
  const f = result.firms;
  if (!f) return Number.NaN;
  let cohort = 0;
  let alive = 0;
  for (let i = 0; i < f.id.length; i++) {
    if (f.kind[i] !== 0 || f.origin[i] !== 0) continue;
    cohort++;
    if (f.exitTick[i] < 0) alive++;
  }
  return cohort > 0 ? alive / cohort : Number.NaN;
}

/**
 * The outcomes of one run, as raw numbers in SUMMARY_KEYS order (NaN where undefined).
 * The engine ships this array between threads; `summarize` turns it into an object.
 */
export function summaryValues(result: RunResult): Float64Array {
  const s = result.series;
  const out = new Float64Array(SUMMARY_KEYS.length);
  let k = 0;
  for (const m of FINAL_METRICS) out[k++] = last(s[m]);
  for (const m of SUM_METRICS) out[k++] = sum(s[m]);
  for (const name of INSTRUMENT_NAMES) out[k++] = sum(result.spending[name]);
  out[k++] = result.ticks;
  out[k++] = initialSmeSurvival(result);
  const p = s.productivityMean;
  out[k++] = p.length > 0 && p[0] > 0 ? last(p) / p[0] - 1 : Number.NaN;
  const output = sum(s.output);
  out[k++] = output > 0 ? (sum(s.rdPrivate) + sum(s.rdPublic)) / output : Number.NaN;
  let maxResidual = 0;
  for (const r of s.booksResidual) maxResidual = Math.max(maxResidual, Math.abs(r));
  out[k++] = maxResidual;
  return out;
}

/** Turns raw summary values (SUMMARY_KEYS order) into a summary object with stable numbers. */
export function summaryFromValues(values: ArrayLike<number>): Summary {
  if (values.length !== SUMMARY_KEYS.length) {
    throw new Error(`summary has ${values.length} values, want ${SUMMARY_KEYS.length}`);
  }
  const out: Summary = {};
  for (let i = 0; i < SUMMARY_KEYS.length; i++) out[SUMMARY_KEYS[i]] = stableNumber(values[i]);
  return out;
}

/** The per-run outcomes of a run: final values, sums over the run, costs, derived figures. */
export function summarize(result: RunResult): Summary {
  return summaryFromValues(summaryValues(result));
}
