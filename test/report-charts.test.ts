import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import { type ChartSpec, comparisonCharts, sweepChart } from "../src/report/charts/index.js";
import { translator } from "../src/report/i18n/index.js";
import { OKABE_ITO, TOL_MUTED } from "../src/report/palette.js";
import { renderChart } from "../src/report/render.js";
import { syntheticScenarios } from "./report-fixtures.js";
import { validate } from "./report-schema.js";

const names = ["baseline", "Germany 1983", "<script>alert(1)</script>"];
const comparison = compareScenarios(syntheticScenarios(names, 4, 10), {
  outcomes: ["innovations", "employment", "smeSurvival", "output"],
});
const t = translator("en");
const sweepPoints = [0.5, 0.7, 0.9].flatMap((a) =>
  [0, 0.01].map((b) => ({ params: { a, b }, estimate: a * 10 + b * 100, lo: a * 9, hi: a * 11 })),
);
const charts: ChartSpec[] = [
  ...comparisonCharts(comparison, t),
  sweepChart(sweepPoints, ["a", "b"], "Innovations (count)", t, "6-sweep-heatmap"),
  sweepChart(
    sweepPoints.filter((p) => p.params.b === 0),
    ["a"],
    "Innovations (count)",
    t,
    "6-sweep-line",
  ),
];

describe("chart specs", () => {
  it("builds the seven kinds of chart, with distinct ids", () => {
    const ids = charts.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const prefix of ["1-", "2-", "3-", "4-", "5-", "6-", "7-"])
      expect(ids.some((i) => i.startsWith(prefix))).toBe(true);
  });

  it.each(charts.map((c) => [c.id, c] as const))(
    "%s validates against the Vega-Lite schema and compiles",
    (_, c) => {
      expect(validate(c.spec)).toEqual([]);
      expect(() => compile(c.spec)).not.toThrow();
    },
  );

  it("the schema check rejects what is wrong", () => {
    const spec = charts[0].spec as unknown as Record<string, unknown>;
    expect(validate({ ...spec, mark: "bogus" }).length).toBeGreaterThan(0);
    expect(validate({ ...spec, bogusProperty: 1 }).length).toBeGreaterThan(0);
    expect(
      validate({ ...charts[5].spec, encoding: { x: { field: "a", type: "quantitativ" } } }).length,
    ).toBeGreaterThan(0);
  });

  it("uses the scenario names the user wrote, in order, in a colour-blind-safe palette", () => {
    const ts = charts[0].spec as unknown as {
      spec: { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] };
    };
    const scale = ts.spec.layer[1].encoding.color.scale;
    expect(scale.domain).toEqual(names);
    for (const c of scale.range) expect([...OKABE_ITO, ...TOL_MUTED]).toContain(c);
    expect(JSON.stringify(charts.map((c) => c.spec))).toContain("<script>alert(1)</script>");
  });

  it("titles and axis titles are set, with units", () => {
    for (const c of charts) {
      const s = JSON.stringify(c.spec);
      expect(c.title.length).toBeGreaterThan(5);
      expect(s).toMatch(/"title":\{"text":/);
    }
    expect(JSON.stringify(charts[0].spec)).toContain("Employment (workers)");
  });
});

describe("rendering", () => {
  it.each(charts.map((c) => [c.id, c] as const))("%s renders to a non-empty SVG and PNG", async (_, c) => {
    const { svg, png } = await renderChart(c.spec, { scale: 1 });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/class="mark-(line|symbol|rect|rule|area)/);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5000);
  });
});
