import type { EffectRow } from "../../analysis/comparison.js";
import type { Translate } from "../i18n/index.js";
import {
  type ChartSpec,
  chartConfig,
  effectScale,
  legendPick,
  pickOpacity,
  titleOf,
  VL_SCHEMA,
} from "./common.js";
import { outcomeLabel, outcomeOrder } from "./labels.js";

/**
 * Chart 2: the effect of each scenario against the baseline over the evaluation window, one
 * panel per outcome: a dot at the mean paired difference and a line over its unadjusted 95% t
 * interval; the dot is filled for a discovery (Benjamini–Hochberg across the effects table, what
 * a star marks in the tables), hollow otherwise.
 */
export function effectsChart(
  rows: readonly EffectRow[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string } = {},
): ChartSpec {
  const others = scenarios.slice(1);
  const keys = [...new Set(rows.map((r) => r.outcome))];
  const values = rows
    .filter((r) => Number.isFinite(r.effect.diff.estimate))
    .map((r) => ({
      scenario: r.scenario,
      panel: outcomeLabel(t, r.outcome),
      effect: r.effect.diff.estimate,
      lo: r.effect.diff.lo,
      hi: r.effect.diff.hi,
      discovery: r.effect.discovery,
      q: Number.isFinite(r.effect.qValue) ? r.effect.qValue : null,
      relative: Number.isFinite(r.effect.relative) ? r.effect.relative : null,
    }));
  const y = {
    field: "scenario",
    type: "nominal" as const,
    sort: others,
    title: null,
    axis: { labelLimit: 160 },
  };
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: effectScale(scenarios),
    title: t("legend.scenario"),
  };
  const title = t("chart.effects.title");
  return {
    id: "2-effects",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle ?? t("chart.effects.subtitle")),
      config: chartConfig(t),
      data: { values },
      facet: { field: "panel", type: "nominal", sort: outcomeOrder(t, keys as never), title: null },
      columns: 2,
      spec: {
        width: 260,
        height: { step: 18 },
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y,
              x: { field: "lo", type: "quantitative", title: t("axis.effect") },
              x2: { field: "hi" },
              color,
              opacity: pickOpacity(1, 0.15),
            },
          },
          {
            params: legendPick(),
            mark: { type: "point", size: 60, strokeWidth: 2 },
            encoding: {
              y,
              x: { field: "effect", type: "quantitative", title: t("axis.effect") },
              color,
              opacity: pickOpacity(1, 0.15),
              fill: {
                condition: {
                  test: "datum.discovery",
                  field: "scenario",
                  type: "nominal",
                  scale: effectScale(scenarios),
                },
                value: "white",
              },
              tooltip: [
                { field: "scenario", title: t("legend.scenario") },
                { field: "effect", title: t("table.effect"), format: ",.4~g" },
                { field: "lo", format: ",.4~g" },
                { field: "hi", format: ",.4~g" },
                { field: "relative", title: t("table.relative"), format: "+.1%" },
                { field: "q", title: t("table.qValue"), format: ".2~g" },
              ],
            },
          },
        ],
      },
      resolve: { scale: { x: "independent" } },
    },
  };
}
