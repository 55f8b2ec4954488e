import type { Comparison } from "../analysis/comparison.js";
import { isSignificant } from "../analysis/paired.js";
import { outcomeLabel } from "./charts/labels.js";
import { fmt, fmtInterval, fmtPercent } from "./format.js";
import type { ReportTable } from "./html.js";
import type { Translate } from "./i18n/index.js";

/** The effects table: one row per scenario and outcome. */
export function effectsTable(c: Comparison, t: Translate): ReportTable {
  return {
    caption: t("report.summary"),
    headers: [
      t("table.scenario"),
      t("table.outcome"),
      t("table.baseline"),
      t("table.effect"),
      t("table.relative"),
    ],
    rows: c.effects.map((e) => [
      e.scenario,
      outcomeLabel(t, e.outcome),
      fmt(e.effect.baselineMean),
      fmtInterval(e.effect.diff, e.effect.significant),
      fmtPercent(e.effect.relative),
    ]),
    numeric: [2, 3, 4],
    note: t("report.significantNote"),
  };
}

/** Fiscal cost and cost-effectiveness: one row per scenario. */
export function fiscalTable(c: Comparison, t: Translate): ReportTable {
  const ceCell = (scenario: string, target: string) => {
    const row = c.costEffectiveness.find((r) => r.scenario === scenario && r.target === target);
    if (!row) return "–";
    if (!row.ratio) return t(`na.${row.reason ?? "noRecords"}`);
    return fmtInterval(row.ratio);
  };
  return {
    caption: t("report.fiscal"),
    headers: [
      t("table.scenario"),
      t("table.extraSpending"),
      t("table.extraTax"),
      t("table.netCost"),
      t("table.perInnovation"),
      t("table.perJob"),
      t("table.perOutput"),
    ],
    rows: c.fiscal.map((f) => [
      f.scenario,
      fmtInterval(f.extraSpending, isSignificant(f.extraSpending)),
      fmtInterval(f.extraTax, isSignificant(f.extraTax)),
      fmtInterval(f.netCost, isSignificant(f.netCost)),
      ceCell(f.scenario, "innovations"),
      ceCell(f.scenario, "jobs"),
      ceCell(f.scenario, "output"),
    ]),
    numeric: [1, 2, 3, 4, 5, 6],
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
    "note",
  ];
  const rows: (string | number | boolean)[][] = [header];
  const num = (x: number) => (Number.isFinite(x) ? x : "");
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
      "",
    ]);
  }
  for (const f of c.fiscal) {
    for (const [measure, i] of [
      ["extra_spending_m", f.extraSpending],
      ["extra_tax_m", f.extraTax],
      ["net_public_cost_m", f.netCost],
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
        isSignificant(i),
        "",
      ]);
    }
  }
  for (const r of c.costEffectiveness) {
    const measure = `net_cost_per_extra_${r.target === "output" ? "output_m" : r.target === "jobs" ? "job" : "innovation"}`;
    rows.push([
      r.scenario,
      c.baseline,
      measure,
      r.effect.n,
      "",
      "",
      r.ratio ? num(r.ratio.estimate) : "",
      r.ratio ? num(r.ratio.lo) : "",
      r.ratio ? num(r.ratio.hi) : "",
      "",
      "",
      r.reason ? `n/a: ${r.reason}` : "",
    ]);
  }
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

function csvCell(v: string | number | boolean): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
