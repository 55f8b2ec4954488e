import { gammaln } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { empiricalCcdf } from "../../analysis/stylized/pareto.js";
import type { ValidationCurves, ValidationRow } from "../../analysis/validation/run.js";
import type { Translate } from "../i18n/index.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";

/**
 * The charts of `ecosim validate`, with the shared chart look (config, schema, titles) and the
 * i18n catalogue: the size CCDF with the fitted Pareto tail, the density
 * of growth rates with the Subbotin and Gaussian fits, and start-up survival against the bands.
 */
export function validationCharts(
  curves: ValidationCurves,
  rows: readonly ValidationRow[],
  t: Translate,
): ChartSpec[] {
  return [sizeChart(curves, t), growthChart(curves, t), survivalChart(curves, rows, t)];
}

function sizeChart(c: ValidationCurves, t: Translate): ChartSpec {
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
  const title = t("vchart.size.title");
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, t("vchart.size.subtitle", { xmin: fmt(c.paretoXmin), alpha: fmt(c.paretoAlpha) })),
    config: chartConfig(t),
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: points.map((p) => ({ ...p, series: t("vchart.simulated") })) },
        mark: { type: "point", filled: true, size: 14 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: { type: "log" }, title: t("vchart.employees") },
          y: { field: "ccdf", type: "quantitative", scale: { type: "log" }, title: "P(size ≥ x)" },
          color: { field: "series", type: "nominal", title: null },
        },
      },
      {
        data: { values: fit.map((p) => ({ ...p, series: t("vchart.paretoFit") })) },
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

function growthChart(c: ValidationCurves, t: Translate): ChartSpec {
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
    .map((k, b) => ({ g: lo + (b + 0.5) * width, density: k / (n * width), series: t("vchart.simulated") }))
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
        series: t("vchart.subbotin", { b: fmt(b) }),
      });
      if (Number.isFinite(sd)) {
        lines.push({
          g: x,
          density: Math.exp(-((x - mean) ** 2) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI)),
          series: t("vchart.gaussian"),
        });
      }
    }
  }
  const floor = hist.length ? Math.min(...hist.map((p) => p.density)) / 2 : 1e-3;
  const title = t("vchart.growth.title");
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, t("vchart.growth.subtitle")),
    config: chartConfig(t),
    width: 520,
    height: 340,
    layer: [
      {
        data: { values: hist },
        mark: { type: "point", filled: true, size: 30 },
        encoding: {
          x: { field: "g", type: "quantitative", title: t("vchart.growth.x") },
          y: { field: "density", type: "quantitative", scale: { type: "log" }, title: t("vchart.density") },
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

function survivalChart(c: ValidationCurves, rows: readonly ValidationRow[], t: Translate): ChartSpec {
  const curve = c.survival
    .map((s, year) => ({ year, survival: s }))
    .filter((p) => Number.isFinite(p.survival));
  const bands = rows
    .filter((r) => r.id.startsWith("survival.year") && r.band)
    .map((r) => ({ year: Number(r.id.replace("survival.year", "")), lo: r.band![0], hi: r.band![1] }));
  const title = t("vchart.survival.title");
  const spec = {
    $schema: VL_SCHEMA,
    title: titleOf(title, t("vchart.survival.subtitle")),
    config: chartConfig(t),
    width: 520,
    height: 320,
    layer: [
      {
        data: { values: bands },
        mark: { type: "rule", strokeWidth: 8, opacity: 0.35, color: "#d62728" },
        encoding: {
          x: { field: "year", type: "quantitative", title: t("vchart.yearsSinceEntry") },
          y: { field: "lo", type: "quantitative", title: t("vchart.shareAlive"), scale: { domain: [0, 1] } },
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
