import { gammaln } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { empiricalCcdf } from "../../analysis/stylized/pareto.js";
import type { ValidationCurves, ValidationRow } from "../../analysis/validation/run.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "../../report/charts/common.js";

/**
 * The charts of `ecosim validate`, built on src/report's shared chart look (config, schema,
 * titles) and rendered by its renderer: the size CCDF with the fitted Pareto tail, the density
 * of growth rates with the Subbotin and Gaussian fits, and start-up survival against the bands.
 */
export function validationCharts(curves: ValidationCurves, rows: readonly ValidationRow[]): ChartSpec[] {
  return [sizeChart(curves), growthChart(curves), survivalChart(curves, rows)];
}

function sizeChart(c: ValidationCurves): ChartSpec {
  const points = empiricalCcdf(c.sizes, 300);
  const n = c.sizes.length;
  const tailShare = n > 0 ? c.sizes.filter((x) => x >= c.paretoXmin).length / n : Number.NaN;
  const fit: { x: number; ccdf: number }[] = [];
  const xmax = points.length ? points[points.length - 1].x : Number.NaN;
  if (Number.isFinite(c.paretoAlpha) && Number.isFinite(tailShare) && xmax > c.paretoXmin) {
    for (let i = 0; i <= 20; i++) {
      const x = c.paretoXmin * (xmax / c.paretoXmin) ** (i / 20);
      fit.push({ x, ccdf: tailShare * (x / c.paretoXmin) ** -c.paretoAlpha });
    }
  }
  const title = "Firm size distribution (employees): CCDF, log–log";
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(
      title,
      `Pareto tail above ${fmt(c.paretoXmin)}: α = ${fmt(c.paretoAlpha)} (target 0.8–1.3)`,
    ),
    config: chartConfig(),
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: points.map((p) => ({ ...p, series: "simulated" })) },
        mark: { type: "point", filled: true, size: 14 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: { type: "log" }, title: "employees" },
          y: { field: "ccdf", type: "quantitative", scale: { type: "log" }, title: "P(size ≥ x)" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
      {
        data: { values: fit.map((p) => ({ ...p, series: "Pareto fit" })) },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "ccdf", type: "quantitative" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
    ],
  };
  return { id: "validation-size-ccdf", title, spec: spec as unknown as TopLevelSpec };
}

function growthChart(c: ValidationCurves): ChartSpec {
  const g = c.growth.filter((x) => Number.isFinite(x));
  const n = g.length;
  const sorted = [...g].sort((p, q) => p - q);
  const lo = n ? sorted[Math.floor(0.001 * (n - 1))] : -1;
  const hi = n ? sorted[Math.ceil(0.999 * (n - 1))] : 1;
  const bins = 40;
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const x of g) {
    const b = Math.floor((x - lo) / width);
    if (b >= 0 && b < bins) counts[b]++;
  }
  const hist = counts
    .map((k, b) => ({ g: lo + (b + 0.5) * width, density: k / (n * width), series: "simulated" }))
    .filter((p) => p.density > 0);
  const { subbotinA: a, subbotinB: b } = c;
  const mean = n ? g.reduce((s, x) => s + x, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(g.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  const lines: { g: number; density: number; series: string }[] = [];
  if (Number.isFinite(a) && Number.isFinite(b)) {
    const norm = 2 * a * b ** (1 / b) * Math.exp(gammaln(1 + 1 / b));
    for (let i = 0; i <= 80; i++) {
      const x = lo + ((hi - lo) * i) / 80;
      lines.push({
        g: x,
        density: Math.exp(-(Math.abs(x) ** b) / (b * a ** b)) / norm,
        series: `Subbotin b = ${fmt(b)}`,
      });
      if (Number.isFinite(sd)) {
        lines.push({
          g: x,
          density: Math.exp(-((x - mean) ** 2) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI)),
          series: "Gaussian",
        });
      }
    }
  }
  const floor = hist.length ? Math.min(...hist.map((p) => p.density)) / 2 : 1e-3;
  const title = "Yearly growth rates of surviving firms (log density)";
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, "tent shape (Laplace, b ≈ 1) vs Gaussian (b = 2); target b in 0.7–1.4"),
    config: chartConfig(),
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: hist },
        mark: { type: "point", filled: true, size: 30 },
        encoding: {
          x: { field: "g", type: "quantitative", title: "ln(size_t / size_t−1), demeaned" },
          y: { field: "density", type: "quantitative", scale: { type: "log" }, title: "density" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
      {
        data: { values: lines.filter((p) => p.density >= floor) },
        mark: { type: "line", strokeWidth: 1.8 },
        encoding: {
          x: { field: "g", type: "quantitative" },
          y: { field: "density", type: "quantitative" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
    ],
  };
  return { id: "validation-growth-rates", title, spec: spec as unknown as TopLevelSpec };
}

function survivalChart(c: ValidationCurves, rows: readonly ValidationRow[]): ChartSpec {
  const curve = c.survival
    .map((s, year) => ({ year, survival: s }))
    .filter((p) => Number.isFinite(p.survival));
  const bands = rows
    .filter((r) => r.id.startsWith("survival.year") && r.band)
    .map((r) => ({ year: Number(r.id.replace("survival.year", "")), lo: r.band![0], hi: r.band![1] }));
  const title = "Start-up survival by years since entry (Kaplan–Meier, cohorts after the burn-in)";
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, "line: simulated (mean over replications); bars: target bands (US BDS)"),
    config: chartConfig(),
    width: 520,
    height: 320,
    layer: [
      {
        data: { values: bands },
        mark: { type: "rule", strokeWidth: 8, opacity: 0.35, color: "#d62728" },
        encoding: {
          x: { field: "year", type: "quantitative", title: "years since entry" },
          y: { field: "lo", type: "quantitative", title: "share alive", scale: { domain: [0, 1] } },
          y2: { field: "hi" },
        },
      },
      {
        data: { values: curve },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2, point: true },
        encoding: {
          x: { field: "year", type: "quantitative" },
          y: { field: "survival", type: "quantitative", axis: { format: ".0%" } },
        },
      },
    ],
  };
  return { id: "validation-survival", title, spec: spec as unknown as TopLevelSpec };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : "n/a";
}
