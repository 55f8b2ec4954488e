import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bootstrapMean } from "../analysis/bootstrap.js";
import type { TimePoint } from "../analysis/comparison.js";
import { OUTCOMES, type OutcomeKey } from "../analysis/outcomes.js";
import type { FirmColumns, RunOutputs } from "../analysis/runs.js";
import { ccdf, smeSizesAtHorizon } from "../analysis/sizes.js";
import { SPENDING_INSTRUMENTS } from "../analysis/summary.js";
import { kaplanMeier, startupDurations } from "../analysis/survival.js";
import { EXIT_CAUSES } from "../model/types.js";
import { libraryVersions } from "./assets.js";
import {
  type ChartSpec,
  firmSizesChart,
  spendingChart,
  survivalChart,
  sweepChart,
  timeSeriesChart,
} from "./charts/index.js";
import { outcomeLabel } from "./charts/labels.js";
import { COMPARISON_JSON, comparisonDoc, readComparisonFile } from "./comparisonReport.js";
import { fmt, fmtInterval } from "./format.js";
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
  for (const name of SPENDING_INSTRUMENTS) spending[name] = column(`cost.${name}`);
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
      const i = bootstrapMean(v, { resamples: 500 });
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
  const spending = SPENDING_INSTRUMENTS.map((instrument) => ({
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

interface SweepRecord {
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

function sweepDoc(dir: string, lang: Lang): ReportDoc {
  const t = translator(lang);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const scenario = manifest.scenario as ScenarioManifest;
  const records = readFileSync(join(dir, "runs.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SweepRecord)
    .filter((r) => r.status === "ok" && r.summary);
  const swept =
    records.length > 0
      ? Object.keys(records[0].point).filter((k) => typeof records[0].point[k] === "number")
      : [];
  const byPoint = new Map<number, SweepRecord[]>();
  for (const r of records) byPoint.set(r.pointIndex, [...(byPoint.get(r.pointIndex) ?? []), r]);
  const points = [...byPoint.entries()].sort((a, b) => a[0] - b[0]);
  const charts: ChartSpec[] = [];
  const tableRows: string[][] = [];
  const shown: OutcomeKey[] = [
    "innovations",
    "employment",
    "output",
    "productivity",
    "smeSurvival",
    "startups",
  ];
  const intervals = new Map<string, ReturnType<typeof bootstrapMean>>();
  for (const key of shown) {
    const label = outcomeLabel(t, key);
    const pts = points.flatMap(([p, rs]) => {
      const v = rs
        .map((r) => SUMMARY_OF[key](r.summary!))
        .filter((x): x is number => x !== null && Number.isFinite(x));
      if (v.length === 0) return [];
      const i = bootstrapMean(v, { resamples: 1000 });
      intervals.set(`${p}|${key}`, i);
      return [{ params: rs[0].point as Record<string, number>, estimate: i.estimate, lo: i.lo, hi: i.hi }];
    });
    if (pts.length > 0 && swept.length > 0) charts.push(sweepChart(pts, swept, label, t, `6-sweep-${key}`));
  }
  for (const [p, rs] of points) {
    tableRows.push([
      swept.map((k) => `${k} = ${rs[0].point[k]}`).join(", ") || String(p),
      ...shown.map((key) => {
        const i = intervals.get(`${p}|${key}`);
        return i ? fmtInterval(i) : "–";
      }),
    ]);
  }
  const versions = (manifest.versions ?? {}) as Record<string, string>;
  const seeds = [...new Set(records.map((r) => r.seed))];
  return {
    lang: t("lang.htmlCode"),
    title: `${t("report.titleSweep")}: ${scenario.name}`,
    paragraphs: [
      t("report.generated", {
        date: String(manifest.updatedAt ?? manifest.createdAt ?? ""),
        version: versions.ecosim ?? "?",
      }),
      t("report.introSweep"),
    ],
    tables: [
      {
        caption: t("report.sweepPoints"),
        headers: [t("table.point"), ...shown.map((k) => outcomeLabel(t, k))],
        rows: tableRows,
        numeric: shown.map((_, i) => i + 1),
      },
    ],
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
