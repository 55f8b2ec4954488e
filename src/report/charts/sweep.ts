import type { Translate } from "../i18n/index.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";

/**
 * Chart 6: a sweep. Nothing here stretches a colour scale over noisy means: a discrete design
 * (grid, points) gets dot-and-interval plots per design point, of each outcome's mean and of its
 * effect against the reference point; a continuous design (LHS, Sobol') gets a scatter of the
 * point means against each sampled parameter with a loess smoother.
 */

/** An outcome at one design point: an estimate with its 95% interval. */
export interface SweepRow {
  /** The point's label (its parameter values, see pointLabel). */
  point: string;
  /** The outcome's label, with its unit. */
  outcome: string;
  estimate: number;
  lo: number;
  hi: number;
  /** Replications (means) or pairs (effects) behind the estimate. */
  n: number;
}

/** An effect against the reference point; `significant` when its interval excludes 0. */
export interface SweepEffectRow extends SweepRow {
  significant: boolean;
}

/** One design point of a continuous design: a parameter's value and an outcome's point mean. */
export interface SweepScatterRow {
  /** The parameter's (short) name. */
  param: string;
  x: number;
  y: number;
}

const BLUE = "#0072B2";
const VERMILION = "#D55E00";

function facetOf(outcomes: readonly string[]) {
  return { field: "outcome", type: "nominal" as const, sort: [...outcomes], title: null };
}

function pointAxis(points: readonly string[]) {
  return {
    field: "point",
    type: "nominal" as const,
    sort: [...points],
    title: null,
    // no flush: on a band axis it pushes the first label onto the second, which is then dropped
    axis: { labelLimit: 260, labelFlush: false },
  };
}

const TOOLTIP = (t: Translate, value: string) => [
  { field: "point", title: t("table.point") },
  { field: "estimate", title: value, format: ",.4~g" },
  { field: "lo", format: ",.4~g" },
  { field: "hi", format: ",.4~g" },
  { field: "n", title: "n" },
];

/**
 * Each outcome's mean per design point with its 95% t interval, one panel per outcome; the
 * reference point is drawn in vermilion, the others in blue.
 */
export function sweepMeansChart(
  rows: readonly SweepRow[],
  points: readonly string[],
  outcomes: readonly string[],
  reference: string,
  t: Translate,
): ChartSpec {
  const values = rows
    .filter((r) => Number.isFinite(r.estimate))
    .map((r) => ({ ...r, reference: r.point === reference }));
  const y = pointAxis(points);
  const color = {
    condition: { test: "datum.reference", value: VERMILION },
    value: BLUE,
  };
  const title = t("chart.sweepMeans.title");
  return {
    id: "6-sweep-means",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, t("chart.sweepMeans.subtitle", { reference })),
      config: chartConfig(t),
      data: { values },
      facet: facetOf(outcomes),
      columns: 2,
      spec: {
        width: 260,
        height: { step: 18 },
        layer: [
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y,
              x: {
                field: "lo",
                type: "quantitative",
                title: t("axis.mean"),
                scale: { zero: false },
                axis: { format: ",~r" },
              },
              x2: { field: "hi" },
              color,
            },
          },
          {
            mark: { type: "point", filled: true, size: 50, opacity: 1 },
            encoding: {
              y,
              x: { field: "estimate", type: "quantitative", title: t("axis.mean") },
              color,
              tooltip: TOOLTIP(t, t("table.mean")),
            },
          },
        ],
      },
      resolve: { scale: { x: "independent" } },
    },
  };
}

/**
 * Each point's effect against the reference point (mean paired difference over the shared
 * seeds and its 95% t interval), one panel per outcome, with a dashed line at 0; a filled dot
 * when the interval excludes 0, a hollow one when it does not.
 */
export function sweepEffectsChart(
  rows: readonly SweepEffectRow[],
  points: readonly string[],
  outcomes: readonly string[],
  reference: string,
  paired: boolean,
  t: Translate,
): ChartSpec {
  const values = rows.filter((r) => Number.isFinite(r.estimate) && r.point !== reference);
  const y = pointAxis(points.filter((p) => p !== reference));
  const title = t(paired ? "chart.sweepEffects.title" : "chart.sweepEffects.titleUnpaired");
  const xTitle = t("axis.effectVsReference");
  return {
    id: "6-sweep-effects",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, t("chart.sweepEffects.subtitle", { reference })),
      config: chartConfig(t),
      data: { values },
      facet: facetOf(outcomes),
      columns: 2,
      spec: {
        width: 260,
        height: { step: 18 },
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
          {
            mark: { type: "rule", strokeWidth: 2, color: BLUE },
            encoding: {
              y,
              x: { field: "lo", type: "quantitative", title: xTitle, axis: { format: ",~r" } },
              x2: { field: "hi" },
            },
          },
          {
            mark: { type: "point", size: 60, strokeWidth: 2, opacity: 1, color: BLUE },
            encoding: {
              y,
              x: { field: "estimate", type: "quantitative", title: xTitle },
              fill: { condition: { test: "datum.significant", value: BLUE }, value: "white" },
              tooltip: [...TOOLTIP(t, t("table.effect")), { field: "significant", title: "≠ 0" }],
            },
          },
        ],
      },
      resolve: { scale: { x: "independent" } },
    },
  };
}

/**
 * An outcome against each sampled parameter of a continuous design: one dot per design point
 * (its mean over replications) and a loess smoother, one panel per parameter.
 */
export function sweepScatterChart(
  rows: readonly SweepScatterRow[],
  params: readonly string[],
  metricLabel: string,
  t: Translate,
  id: string,
): ChartSpec {
  const values = rows.filter((r) => Number.isFinite(r.x) && Number.isFinite(r.y));
  const x = {
    field: "x",
    type: "quantitative" as const,
    title: null,
    scale: { zero: false },
    axis: { format: "~g" },
  };
  const y = { field: "y", type: "quantitative" as const, title: metricLabel, scale: { zero: false } };
  const title = t("chart.sweepScatter.title", { metric: metricLabel });
  return {
    id,
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, t("chart.sweepScatter.subtitle")),
      config: chartConfig(t),
      data: { values },
      facet: { field: "param", type: "nominal", sort: [...params], title: null },
      columns: Math.min(3, params.length),
      spec: {
        width: 240,
        height: 180,
        layer: [
          {
            mark: { type: "point", filled: true, size: 22, opacity: 0.55, color: BLUE },
            encoding: {
              x,
              y,
              tooltip: [
                { field: "param", title: t("table.parameter") },
                { field: "x", title: t("table.value"), format: ",.4~g" },
                { field: "y", title: metricLabel, format: ",.4~g" },
              ],
            },
          },
          {
            transform: [{ loess: "y", on: "x", groupby: ["param"], bandwidth: 0.5 }],
            mark: { type: "line", color: VERMILION, strokeWidth: 2.5 },
            encoding: { x, y },
          },
        ],
      },
      resolve: { scale: { x: "independent" } },
    },
  };
}
