import { describe, expect, it } from "vitest";
import type { CeRow, Comparison, EffectRow } from "../src/analysis/comparison.js";
import { compareScenarios } from "../src/analysis/comparison.js";
import type { OutcomeKey } from "../src/analysis/outcomes.js";
import type { PairedEffect } from "../src/analysis/paired.js";
import { type RatioInterval, ratioOfMeansInterval } from "../src/analysis/ratio.js";
import { mulberry32 } from "../src/analysis/rng.js";
import { comparisonDoc } from "../src/report/comparisonReport.js";
import {
  baselineOutput,
  decisionTables,
  effectCell,
  equalBudgetCell,
  invertRatio,
  rankMixes,
  summaryText,
} from "../src/report/decision.js";
import { fmtN, fmtRatio } from "../src/report/format.js";
import { buildReportHtml, type ReportCell } from "../src/report/html.js";
import { translator } from "../src/report/i18n/index.js";
import { comparisonCsv, costEffectivenessTable, effectsTable, fiscalTable } from "../src/report/tables.js";
import { syntheticComparisonFile, syntheticScenarios } from "./report-fixtures.js";

const t = translator("en");
const zh = translator("zh");

function effect(estimate: number, opts: Partial<PairedEffect> = {}): PairedEffect {
  return {
    n: 8,
    baselineMean: 100,
    scenarioMean: 100 + estimate,
    diff: { estimate, lo: estimate - 1, hi: estimate + 1, n: 8 },
    relative: estimate / 100,
    pValue: 0.01,
    significant: true,
    qValue: 0.02,
    discovery: true,
    ...opts,
  };
}

/** A hand-made comparison: effects as given, everything else empty. */
function comparisonOf(
  scenarios: string[],
  table: Record<string, Partial<Record<OutcomeKey, number>>>,
  seeds = 8,
): Comparison {
  const effects: EffectRow[] = [];
  for (const [scenario, row] of Object.entries(table)) {
    for (const [outcome, v] of Object.entries(row))
      effects.push({ scenario, outcome: outcome as OutcomeKey, effect: effect(v) });
  }
  return {
    baseline: scenarios[0],
    scenarios,
    seeds: Array.from({ length: seeds }, (_, i) => i + 1),
    ticks: 80,
    window: { from: 41, to: 80 },
    policyStart: Object.fromEntries(scenarios.map((s) => [s, 41])),
    fdr: 0.05,
    effects,
    fiscal: [],
    costEffectiveness: [],
    levels: [],
    effectsOverTime: [],
    spending: [],
    sizes: [],
    survival: [],
  };
}

const texts = (cells: (string | ReportCell)[]) => cells.map((c) => (typeof c === "string" ? c : c.text));

describe("decision summary: ranking", () => {
  it("ranks the mixes on each headline outcome and orders them by mean rank, whatever the input order", () => {
    const c = comparisonOf(["base", "weak", "strong", "mixed"], {
      weak: { innovations: 1, output: 1, employment: 1, smeSurvival: 0.001 },
      strong: { innovations: 9, output: 5, employment: 7, smeSurvival: 0.02 },
      mixed: { innovations: 12, output: 2, employment: 0, smeSurvival: 0.01 },
    });
    const ranked = rankMixes(c);
    expect(ranked.map((m) => m.scenario)).toEqual(["strong", "mixed", "weak"]);
    expect(ranked[0].ranks).toEqual({ innovations: 2, output: 1, employment: 1, smeSurvival: 1 });
    expect(ranked[1].ranks.innovations).toBe(1);
    expect(ranked[0].meanRank).toBeCloseTo(1.25);
    // the table shows them in that order, the overall rank first, each cell with its rank badge
    const [effects] = decisionTables(c, t);
    expect(effects.rows.map((r) => texts(r).slice(0, 2))).toEqual([
      ["1", "strong"],
      ["2", "mixed"],
      ["3", "weak"],
    ]);
    expect((effects.rows[1][2] as ReportCell).badge).toBe("1");
  });

  it("shares a rank between equal estimates and breaks mean-rank ties by the first outcome", () => {
    const c = comparisonOf(["base", "a", "b"], {
      a: { innovations: 3, output: 5 },
      b: { innovations: 3, output: 5 },
    });
    const ranked = rankMixes(c);
    expect(ranked.map((m) => m.ranks.innovations)).toEqual([1, 1]);
    expect(ranked.map((m) => m.scenario)).toEqual(["a", "b"]);
    const d = comparisonOf(["base", "a", "b"], {
      a: { innovations: 1, output: 9 },
      b: { innovations: 2, output: 8 },
    });
    expect(rankMixes(d).map((m) => m.scenario)).toEqual(["b", "a"]);
  });

  it("ranks a fall in loan defaults as the better outcome", () => {
    const c = comparisonOf(["base", "a", "b"], { a: { loanDefaults: -5 }, b: { loanDefaults: 2 } });
    expect(rankMixes(c, ["loanDefaults"]).map((m) => m.scenario)).toEqual(["a", "b"]);
  });
});

describe("decision summary: stars, intervals, unbounded sets", () => {
  it("stars an effect only when it is a discovery after the FDR correction, and keeps the unadjusted interval", () => {
    const significantOnly = effect(5, { significant: true, discovery: false, qValue: 0.09 });
    const discovery = effect(5, { significant: true, discovery: true });
    expect(effectCell(significantOnly, "innovations", t).text).toBe("+5%");
    expect(effectCell(discovery, "innovations", t).text).toBe("+5%*");
    expect(effectCell(discovery, "innovations", t).sub).toBe("[+4%, +6%]");
    // a share moves in percentage points, with a true minus sign
    const share = effect(-0.012, { discovery: false, baselineMean: 0.7 });
    expect(effectCell(share, "smeSurvival", t)).toMatchObject({ text: "−1.2 pp", sub: "[−101, +99]" });
  });

  it("in a real comparison, the effects table stars exactly the discoveries and says what a star means", () => {
    const c = compareScenarios(syntheticScenarios(["baseline", "grants", "guarantees"], 6, 12));
    // one effect that is significant unadjusted but not a discovery
    c.effects[0].effect.significant = true;
    c.effects[0].effect.discovery = false;
    const table = effectsTable(c, t);
    table.rows.forEach((row, k) => {
      expect(String(row[3]).endsWith("*"), `row ${k}`).toBe(c.effects[k].effect.discovery);
    });
    expect(table.note).toBe(
      `* significant after a Benjamini–Hochberg false-discovery-rate correction (5%) across the ${c.effects.length} effects of this table; intervals are unadjusted 95% t intervals on paired seeds.`,
    );
    const [summary] = decisionTables(c, t);
    expect(summary.note).toContain(`across the ${c.effects.length} effects`);
    for (const row of summary.rows.slice(0)) {
      const scenario = texts(row)[1];
      const e = c.effects.find((x) => x.scenario === scenario && x.outcome === "innovations")!.effect;
      expect((row[2] as ReportCell).text.endsWith("*")).toBe(e.discovery);
    }
  });

  it("writes an unbounded Fieller set as unbounded, never as a finite interval across 0", () => {
    const base = { estimate: 2.5, n: 8 };
    const whole: RatioInterval = { ...base, lo: -Infinity, hi: Infinity, bounded: false, kind: "unbounded" };
    const half: RatioInterval = { ...base, lo: 1.2, hi: Infinity, bounded: false, kind: "unbounded" };
    const gap: RatioInterval = {
      ...base,
      lo: -Infinity,
      hi: Infinity,
      bounded: false,
      kind: "exclusive",
      excluded: [-3, 1.5],
    };
    expect(fmtRatio(whole, t)).toBe("unbounded (any value; estimate 2.5)");
    expect(fmtRatio(half, t)).toBe("unbounded (≥ 1.2; estimate 2.5)");
    expect(fmtRatio(gap, t)).toBe("unbounded (≤ −3 or ≥ 1.5; estimate 2.5)");
    expect(fmtRatio({ ...base, lo: 1, hi: 4, bounded: true, kind: "bounded" }, t)).toBe("2.5 [1, 4]");
    expect(fmtRatio(gap, zh)).toBe("无界（≤ −3 或 ≥ 1.5；点估计 2.5）");
    // and through the summary and appendix tables, from real runs whose gain is noise
    const c = compareScenarios(syntheticScenarios(["baseline", "grants"], 6, 12));
    const row = c.costEffectiveness[0];
    const noisy: CeRow = { ...row, reason: null, ratio: whole };
    c.costEffectiveness = [noisy, ...c.costEffectiveness.slice(1)];
    const [, costs] = decisionTables(c, t);
    const cell = costs.rows[0][5] as ReportCell;
    expect(cell.text).toBe("unbounded");
    expect(cell.sub).toContain("any value");
    const appendix = costEffectivenessTable(c, t);
    expect(appendix.rows[0][1]).toMatch(/^unbounded \(/);
    for (const r of appendix.rows) for (const x of r.slice(1)) expect(String(x)).not.toMatch(/\[[^\]]*∞/);
    expect(comparisonCsv(c)).toMatch(/net_cost_per_extra_innovation,6,,,[\d.e+-]+,-inf,inf,,,,,,unbounded\n/);
  });
});

describe("equal-budget view", () => {
  it("the reciprocal of a Fieller set is Fieller's set of the reciprocal ratio", () => {
    const rand = mulberry32(17);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const kinds = new Set<string>();
    for (let k = 0; k < 400; k++) {
      const n = 4 + (k % 9);
      const mx = [0, 0.3, 1, 3][k % 4];
      const my = [0.2, 1, 3, 0][(k >> 2) % 4];
      const x = Array.from({ length: n }, () => mx + normal());
      const y = Array.from({ length: n }, (_, i) => my + 0.5 * (x[i] - mx) + normal());
      const a = invertRatio(ratioOfMeansInterval(x, y));
      const b = ratioOfMeansInterval(y, x);
      kinds.add(b.kind);
      expect(a.kind, `case ${k}`).toBe(b.kind);
      expect(a.estimate).toBeCloseTo(b.estimate, 8);
      if (b.kind === "bounded") {
        expect(a.lo).toBeCloseTo(b.lo, 6);
        expect(a.hi).toBeCloseTo(b.hi, 6);
      }
      if (b.kind === "exclusive") {
        expect(a.excluded?.[0]).toBeCloseTo(b.excluded?.[0] ?? Number.NaN, 6);
        expect(a.excluded?.[1]).toBeCloseTo(b.excluded?.[1] ?? Number.NaN, 6);
      }
    }
    expect([...kinds].sort()).toEqual(["bounded", "exclusive", "unbounded"]);
  });

  it("scales gain per net cost to a budget of 1% of the baseline's output over the window", () => {
    const c = compareScenarios(syntheticScenarios(["baseline", "grants"], 6, 12), {
      outcomes: ["innovations", "output", "employment"],
    });
    const base = c.effects.find((e) => e.outcome === "output")!.effect.baselineMean;
    expect(baselineOutput(c)).toBe(base);
    const row = c.costEffectiveness.find((r) => r.target === "innovations")!;
    expect(row.ratio?.bounded).toBe(true);
    const cell = equalBudgetCell(row, base / 100, t);
    const expected = base / 100 / row.ratio!.estimate;
    expect(Number(cell.text.replace(/,/g, ""))).toBeCloseTo(expected, -Math.floor(Math.log10(expected)) + 2);
    const [, , equal] = decisionTables(c, t);
    expect(equal.note).toContain("1% of the baseline's output over quarters 1–12");
    expect(equalBudgetCell({ ...row, ratio: null, reason: "noNetCost" }, 10, t).text).toBe(
      "n/a: no net public cost",
    );
  });
});

describe("the report opens with the decision summary", () => {
  it("states the window and the paired seeds, and warns when there are fewer than 5", () => {
    const few = comparisonOf(["base", "a"], { a: { innovations: 1 } }, 3);
    const many = comparisonOf(["base", "a"], { a: { innovations: 1 } }, 12);
    const s3 = summaryText(few, t);
    expect(s3.paragraphs[0]).toBe(
      "Evaluation window: quarters 41–80 (policy starts in quarter 41); 3 paired seeds per mix, each against base on the same seeds (common random numbers).",
    );
    expect(s3.warnings).toHaveLength(1);
    expect(s3.warnings[0]).toMatch(/only 3 paired seeds/);
    expect(summaryText(many, t).warnings).toEqual([]);
    expect(s3.paragraphs[1]).toBe("Innovations: summed over quarters 41–80.");
  });

  it("puts the summary first in report.html and the long tables in an appendix after the charts", () => {
    const file = syntheticComparisonFile();
    const doc = comparisonDoc(file, "en");
    const full = buildReportHtml(doc, t);
    // the body only: the inlined vega libraries hold strings such as "<table"
    const html = full.slice(full.indexOf("<main>"));
    const at = (s: string) => html.indexOf(s);
    expect(at('id="decision-summary"')).toBeGreaterThan(0);
    expect(at('id="decision-summary"')).toBeLessThan(at("<table"));
    expect(at('id="decision-summary"')).toBeLessThan(at('class="vega-chart"'));
    expect(at('class="vega-chart"')).toBeLessThan(at('id="appendix"'));
    expect(at('id="appendix"')).toBeLessThan(at(effectsTable(file.comparison, t).caption));
    expect(html).toContain('<p class="warn" role="alert">Warning: only 3 paired seeds.');
    // three compact matrices, one row per mix (not one per mix and outcome)
    expect(doc.summary?.tables.map((x) => x.rows.length)).toEqual([2, 2, 2]);
    expect(doc.appendix?.tables.map((x) => x.caption)).toEqual([
      effectsTable(file.comparison, t).caption,
      fiscalTable(file.comparison, t).caption,
      costEffectivenessTable(file.comparison, t).caption,
    ]);
  });

  it("splits the net public cost and calls tax expenditure revenue forgone", () => {
    const c = compareScenarios(syntheticScenarios(["baseline", "grants"], 6, 12));
    const [, costs] = decisionTables(c, t);
    expect(costs.headers.slice(1, 5)).toEqual([
      "Net public cost (M)",
      "Spending, net (M)",
      "Tax expenditure: revenue forgone (M)",
      "Second-round tax (M)",
    ]);
    const f = c.fiscal[0];
    const [net, spending, tax, second] = costs.rows[0].slice(1, 5).map((x) => (x as ReportCell).text);
    expect([net, spending, tax, second]).toEqual(
      [f.netCost, f.spending, f.taxExpenditure, f.secondRoundTax].map((i) => fmtN(i.estimate)),
    );
    expect(costs.note).toContain("Tax expenditure is revenue forgone, not spending");
    expect(f.netCost.estimate).toBeCloseTo(
      f.spending.estimate + f.taxExpenditure.estimate + f.secondRoundTax.estimate,
      6,
    );
  });
});
