import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TimePoint } from "../analysis/comparison.js";
import {
  meanAndVariance,
  studentTQuantile,
  type TInterval,
  tMeanInterval,
  tTestPValue,
} from "../analysis/intervals.js";
import { OUTCOMES, type OutcomeKey } from "../analysis/outcomes.js";
import type { FirmColumns, RunOutputs } from "../analysis/runs.js";
import { ccdf, smeSizesAtHorizon } from "../analysis/sizes.js";
import { kaplanMeier, startupDurations } from "../analysis/survival.js";
import { INSTRUMENT_NAMES } from "../model/params.js";
import { EXIT_CAUSES } from "../model/types.js";
import { libraryVersions } from "./assets.js";
import {
  type ChartSpec,
  firmSizesChart,
  type SweepEffectRow,
  type SweepRow,
  spendingChart,
  survivalChart,
  sweepEffectsChart,
  sweepMeansChart,
  sweepScatterChart,
  timeSeriesChart,
} from "./charts/index.js";
import { outcomeLabel } from "./charts/labels.js";
import { COMPARISON_JSON, comparisonDoc, readComparisonFile } from "./comparisonReport.js";
import { fmt } from "./format.js";
import type { ReportDoc } from "./html.js";
import { type Lang, translator } from "./i18n/index.js";
import { changedParams } from "./params.js";

/** What kind of results a directory holds. */
export type ResultsKind = "compare" | "run" | "sweep";

export class ResultsDirError extends Error {
  readonly exitCode = 2;
}

export function resultsKind(dir: string): ResultsKind {
  if (existsSync(join(dir, COMPARISON_JSON))) return "compare";
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new ResultsDirError(`${dir} holds no ecosim results (no ${COMPARISON_JSON} or manifest.json)`);
  }
  const m = JSON.parse(readFileSync(manifestPath, "utf8")) as { kind?: string; status?: string };
  if (m.kind === "run") return "run";
  if (m.kind === "sweep") {
    if (m.status !== "complete") {
      throw new ResultsDirError(
        `${dir}: the sweep is ${m.status ?? "unfinished"}; finish it (--resume) first`,
      );
    }
    return "sweep";
  }
  throw new ResultsDirError(`${dir}/manifest.json: unknown kind ${JSON.stringify(m.kind)}`);
}

/** The report of any finished results directory. */
export function reportDocFor(dir: string, lang: Lang): ReportDoc {
  const kind = resultsKind(dir);
  if (kind === "compare") return comparisonDoc(readComparisonFile(dir), lang);
  if (kind === "run") return runDoc(dir, lang);
  return sweepDoc(dir, lang);
}

// ─── run ─────────────────────────────────────────────────────────────────────

interface ScenarioManifest {
  file?: string;
  name: string;
  description?: string;
  params: unknown;
}

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.length > 0);
  const split = (l: string) => l.split(",").map((c) => c.replace(/^"|"$/g, ""));
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

/** A finished `ecosim run` directory (manifest.json, ticks.csv, firms.csv) as analysis input. */
export function readRunDirectory(dir: string): { manifest: Record<string, unknown>; run: RunOutputs } {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const ticks = readCsv(join(dir, "ticks.csv"));
  const column = (name: string) => {
    const i = ticks.header.indexOf(name);
    return Float64Array.from(ticks.rows, (r) => (i < 0 ? Number.NaN : Number(r[i])));
  };
  const series: Record<string, Float64Array> = {};
  for (const name of ticks.header.slice(1)) if (!name.startsWith("cost.")) series[name] = column(name);
  const spending: Record<string, Float64Array> = {};
  for (const name of INSTRUMENT_NAMES) spending[name] = column(`cost.${name}`);
  let firms: FirmColumns | undefined;
  if (existsSync(join(dir, "firms.csv"))) {
    const f = readCsv(join(dir, "firms.csv"));
    const col = (name: string, map: (s: string) => number = Number) => {
      const i = f.header.indexOf(name);
      return Float64Array.from(f.rows, (r) => map(r[i]));
    };
    firms = {
      kind: col("kind"),
      origin: col("origin"),
      entryTick: col("entryTick"),
      exitTick: col("exitTick"),
      exitCause: col("exitCause", (s) => {
        const k = (EXIT_CAUSES as readonly string[]).indexOf(s);
        return k >= 0 ? k : Number(s);
      }),
      employees: col("employees"),
    };
  }
  const seed = Number(manifest.runSeed ?? manifest.seed ?? 0);
  const run: RunOutputs = {
    seed,
    replication: 0,
    ticks: ticks.rows.length,
    series: series as unknown as RunOutputs["series"],
    spending,
    firms,
  };
  return { manifest, run };
}

function levelsOf(name: string, runs: RunOutputs[]): TimePoint[] {
  const out: TimePoint[] = [];
  const ticks = Math.min(...runs.map((r) => r.ticks));
  for (const o of OUTCOMES) {
    const series = runs.map((r) => o.overTime(r));
    for (let t = 0; t < ticks; t++) {
      const v = series.map((x) => x[t]);
      if (v.some((x) => !Number.isFinite(x))) continue;
      // the same 95% t interval on the runs as every other interval of the reports
      const i = tMeanInterval(v);
      out.push({ scenario: name, outcome: o.key, tick: t + 1, estimate: i.estimate, lo: i.lo, hi: i.hi });
    }
  }
  return out;
}

/** Charts 1, 4, 5 and 7 for the runs of one scenario. */
export function scenarioCharts(name: string, runs: RunOutputs[], lang: Lang): ChartSpec[] {
  const t = translator(lang);
  const names = [name];
  const charts = [timeSeriesChart(levelsOf(name, runs), names, t)];
  const sizes = ccdf(smeSizesAtHorizon(runs)).map((p) => ({ scenario: name, ...p }));
  if (sizes.length > 0) charts.push(firmSizesChart(sizes, names, t));
  const { durations, events } = startupDurations(runs);
  if (durations.length > 0) {
    const km = kaplanMeier(durations, events).map((p) => ({
      scenario: name,
      age: p.time,
      survival: p.survival,
      lo: p.lo,
      hi: p.hi,
    }));
    charts.push(survivalChart(km, names, t));
  }
  const spending = INSTRUMENT_NAMES.map((instrument) => ({
    scenario: name,
    instrument,
    total: runs.reduce((a, r) => a + sumOf(r.spending[instrument]), 0) / runs.length,
  }));
  charts.push(spendingChart(spending, names, t));
  return charts;
}

function sumOf(xs: ArrayLike<number> | undefined): number {
  let s = 0;
  if (xs) for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

function runDoc(dir: string, lang: Lang): ReportDoc {
  const t = translator(lang);
  const { manifest, run } = readRunDirectory(dir);
  const scenario = manifest.scenario as ScenarioManifest;
  const versions = (manifest.versions ?? {}) as Record<string, string>;
  const rows = OUTCOMES.map((o) => [outcomeLabel(t, o.key), fmt(o.atHorizon(run))]);
  return {
    lang: t("lang.htmlCode"),
    title: `${t("report.titleRun")}: ${scenario.name}`,
    paragraphs: [
      t("report.generated", { date: String(manifest.createdAt ?? ""), version: versions.ecosim ?? "?" }),
      t("report.introRun", { runs: 1 }),
    ],
    tables: [
      {
        caption: t("report.summaryRun"),
        headers: [t("table.outcome"), t("table.value")],
        rows,
        numeric: [1],
      },
    ],
    charts: scenarioCharts(scenario.name, [run], lang),
    scenarios: [
      {
        name: scenario.name,
        description: scenario.description,
        file: scenario.file,
        params: scenario.params,
        changed: changedParams(scenario.params),
      },
    ],
    seeds: [run.seed],
    versions: { ...versions, ...libraryVersions() },
  };
}

// ─── sweep ───────────────────────────────────────────────────────────────────

export interface SweepRecord {
  pointIndex: number;
  replication: number;
  seed: number;
  point: Record<string, number | boolean>;
  status: string;
  summary: Record<string, number | null> | null;
}

/** An outcome's value from a run's summary (runs.jsonl). */
const SUMMARY_OF: Record<OutcomeKey, (s: Record<string, number | null>) => number | null> = {
  innovations: (s) => s.innovations,
  patents: (s) => s.patents,
  productivity: (s) => s.productivityMean,
  output: (s) => s.output,
  employment: (s) => s.employment,
  smeSurvival: (s) => s.smeSurvival,
  startups: (s) => s.entries,
  vcDeals: (s) => s.vcDeals,
  vcExits: (s) => (s.vcExitsIpo ?? 0) + (s.vcExitsAcquisition ?? 0),
  loanDefaults: (s) => s.defaults,
};

/** The outcomes a sweep report shows per design point. */
export const SWEEP_OUTCOMES: readonly OutcomeKey[] = [
  "innovations",
  "employment",
  "output",
  "productivity",
  "smeSurvival",
  "startups",
];

/** Rows of the sweep tables at most (a Sobol' design can have thousands of points). */
const SWEEP_TABLE_ROWS = 100;

/** A design point of a finished sweep, with its successful runs. */
export interface SweepPointRuns {
  index: number;
  /** Every swept parameter's value here (a points design's unlisted ones: the scenario's). */
  values: Record<string, number | boolean>;
  runs: SweepRecord[];
}

/** An effect against the reference point and how it was estimated. */
export interface SweepEffect extends TInterval {
  /** Paired differences over shared seeds (common random numbers); false: Welch's interval. */
  paired: boolean;
  significant: boolean;
}

export interface SweepAnalysis {
  /** grid and points: effects against a reference; lhs and sobol: response curves. */
  continuous: boolean;
  /** The swept parameter paths, in the design's order. */
  params: string[];
  points: SweepPointRuns[];
  /** The reference point's index (the scenario's `reference`, or the design's first point). */
  reference: number;
  /** `${pointIndex}|${outcome}` → mean over replications with its 95% t interval. */
  means: Map<string, TInterval>;
  /** `${pointIndex}|${outcome}` → effect against the reference (not for the reference itself). */
  effects: Map<string, SweepEffect>;
}

/** An outcome's finite values of some runs, keyed by replication (with the run's seed). */
function valuesByReplication(runs: readonly SweepRecord[], key: OutcomeKey) {
  const out = new Map<number, { seed: number; value: number }>();
  for (const r of runs) {
    const v = r.summary ? SUMMARY_OF[key](r.summary) : null;
    if (v !== null && Number.isFinite(v)) out.set(r.replication, { seed: r.seed, value: v });
  }
  return out;
}

/** Welch's t interval of mean(a) − mean(b), for points that do not share their seeds. */
function welchInterval(a: readonly number[], b: readonly number[], level: number): TInterval {
  const nan = Number.NaN;
  const ma = meanAndVariance(a);
  const mb = meanAndVariance(b);
  const estimate = ma.mean - mb.mean;
  const n = Math.min(a.length, b.length);
  if (a.length < 2 || b.length < 2) return { estimate, lo: nan, hi: nan, n, se: nan, df: nan, pValue: nan };
  const va = ma.variance / a.length;
  const vb = mb.variance / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    return {
      estimate,
      lo: estimate,
      hi: estimate,
      n,
      se,
      df: a.length + b.length - 2,
      pValue: estimate === 0 ? 1 : 0,
    };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = studentTQuantile((1 + level) / 2, df) * se;
  return {
    estimate,
    lo: estimate - half,
    hi: estimate + half,
    n,
    se,
    df,
    pValue: tTestPValue(estimate / se, df),
  };
}

/**
 * Per design point: each outcome's mean over replications with a 95% Student-t interval, and
 * (grid, points) its effect against the reference point. Under common random numbers the
 * reference and a point share their replication seeds, so the effect is the mean of the paired
 * differences per seed with its t interval; points that do not share seeds (an older sweep, or
 * commonRandomNumbers: false) get a difference of means with Welch's interval instead.
 */
export function analyseSweep(
  records: readonly SweepRecord[],
  options: {
    designKind?: string;
    reference?: number;
    scenarioParams?: unknown;
    outcomes?: readonly OutcomeKey[];
    level?: number;
  } = {},
): SweepAnalysis {
  const level = options.level ?? 0.95;
  const outcomes = options.outcomes ?? SWEEP_OUTCOMES;
  const ok = records.filter((r) => r.status === "ok" && r.summary);
  const byPoint = new Map<number, SweepRecord[]>();
  for (const r of ok) {
    const list = byPoint.get(r.pointIndex);
    if (list) list.push(r);
    else byPoint.set(r.pointIndex, [r]);
  }
  const indices = [...byPoint.keys()].sort((a, b) => a - b);
  const params: string[] = [];
  for (const i of indices)
    for (const k of Object.keys(byPoint.get(i)?.[0].point ?? {})) {
      if (!params.includes(k)) params.push(k);
    }
  const points = indices.map((index) => {
    const runs = byPoint.get(index) ?? [];
    const point = runs[0].point;
    const values = Object.fromEntries(
      params.map((p) => [
        p,
        p in point ? point[p] : (paramValue(options.scenarioParams, p) as number | boolean),
      ]),
    );
    return { index, values, runs };
  });
  const continuous = options.designKind === "lhs" || options.designKind === "sobol";
  const reference = options.reference ?? 0;
  const means = new Map<string, TInterval>();
  const effects = new Map<string, SweepEffect>();
  const refRuns = byPoint.get(reference) ?? [];
  for (const key of outcomes) {
    const ref = valuesByReplication(refRuns, key);
    for (const p of points) {
      const mine = valuesByReplication(p.runs, key);
      if (mine.size > 0)
        means.set(
          `${p.index}|${key}`,
          tMeanInterval(
            [...mine.values()].map((v) => v.value),
            level,
          ),
        );
      if (continuous || p.index === reference || mine.size === 0 || ref.size === 0) continue;
      const diffs: number[] = [];
      let unpaired = false;
      for (const [r, v] of mine) {
        const w = ref.get(r);
        if (!w) continue;
        if (w.seed !== v.seed) unpaired = true;
        else diffs.push(v.value - w.value);
      }
      const interval =
        unpaired || diffs.length === 0
          ? welchInterval(
              [...mine.values()].map((v) => v.value),
              [...ref.values()].map((v) => v.value),
              level,
            )
          : tMeanInterval(diffs, level);
      const paired = !(unpaired || diffs.length === 0);
      effects.set(`${p.index}|${key}`, {
        ...interval,
        paired,
        significant: interval.lo > 0 || interval.hi < 0,
      });
    }
  }
  return { continuous, params, points, reference, means, effects };
}

function paramValue(params: unknown, path: string): unknown {
  let v = params;
  for (const seg of path.split(".")) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

/** A parameter value for tables and labels: as written for short numbers, 4 digits otherwise. */
export function fmtParam(v: number | boolean | undefined): string {
  if (v === undefined) return "–";
  if (typeof v === "boolean") return String(v);
  if (!Number.isFinite(v)) return String(v);
  const plain = String(v);
  if (plain.length <= 7) return plain;
  return String(Number(v.toPrecision(4)));
}

/** Short names of parameter paths: the last segment, or more of the path where they collide. */
export function shortParamNames(paths: readonly string[]): string[] {
  for (let segs = 1; ; segs++) {
    const names = paths.map((p) => p.split(".").slice(-segs).join("."));
    if (new Set(names).size === names.length || paths.every((p) => p.split(".").length <= segs)) return names;
  }
}

/**
 * "6.3 [-0.4, 12.9]": an estimate and its interval with as many decimals as two significant
 * digits of the half-width need, so the digits shown are the ones the interval supports (and the
 * table stays narrow); * when `significant`. Exact or one-run intervals fall back to fmt.
 */
export function fmtEstimate(i: { estimate: number; lo: number; hi: number }, significant?: boolean): string {
  const f = halfWidthFormat(i);
  if (!f) return `${fmt(i.estimate)} [${fmt(i.lo)}, ${fmt(i.hi)}]${significant ? "*" : ""}`;
  return `${f(i.estimate)} [${f(i.lo)}, ${f(i.hi)}]${significant ? "*" : ""}`;
}

/** "3,742 ± 173": a symmetric (t) interval as estimate ± half-width, digits as in fmtEstimate. */
export function fmtPlusMinus(i: { estimate: number; lo: number; hi: number }): string {
  const f = halfWidthFormat(i);
  return f ? `${f(i.estimate)} ± ${f((i.hi - i.lo) / 2)}` : fmt(i.estimate);
}

function halfWidthFormat(i: { estimate: number; lo: number; hi: number }): ((x: number) => string) | null {
  const half = (i.hi - i.lo) / 2;
  if (!(half > 0) || !Number.isFinite(half) || !Number.isFinite(i.estimate)) return null;
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(half))));
  return (x: number) => {
    const s = x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  };
}

/** "coverage 0.5, feeRate 0" */
function pointLabel(
  values: Record<string, number | boolean>,
  params: readonly string[],
  names: readonly string[],
) {
  return params.map((p, i) => `${names[i]} ${fmtParam(values[p])}`).join(", ");
}

function sweepDoc(dir: string, lang: Lang): ReportDoc {
  const t = translator(lang);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const scenario = manifest.scenario as ScenarioManifest & { reference?: { index?: number } };
  const design = manifest.design as { kind?: string } | undefined;
  const records = readFileSync(join(dir, "runs.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SweepRecord)
    .filter((r) => r.status === "ok" && r.summary);
  const a = analyseSweep(records, {
    designKind: design?.kind,
    reference: typeof scenario.reference?.index === "number" ? scenario.reference.index : 0,
    scenarioParams: scenario.params,
  });
  const shown = SWEEP_OUTCOMES;
  const labels = shown.map((k) => outcomeLabel(t, k));
  const names = shortParamNames(a.params);
  const pointNames = new Map(a.points.map((p) => [p.index, pointLabel(p.values, a.params, names)]));
  const refPoint = a.points.find((p) => p.index === a.reference);
  const refLabel = refPoint
    ? pointNames.get(a.reference) || String(a.reference)
    : `${t("table.point")} ${a.reference}`;
  const replications = Math.max(0, ...a.points.map((p) => p.runs.length));
  const tablePoints = a.points.slice(0, SWEEP_TABLE_ROWS);
  const capped =
    a.points.length > SWEEP_TABLE_ROWS
      ? ` ${t("report.sweepPointsCapped", { shown: SWEEP_TABLE_ROWS, total: a.points.length })}`
      : "";
  const paramColumns = (p: SweepPointRuns) => a.params.map((k) => fmtParam(p.values[k]));
  const headers = [t("table.point"), ...names];
  const meansTable = {
    caption: t("report.sweepPoints"),
    headers: [...headers, "n", ...labels],
    rows: tablePoints.map((p) => [
      String(p.index),
      ...paramColumns(p),
      String(p.runs.length),
      ...shown.map((key) => {
        const i = a.means.get(`${p.index}|${key}`);
        return i ? fmtPlusMinus(i) : "–";
      }),
    ]),
    note: `${t("report.sweepPointsNote")}${capped}`,
    numeric: [
      0,
      ...a.params.map((_, i) => i + 1),
      a.params.length + 1,
      ...shown.map((_, i) => a.params.length + 2 + i),
    ],
  };
  const tables = [meansTable];
  const charts: ChartSpec[] = [];
  const paragraphs = [
    t("report.generated", {
      date: String(manifest.updatedAt ?? manifest.createdAt ?? ""),
      version: (manifest.versions as Record<string, string> | undefined)?.ecosim ?? "?",
    }),
    t("report.introSweep"),
  ];
  const effects = [...a.effects.values()];
  const paired = effects.length > 0 && effects.every((e) => e.paired);
  if (a.continuous) {
    paragraphs.push(t("report.introSweepContinuous"));
    const numeric = a.params.filter((k) => a.points.some((p) => typeof p.values[k] === "number"));
    shown.forEach((key, o) => {
      const rows = a.points.flatMap((p) => {
        const m = a.means.get(`${p.index}|${key}`);
        if (!m) return [];
        return numeric.map((k) => ({
          param: names[a.params.indexOf(k)],
          x: p.values[k] as number,
          y: m.estimate,
        }));
      });
      if (rows.length > 0 && numeric.length > 0) {
        charts.push(
          sweepScatterChart(
            rows,
            numeric.map((k) => names[a.params.indexOf(k)]),
            labels[o],
            t,
            `6-sweep-${key}`,
          ),
        );
      }
    });
  } else if (a.points.length > 1) {
    paragraphs.push(
      t(paired ? "report.introSweepPaired" : "report.introSweepUnpaired", {
        replications,
        reference: refLabel,
      }),
    );
    tables.push({
      caption: t("report.sweepEffects", { reference: refLabel }),
      headers: [...headers, ...labels],
      rows: tablePoints.map((p) => [
        String(p.index),
        ...paramColumns(p),
        ...shown.map((key) => {
          if (p.index === a.reference) return t("table.reference");
          const e = a.effects.get(`${p.index}|${key}`);
          return e ? fmtEstimate(e, e.significant) : "–";
        }),
      ]),
      note: `${t("report.significantNote")}${capped}`,
      numeric: [0, ...a.params.map((_, i) => i + 1), ...shown.map((_, i) => a.params.length + 1 + i)],
    });
    const order = a.points.map((p) => pointNames.get(p.index) ?? String(p.index));
    const meanRows: SweepRow[] = [];
    const effectRows: SweepEffectRow[] = [];
    shown.forEach((key, o) => {
      for (const p of a.points) {
        const point = pointNames.get(p.index) ?? String(p.index);
        const m = a.means.get(`${p.index}|${key}`);
        if (m) meanRows.push({ point, outcome: labels[o], estimate: m.estimate, lo: m.lo, hi: m.hi, n: m.n });
        const e = a.effects.get(`${p.index}|${key}`);
        if (e) {
          effectRows.push({
            point,
            outcome: labels[o],
            estimate: e.estimate,
            lo: e.lo,
            hi: e.hi,
            n: e.n,
            significant: e.significant,
          });
        }
      }
    });
    charts.push(sweepEffectsChart(effectRows, order, labels, refLabel, paired, t));
    charts.push(sweepMeansChart(meanRows, order, labels, refLabel, t));
  }
  const versions = (manifest.versions ?? {}) as Record<string, string>;
  const seeds = [...new Set(records.map((r) => r.seed))];
  return {
    lang: t("lang.htmlCode"),
    title: `${t("report.titleSweep")}: ${scenario.name}`,
    paragraphs,
    tables,
    charts,
    scenarios: [
      {
        name: scenario.name,
        description: scenario.description,
        file: scenario.file,
        params: scenario.params,
        changed: changedParams(scenario.params),
      },
    ],
    seeds,
    versions: { ...versions, ...libraryVersions() },
  };
}
