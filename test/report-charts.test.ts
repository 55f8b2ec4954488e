import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import { tMeanInterval } from "../src/analysis/intervals.js";
import {
  type ChartSpec,
  comparisonCharts,
  sweepEffectsChart,
  sweepMeansChart,
  sweepScatterChart,
} from "../src/report/charts/index.js";
import { translator } from "../src/report/i18n/index.js";
import { OKABE_ITO, TOL_MUTED } from "../src/report/palette.js";
import { renderChart } from "../src/report/render.js";
import { analyseSweep, type SweepRecord } from "../src/report/resultsReport.js";
import { syntheticScenarios } from "./report-fixtures.js";
import { validate } from "./report-schema.js";

const names = ["baseline", "Germany 1983", "<script>alert(1)</script>"];
const comparison = compareScenarios(syntheticScenarios(names, 4, 10), {
  outcomes: ["innovations", "employment", "smeSurvival", "output"],
});
const t = translator("en");
/**
 * A 3 × 2 grid, 4 replications: innovations = 10a + 100b + luck of the replication (shared by
 * every point under common random numbers, ±30) + a little noise of the point.
 */
function sweepRecords(crn: boolean): SweepRecord[] {
  const out: SweepRecord[] = [];
  [0.5, 0.7, 0.9].forEach((a, i) => {
    [0, 0.01].forEach((b, j) => {
      const pointIndex = i * 2 + j;
      for (let r = 0; r < 4; r++) {
        const luck = [30, -30, 10, -10][crn ? r : (r + pointIndex) % 4];
        const noise = ((pointIndex * 7 + r * 3) % 5) / 10;
        const innovations = 10 * a + 100 * b + luck + noise;
        out.push({
          pointIndex,
          replication: r,
          seed: crn ? 100 + r : 1000 * pointIndex + r,
          point: { "instruments.loanGuarantee.coverage": a, "instruments.loanGuarantee.feeRate": b },
          status: "ok",
          summary: {
            innovations,
            employment: 500 + innovations,
            output: 1,
            productivityMean: 1,
            smeSurvival: 0.9,
            entries: 3,
          },
        });
      }
    });
  });
  return out;
}
const crnSweep = analyseSweep(sweepRecords(true), { designKind: "grid" });
const sweepOrder = crnSweep.points.map((p) => `point ${p.index}`);
const sweepCharts = (() => {
  const means = crnSweep.points.map((p) => {
    const m = crnSweep.means.get(`${p.index}|innovations`)!;
    return {
      point: `point ${p.index}`,
      outcome: "Innovations (count)",
      estimate: m.estimate,
      lo: m.lo,
      hi: m.hi,
      n: m.n,
    };
  });
  const effects = crnSweep.points.slice(1).map((p) => {
    const e = crnSweep.effects.get(`${p.index}|innovations`)!;
    return {
      point: `point ${p.index}`,
      outcome: "Innovations (count)",
      estimate: e.estimate,
      lo: e.lo,
      hi: e.hi,
      n: e.n,
      significant: e.significant,
    };
  });
  const scatter = Array.from({ length: 24 }, (_, i) => [
    { param: "coverage", x: 0.5 + (0.4 * i) / 23, y: 10 + ((i * 37) % 11) },
    { param: "feeRate", x: (0.01 * ((i * 5) % 24)) / 23, y: 10 + ((i * 37) % 11) },
  ]).flat();
  return [
    sweepEffectsChart(effects, sweepOrder, ["Innovations (count)"], "point 0", true, t),
    sweepMeansChart(means, sweepOrder, ["Innovations (count)"], "point 0", t),
    sweepScatterChart(scatter, ["coverage", "feeRate"], "Innovations (count)", t, "6-sweep-innovations"),
  ];
})();
const charts: ChartSpec[] = [...comparisonCharts(comparison, t), ...sweepCharts];

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

describe("sweep charts", () => {
  it("means carry 95% t intervals over replications", () => {
    const values = sweepRecords(true)
      .filter((r) => r.pointIndex === 3)
      .map((r) => r.summary?.innovations as number);
    expect(crnSweep.means.get("3|innovations")).toEqual(tMeanInterval(values, 0.95));
    const data = (sweepCharts[1].spec as unknown as { data: { values: { lo: number; hi: number }[] } }).data;
    for (const v of data.values) expect(v.hi - v.lo).toBeGreaterThan(0);
  });

  it("effects against the reference are paired differences over the shared seeds, with t intervals", () => {
    expect(crnSweep.reference).toBe(0);
    expect(crnSweep.effects.has("0|innovations")).toBe(false);
    const at = (p: number) =>
      sweepRecords(true)
        .filter((r) => r.pointIndex === p)
        .map((r) => r.summary?.innovations as number);
    const diffs = at(4).map((v, r) => v - at(0)[r]);
    const e = crnSweep.effects.get("4|innovations");
    expect(e).toMatchObject({ ...tMeanInterval(diffs, 0.95), paired: true, significant: true });
    expect(e?.estimate).toBeCloseTo(4, 0); // 10 · (0.9 − 0.5), the shared luck cancels
    // the same sweep without common seeds: a Welch interval, as wide as the luck between seeds
    const unpaired = analyseSweep(sweepRecords(false), { designKind: "grid" }).effects.get("4|innovations");
    expect(unpaired?.paired).toBe(false);
    expect(unpaired?.significant).toBe(false);
    expect((unpaired?.hi ?? 0) - (unpaired?.lo ?? 0)).toBeGreaterThan(20 * ((e?.hi ?? 0) - (e?.lo ?? 0)));
    // a stated reference point
    const ref3 = analyseSweep(sweepRecords(true), { designKind: "grid", reference: 3 });
    expect(ref3.effects.has("3|innovations")).toBe(false);
    expect(ref3.effects.get("0|innovations")?.estimate).toBeCloseTo(-(10 * 0.7 + 1 - 5), 0);
  });

  it("draws effects against 0 with a filled dot when the interval excludes it, and no colour stretch", () => {
    const spec = sweepCharts[0].spec as unknown as {
      data: { values: { point: string; lo: number; hi: number; significant: boolean }[] };
      spec: { layer: { mark: { type: string }; encoding: Record<string, unknown> }[] };
    };
    expect(spec.data.values.map((v) => v.point)).not.toContain("point 0");
    expect(spec.data.values.every((v) => v.lo <= v.hi)).toBe(true);
    expect(spec.spec.layer[0].encoding.x).toEqual({ datum: 0 });
    expect(JSON.stringify(spec.spec.layer[2].encoding.fill)).toContain("datum.significant");
    for (const c of sweepCharts) expect(JSON.stringify(c.spec)).not.toContain("viridis");
    expect(JSON.stringify(sweepCharts[2].spec)).toContain('"loess":"y"');
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
