import type { CeRow, Comparison } from "../analysis/comparison.js";
import type { RatioInterval } from "../analysis/ratio.js";
import { csvText } from "../engine/format.js";
import { outcomeLabel } from "./charts/labels.js";
import { fmt, fmtCI, fmtN, fmtRatio, fmtSignedPercent } from "./format.js";
import type { ReportTable } from "./html.js";
import type { Translate } from "./i18n/index.js";

/** "5%" for a false-discovery rate of 0.05. */
export function fdrText(c: Comparison): string {
  return `${fmt((c.fdr ?? 0.05) * 100)}%`;
}

/**
 * What a star means in this comparison: a Benjamini–Hochberg discovery across the whole effects
 * table, next to the unadjusted intervals shown.
 */
export function discoveryNote(c: Comparison, t: Translate): string {
  return t("report.discoveryNote", { count: c.effects.length, fdr: fdrText(c) });
}

/** The effects table (appendix): one row per scenario and outcome; * marks a discovery. */
export function effectsTable(c: Comparison, t: Translate): ReportTable {
  return {
    caption: t("report.effectsAll", { from: c.window.from, to: c.window.to }),
    headers: [
      t("table.scenario"),
      t("table.outcome"),
      t("table.baseline"),
      t("table.effect"),
      t("table.relative"),
      t("table.qValue"),
    ],
    rows: c.effects.map((e) => [
      e.scenario,
      outcomeLabel(t, e.outcome),
      fmtN(e.effect.baselineMean),
      fmtCI(e.effect.diff, e.effect.discovery),
      fmtSignedPercent(e.effect.relative),
      fmt(e.effect.qValue, 2),
    ]),
    numeric: [2, 3, 4, 5],
    note: discoveryNote(c, t),
  };
}

/** The net public cost from the books and its three parts, one row per scenario (appendix). */
export function fiscalTable(c: Comparison, t: Translate): ReportTable {
  return {
    caption: t("report.fiscal"),
    headers: [
      t("table.scenario"),
      t("table.netCost"),
      t("table.spending"),
      t("table.taxExpenditure"),
      t("table.secondRoundTax"),
      t("table.shareOfOutput"),
      t("table.instrumentSpending"),
    ],
    rows: c.fiscal.map((f) => [
      f.scenario,
      fmtCI(f.netCost),
      fmtCI(f.spending),
      fmtCI(f.taxExpenditure),
      fmtCI(f.secondRoundTax),
      `${fmtN(f.shareOfOutput.estimate * 100)}% [${fmtN(f.shareOfOutput.lo * 100)}, ${fmtN(f.shareOfOutput.hi * 100)}]`,
      fmtCI(f.instrumentSpending),
    ]),
    numeric: [1, 2, 3, 4, 5, 6],
    note: t("report.fiscalNote", { from: c.window.from, to: c.window.to }),
  };
}

/** A cost-effectiveness cell: the Fieller set, or n/a with the reason. */
export function ceCell(row: CeRow | undefined, t: Translate): string {
  if (!row) return "–";
  if (!row.ratio) return t(`na.${row.reason ?? "noRecords"}`);
  return fmtRatio(row.ratio, t);
}

/** Net public cost per extra innovation, job and M of output, one row per scenario (appendix). */
export function costEffectivenessTable(c: Comparison, t: Translate): ReportTable {
  const find = (s: string, target: string) =>
    c.costEffectiveness.find((r) => r.scenario === s && r.target === target);
  return {
    caption: t("report.costEffectiveness"),
    headers: [t("table.scenario"), t("table.perInnovation"), t("table.perJob"), t("table.perOutput")],
    rows: c.fiscal.map((f) => [
      f.scenario,
      ceCell(find(f.scenario, "innovations"), t),
      ceCell(find(f.scenario, "jobs"), t),
      ceCell(find(f.scenario, "output"), t),
    ]),
    numeric: [1, 2, 3],
    note: t("report.ceNote"),
  };
}

/** comparison.csv: one row per scenario and measure, machine-readable (English keys). */
export function comparisonCsv(c: Comparison): string {
  const header = [
    "scenario",
    "baseline",
    "measure",
    "n",
    "baseline_mean",
    "scenario_mean",
    "estimate",
    "ci_low",
    "ci_high",
    "relative",
    "significant",
    "p_value",
    "q_value",
    "discovery",
    "note",
  ];
  const rows: (string | number | boolean)[][] = [header];
  const num = (x: number) => (Number.isFinite(x) ? x : "");
  // a bound of an unbounded set is written as pandas and R read it
  const bound = (x: number) =>
    x === Number.POSITIVE_INFINITY ? "inf" : x === Number.NEGATIVE_INFINITY ? "-inf" : num(x);
  for (const e of c.effects) {
    const f = e.effect;
    rows.push([
      e.scenario,
      c.baseline,
      e.outcome,
      f.n,
      num(f.baselineMean),
      num(f.scenarioMean),
      num(f.diff.estimate),
      num(f.diff.lo),
      num(f.diff.hi),
      num(f.relative),
      f.significant,
      num(f.pValue),
      num(f.qValue),
      f.discovery,
      "",
    ]);
  }
  for (const f of c.fiscal) {
    for (const [measure, i] of [
      ["net_public_cost_m", f.netCost],
      ["spending_m", f.spending],
      ["tax_expenditure_m", f.taxExpenditure],
      ["second_round_tax_m", f.secondRoundTax],
      ["instrument_spending_gross_m", f.instrumentSpending],
      ["net_public_cost_share_of_output", f.shareOfOutput],
    ] as const) {
      rows.push([
        f.scenario,
        c.baseline,
        measure,
        i.n,
        "",
        "",
        num(i.estimate),
        num(i.lo),
        num(i.hi),
        "",
        "",
        "",
        "",
        "",
        "",
      ]);
    }
  }
  for (const r of c.costEffectiveness) {
    const measure = `net_cost_per_extra_${r.target === "output" ? "output_m" : r.target === "jobs" ? "job" : "innovation"}`;
    const x: RatioInterval | null = r.ratio;
    rows.push([
      r.scenario,
      c.baseline,
      measure,
      r.effect.n,
      "",
      "",
      x ? num(x.estimate) : "",
      x ? bound(x.lo) : "",
      x ? bound(x.hi) : "",
      "",
      "",
      "",
      "",
      "",
      r.reason
        ? `n/a: ${r.reason}`
        : x && x.kind === "exclusive" && x.excluded
          ? `unbounded: excludes (${x.excluded[0]}, ${x.excluded[1]})`
          : x && !x.bounded
            ? "unbounded"
            : "",
    ]);
  }
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

function csvCell(v: string | number | boolean): string {
  return typeof v === "string" ? csvText(v) : String(v);
}
