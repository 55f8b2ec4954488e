import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import { INSTRUMENT_NAMES } from "../src/model/params.js";
import { comparisonCharts, spendingChart } from "../src/report/charts/index.js";
import { CJK_FAMILY } from "../src/report/fonts.js";
import { translator } from "../src/report/i18n/index.js";
import {
  FAMILY_SHADES,
  INSTRUMENT_FAMILIES,
  INSTRUMENT_FAMILY,
  instrumentPalette,
} from "../src/report/palette.js";
import { renderSvg } from "../src/report/render.js";
import { syntheticScenarios } from "./report-fixtures.js";
import { validate } from "./report-schema.js";

const en = translator("en");
const zh = translator("zh");
// the policy of the compared mixes starts in quarter 5 of 16: the window is quarters 5–16
const runs = syntheticScenarios(["baseline", "grants", "guarantees"], 6, 16).map((s, i) => ({
  ...s,
  policyStart: i === 0 ? 0 : 4,
}));
const comparison = compareScenarios(runs, {
  outcomes: ["innovations", "output", "employment", "smeSurvival"],
});
const charts = comparisonCharts(comparison, en);
const chartsZh = comparisonCharts(comparison, zh);
type Json = Record<string, unknown>;
const layersOf = (spec: unknown): Json[] => {
  const s = spec as { layer?: Json[]; spec?: { layer?: Json[] } };
  return s.layer ?? s.spec?.layer ?? [];
};
const byId = (id: string) => charts.find((c) => c.id.endsWith(id))!;
/** Compiles a spec and returns what vega-lite warned about (the CLI prints those on stderr). */
function compileWarnings(spec: Parameters<typeof compile>[0]): string[] {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    warn: (...a: unknown[]) => {
      warnings.push(a.join(" "));
      return logger;
    },
    error: (...a: unknown[]) => {
      warnings.push(a.join(" "));
      return logger;
    },
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe("comparison charts", () => {
  it("are numbered in the order the report shows them, in file names and titles", () => {
    expect(comparison.window).toEqual({ from: 5, to: 16 });
    expect(charts.map((c) => c.id)).toEqual([
      "1-time-series",
      "2-effects",
      "3-effects-over-time",
      "4-cost-effectiveness",
      "5-firm-sizes",
      "6-survival",
      "7-spending",
    ]);
    charts.forEach((c, i) => {
      expect(c.title.startsWith(`Figure ${i + 1}. `)).toBe(true);
      expect((c.spec as { title: { text: string } }).title.text).toBe(c.title);
    });
    expect(chartsZh[2].title.startsWith("图 3")).toBe(true);
  });

  it("validate against the Vega-Lite schema and compile, in both languages", () => {
    for (const c of [...charts, ...chartsZh]) {
      expect(validate(c.spec), c.id).toEqual([]);
      expect(compileWarnings(c.spec), c.id).toEqual([]);
    }
  });

  it("mark the policy start with a rule on every time chart", () => {
    for (const id of ["time-series", "effects-over-time"]) {
      const rules = layersOf(byId(id).spec).filter(
        (l) =>
          (l.mark as Json).type === "rule" &&
          JSON.stringify(l.encoding) === '{"x":{"datum":5,"type":"quantitative"}}',
      );
      expect(rules, id).toHaveLength(1);
      expect((byId(id).spec as { title: { subtitle: string } }).title.subtitle).toContain(
        "the policy starts in quarter 5",
      );
    }
  });

  it("let the legend isolate one scenario on every chart coloured by scenario", () => {
    for (const id of [
      "time-series",
      "effects",
      "effects-over-time",
      "cost-effectiveness",
      "firm-sizes",
      "survival",
    ]) {
      const layers = layersOf(byId(id).spec);
      const params = layers.flatMap((l) => (l.params as Json[] | undefined) ?? []);
      expect(params, id).toEqual([
        { name: "pick", select: { type: "point", fields: ["scenario"] }, bind: "legend" },
      ]);
      const coloured = layers.filter((l) => (l.encoding as Json | undefined)?.color);
      for (const l of coloured)
        expect((l.encoding as Json).opacity, id).toMatchObject({ condition: { param: "pick" } });
    }
  });

  it("say in each subtitle which quarters are summed or read", () => {
    const subtitle = (id: string) => (byId(id).spec as { title: { subtitle: string } }).title.subtitle;
    expect(subtitle("time-series")).toContain(
      "Counts summed from quarter 5 (evaluation window: quarters 5–16)",
    );
    expect(subtitle("2-effects")).toContain("Counts summed over quarters 5–16, levels at quarter 16");
    expect(subtitle("2-effects")).toContain("Benjamini–Hochberg");
    expect(subtitle("cost-effectiveness")).toContain("gains summed over quarters 5–16");
    expect(subtitle("firm-sizes")).toContain("at quarter 16");
    expect(subtitle("spending")).toContain("over quarters 5–16");
  });

  it("fill an effect's dot for a discovery, the tables' star, not for an unadjusted significance", () => {
    const layer = layersOf(byId("2-effects").spec).find((l) => (l.mark as Json).type === "point")!;
    expect(JSON.stringify((layer.encoding as Json).fill)).toContain("datum.discovery");
    const values = (byId("2-effects").spec as { data: { values: { discovery: boolean }[] } }).data.values;
    expect(values.map((v) => v.discovery)).toEqual(comparison.effects.map((e) => e.effect.discovery));
  });

  it("draw a Zipf reference of slope −1 on the log–log size CCDF", () => {
    const ref = layersOf(byId("firm-sizes").spec).find((l) => (l.mark as Json).strokeDash);
    const pts = (ref!.data as { values: { size: number; share: number }[] }).values;
    expect(pts).toHaveLength(2);
    const slope = Math.log(pts[1].share / pts[0].share) / Math.log(pts[1].size / pts[0].size);
    expect(slope).toBeCloseTo(-1, 10);
    const first = comparison.sizes.reduce((a, b) => (b.size < a.size ? b : a));
    expect(pts[0]).toEqual({ size: first.size, share: first.share, label: "Zipf: slope −1" });
  });

  it("English charts name a Latin font first, Chinese ones the CJK font; no full-width punctuation in English", () => {
    for (const c of charts) {
      const font = (c.spec as { config: { font: string } }).config.font;
      expect(font.split(", ")[0]).toBe("Noto Sans");
      expect(font).toContain(CJK_FAMILY); // still a fallback for a Chinese scenario name
      expect(JSON.stringify(c.spec), c.id).not.toMatch(/[\u3000-\u303f\uff00-\uffef]/);
    }
    for (const c of chartsZh)
      expect((c.spec as { config: { font: string } }).config.font.startsWith(CJK_FAMILY)).toBe(true);
  });

  it("avoid colliding tick labels", () => {
    for (const c of charts) {
      const axis = (c.spec as unknown as { config: { axis: Json } }).config.axis;
      expect(axis.labelOverlap).toBe("greedy");
    }
    const x = layersOf(byId("time-series").spec)[1].encoding as { x: { axis: Json } };
    expect(x.x.axis).toMatchObject({ format: "d", tickMinStep: 1 });
  });

  it("render with the legend selection (vega parses the compiled spec)", async () => {
    const svg = await renderSvg(byId("time-series").spec);
    expect(svg).toContain("role-legend");
  });
});

describe("instrument colours", () => {
  it("give each of the 20 instruments a family and a distinct colour, grouped by family", () => {
    expect(Object.keys(INSTRUMENT_FAMILY).sort()).toEqual([...INSTRUMENT_NAMES].sort());
    const palette = instrumentPalette(INSTRUMENT_NAMES);
    expect(palette).toHaveLength(INSTRUMENT_NAMES.length);
    expect(new Set(palette.map((p) => p.color)).size).toBe(INSTRUMENT_NAMES.length);
    // families come in the fixed order, each in one run, each colour from its family's shades
    const runsOf = palette.map((p) => p.family).filter((f, i, a) => f !== a[i - 1]);
    expect(runsOf).toEqual(INSTRUMENT_FAMILIES.filter((f) => palette.some((p) => p.family === f)));
    for (const p of palette) expect(FAMILY_SHADES[p.family]).toContain(p.color);
  });

  it("colour the spending chart by family and list the legend family by family", () => {
    const rows = INSTRUMENT_NAMES.map((instrument, i) => ({ scenario: "mix", instrument, total: i + 1 }));
    const c = spendingChart(rows, ["baseline", "mix"], en);
    const bar = layersOf(c.spec)[0].encoding as { color: { scale: { domain: string[]; range: string[] } } };
    expect(bar.color.scale.domain).toHaveLength(20);
    expect(new Set(bar.color.scale.range).size).toBe(20);
    expect(bar.color.scale.domain[0]).toBe("R&D grants (SBIR-style)");
    expect(bar.color.scale.domain.at(-1)).toBe("Tiered certification");
    expect(validate(c.spec)).toEqual([]);
  });
});
