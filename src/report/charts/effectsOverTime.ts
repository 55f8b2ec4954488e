import type { TimePoint } from "../../analysis/comparison.js";
import type { OutcomeKey } from "../../analysis/outcomes.js";
import type { Translate } from "../i18n/index.js";
import {
  type ChartSpec,
  chartConfig,
  effectScale,
  legendPick,
  pickOpacity,
  policyStartLayers,
  titleOf,
  VL_SCHEMA,
} from "./common.js";
import { outcomeLabel, outcomeOrder } from "./labels.js";

/**
 * The paired effect of each scenario quarter by quarter, one panel per outcome, with its 95% t
 * band; counts cumulated from the window's start, so the last quarter's value is the effects
 * chart's. A dashed rule marks each policy start; the legend isolates a scenario.
 */
export function effectsOverTimeChart(
  points: readonly TimePoint[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string; policyStart?: readonly number[] } = {},
): ChartSpec {
  const keys = [...new Set(points.map((p) => p.outcome))] as OutcomeKey[];
  const values = points.map((p) => ({
    scenario: p.scenario,
    panel: outcomeLabel(t, p.outcome),
    tick: p.tick,
    effect: p.estimate,
    lo: p.lo,
    hi: p.hi,
  }));
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: effectScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = {
    field: "tick",
    type: "quantitative" as const,
    title: t("axis.quarter"),
    axis: { tickMinStep: 1, format: "d", tickCount: 6, labelFlush: false },
  };
  const title = t("chart.effectsOverTime.title");
  return {
    id: "3-effects-over-time",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle ?? t("chart.timeSeries.subtitle")),
      config: chartConfig(t),
      data: { values },
      facet: { field: "panel", type: "nominal", sort: outcomeOrder(t, keys), title: null },
      columns: 2,
      spec: {
        width: 300,
        height: 150,
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } },
          {
            mark: { type: "area" },
            encoding: {
              x,
              y: { field: "lo", type: "quantitative", title: t("axis.effect") },
              y2: { field: "hi" },
              color,
              opacity: pickOpacity(0.18, 0.03),
            },
          },
          {
            params: legendPick(),
            mark: { type: "line", strokeWidth: 1.8 },
            encoding: {
              x,
              y: { field: "effect", type: "quantitative", title: t("axis.effect") },
              color,
              opacity: pickOpacity(1, 0.12),
              tooltip: [
                { field: "scenario", title: t("legend.scenario") },
                { field: "tick", title: t("axis.quarter") },
                { field: "effect", title: t("table.effect"), format: ",.3~g" },
              ],
            },
          },
          ...policyStartLayers(options.policyStart ?? []),
        ],
      },
      resolve: { scale: { y: "independent" } },
    },
  };
}
