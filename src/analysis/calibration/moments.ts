import { SERIES_COLUMNS } from "../../engine/columns.js";
import type { RunResult } from "../../model/types.js";
import { type FactKey, runFacts } from "../validation/facts.js";

/**
 * The moments a calibration can target: every stylized fact `validate` measures (same ids as
 * validation-targets.ts) plus a few aggregate ratios of the per-quarter series (innovation
 * incidence, R&D participation and intensity, financing shares) and the little giants' age and
 * patents (digest 004). Each is a number per run, computed in the worker that ran it (the firm
 * records never leave the thread); a run where a moment is undefined gives NaN.
 */
export interface MomentDef {
  id: string;
  name: string;
  unit: string;
  /** How it is measured on one run (one line). */
  measure: string;
}

interface MomentImpl extends MomentDef {
  value(ctx: MomentContext): number;
}

interface MomentContext {
  facts: Record<FactKey, number>;
  /** Mean of a series column over the quarters from the burn-in on. */
  mean(column: string): number;
  result: RunResult;
  burnIn: number;
}

const fact =
  (key: FactKey) =>
  (ctx: MomentContext): number =>
    ctx.facts[key];

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : Number.NaN);

/** Mean over alive tier-3 firms of a per-firm quantity (NaN without any). */
function littleGiantMean(ctx: MomentContext, f: (i: number) => number): number {
  const firms = ctx.result.firms;
  if (!firms) return Number.NaN;
  let s = 0;
  let n = 0;
  for (let i = 0; i < firms.tier.length; i++) {
    if (firms.tier[i] !== 3 || firms.exitTick[i] !== -1) continue;
    const v = f(i);
    if (!Number.isFinite(v)) continue;
    s += v;
    n++;
  }
  return n > 0 ? s / n : Number.NaN;
}

/** Share of the SMEs alive at the end with a property (kind 0 = SME in FirmRecords). */
function aliveSmeShare(ctx: MomentContext, has: (i: number) => boolean): number {
  const firms = ctx.result.firms;
  if (!firms) return Number.NaN;
  let n = 0;
  let k = 0;
  for (let i = 0; i < firms.kind.length; i++) {
    if (firms.exitTick[i] !== -1 || firms.kind[i] !== 0) continue;
    n++;
    if (has(i)) k++;
  }
  return n > 0 ? k / n : Number.NaN;
}

const IMPLS: readonly MomentImpl[] = [
  {
    id: "size.paretoAlpha",
    name: "Pareto exponent of the upper size tail",
    unit: "α",
    measure: "Hill MLE above the KS-chosen x_min, firms alive at the end",
    value: fact("paretoAlpha"),
  },
  {
    id: "growth.subbotinB",
    name: "Subbotin shape of yearly log growth",
    unit: "b",
    measure: "exponential-power MLE on demeaned ln(employees_T/employees_T−4)",
    value: fact("subbotinB"),
  },
  {
    id: "growth.subbotinA",
    name: "Subbotin width of yearly log growth",
    unit: "a",
    measure: "scale of the same fit (≈ mean absolute deviation for b = 1)",
    value: fact("subbotinA"),
  },
  ...[1, 2, 5, 10].map(
    (y): MomentImpl => ({
      id: `survival.year${y}`,
      name: `Start-up survival after ${y} year${y > 1 ? "s" : ""}`,
      unit: "share",
      measure: "Kaplan–Meier on start-ups entering after the burn-in",
      value: fact(`survival${y}` as FactKey),
    }),
  ),
  {
    id: "turnover.entryRate",
    name: "Entry rate per year",
    unit: "per SME per year",
    measure: "start-ups in a year over SMEs at its start, mean after the burn-in",
    value: fact("entryRate"),
  },
  {
    id: "turnover.exitRate",
    name: "Exit rate per year",
    unit: "per SME per year",
    measure: "exits in a year over SMEs at its start, mean after the burn-in",
    value: fact("exitRate"),
  },
  {
    id: "turnover.netRate",
    name: "Entry rate − exit rate",
    unit: "per year",
    measure: "difference of the two means after the burn-in",
    value: fact("netRate"),
  },
  {
    id: "rd.participationSlope",
    name: "R&D participation: logit slope in ln size",
    unit: "per ln(employees)",
    measure: "logit of (R&D > 0) on ln employees, SMEs alive at the end",
    value: fact("rdParticipationSlope"),
  },
  {
    id: "rd.shareSmallest",
    name: "R&D participation, smallest size quartile",
    unit: "share",
    measure: "share with R&D > 0 in the lowest employee quartile, SMEs alive at the end",
    value: fact("rdShareQ1"),
  },
  {
    id: "rd.shareLargest",
    name: "R&D participation, largest size quartile",
    unit: "share",
    measure: "share with R&D > 0 in the highest employee quartile, SMEs alive at the end",
    value: fact("rdShareQ4"),
  },
  {
    id: "rd.intensitySlope",
    name: "R&D intensity among performers: slope in ln size",
    unit: "d ln(R&D/sales) / d ln(employees)",
    measure: "OLS among SMEs with R&D > 0",
    value: fact("rdIntensitySlope"),
  },
  {
    id: "rd.persistence",
    name: "R&D persistence over a year",
    unit: "P(R&D | R&D a year before)",
    measure: "surviving SMEs, FirmRecords.rdYearAgo",
    value: fact("rdPersistence"),
  },
  {
    id: "rd.performerShare",
    name: "Share of firms performing R&D",
    unit: "share",
    measure: "mean rdPerformers / mean firms after the burn-in",
    value: (c) => ratio(c.mean("rdPerformers"), c.mean("firms")),
  },
  {
    id: "rd.intensity",
    name: "Aggregate R&D intensity",
    unit: "R&D / sales",
    measure: "mean (rdPrivate + rdPublic) / mean output after the burn-in",
    value: (c) => ratio(c.mean("rdPrivate") + c.mean("rdPublic"), c.mean("output")),
  },
  {
    id: "innovation.perSme",
    name: "Innovations per SME per year",
    unit: "per SME per year",
    measure: "4 × mean innovations / mean SMEs after the burn-in",
    value: (c) => ratio(4 * c.mean("innovations"), c.mean("smes")),
  },
  {
    id: "cis.innovationActive",
    name: "SMEs innovation-active over three years",
    unit: "share",
    measure: "R&D or an innovation in the last 12 quarters, SMEs alive at the end",
    value: fact("innovationActiveShare"),
  },
  {
    id: "cis.universityCooperation",
    name: "Innovation-active SMEs cooperating with universities",
    unit: "share",
    measure: "joint project or licence in the last 12 quarters, among innovation-active SMEs",
    value: fact("universityCooperationShare"),
  },
  {
    id: "finance.rationedShare",
    name: "Firms credit-rationed per quarter",
    unit: "share of SMEs",
    measure: "mean creditRationed / mean SMEs after the burn-in",
    value: (c) => ratio(c.mean("creditRationed"), c.mean("smes")),
  },
  {
    id: "finance.vcBackedShare",
    name: "SMEs that ever raised VC",
    unit: "share of SMEs alive at the end",
    measure: "FirmRecords.vcRounds > 0",
    value: (c) => aliveSmeShare(c, (i) => (c.result.firms?.vcRounds[i] ?? 0) > 0),
  },
  {
    id: "finance.vcToBankLending",
    name: "VC investment relative to new bank lending to SMEs",
    unit: "ratio",
    measure: "mean vcInvested / mean smeNewLoans after the burn-in",
    value: (c) => ratio(c.mean("vcInvested"), c.mean("smeNewLoans")),
  },
  {
    id: "littleGiants.rdIntensity",
    name: "Little giants: R&D intensity",
    unit: "R&D / sales",
    measure: "mean over tier-3 firms alive at the end (certification must be on)",
    value: fact("littleGiantRdIntensity"),
  },
  {
    id: "littleGiants.rdStaffShare",
    name: "Little giants: R&D staff share",
    unit: "R&D staff / employees",
    measure: "mean over tier-3 firms alive at the end (certification must be on)",
    value: fact("littleGiantRdStaffShare"),
  },
  {
    id: "littleGiants.ageYears",
    name: "Little giants: age",
    unit: "years",
    measure:
      "mean (end − entry quarter)/4 over tier-3 firms alive at the end; initial firms count from quarter 0, so the run must be long",
    value: (c) => littleGiantMean(c, (i) => (c.result.ticks - (c.result.firms?.entryTick[i] ?? 0)) / 4),
  },
  {
    id: "littleGiants.share",
    name: "Little giants among SMEs",
    unit: "share",
    measure: "tier-3 firms alive at the end over SMEs alive at the end",
    value: (c) => aliveSmeShare(c, (i) => c.result.firms?.tier[i] === 3),
  },
];

/** Every moment a targets file may name, in a fixed order (the packed order). */
export const MOMENTS: readonly MomentDef[] = IMPLS.map(({ id, name, unit, measure }) => ({
  id,
  name,
  unit,
  measure,
}));
export const MOMENT_IDS: readonly string[] = MOMENTS.map((m) => m.id);
const INDEX = new Map(MOMENT_IDS.map((id, i) => [id, i]));

export function momentIndex(id: string): number | undefined {
  return INDEX.get(id);
}

/** Every moment of one run (MOMENT_IDS order; NaN where undefined). */
export function runMoments(result: RunResult, burnIn: number): Float64Array {
  const facts = runFacts(result, { burnIn }).facts;
  const from = Math.min(burnIn, Math.max(0, result.ticks - 1));
  const cache = new Map<string, number>();
  const mean = (column: string) => {
    const hit = cache.get(column);
    if (hit !== undefined) return hit;
    const series = (result.series as unknown as Record<string, Float64Array | undefined>)[column];
    if (!series || !SERIES_COLUMNS.includes(column)) throw new Error(`no series column ${column}`);
    let s = 0;
    for (let t = from; t < result.ticks; t++) s += series[t];
    const m = result.ticks > from ? s / (result.ticks - from) : Number.NaN;
    cache.set(column, m);
    return m;
  };
  const ctx: MomentContext = { facts, mean, result, burnIn };
  const out = new Float64Array(IMPLS.length);
  IMPLS.forEach((m, i) => {
    const v = m.value(ctx);
    out[i] = Number.isFinite(v) ? v : Number.NaN;
  });
  return out;
}

/** Packs the moments in front of the engine's job output: [n][moments][rest]. */
export function packMoments(moments: Float64Array, rest: Float64Array): Float64Array {
  const out = new Float64Array(1 + moments.length + rest.length);
  out[0] = moments.length;
  out.set(moments, 1);
  out.set(rest, 1 + moments.length);
  return out;
}

export function unpackMoments(buffer: Float64Array): { moments: Float64Array; rest: Float64Array } {
  const n = buffer[0];
  if (!(Number.isInteger(n) && n >= 0 && 1 + n <= buffer.length)) throw new Error("malformed moments buffer");
  return { moments: buffer.slice(1, 1 + n), rest: buffer.subarray(1 + n) };
}
