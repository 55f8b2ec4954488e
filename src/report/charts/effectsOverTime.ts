import type { TimePoint } from "../../analysis/comparison.js";
import type { OutcomeKey } from "../../analysis/outcomes.js";
import type { Translate } from "../i18n/index.js";
import { type ChartSpec, chartConfig, effectScale, titleOf, VL_SCHEMA } from "./common.js";
import { outcomeLabel, outcomeOrder } from "./labels.js";

/** The paired effect of each scenario tick by tick, one panel per outcome, with its 95% band. */
export function effectsOverTimeChart(
  points: readonly TimePoint[],
  scenarios: readonly string[],
  t: Translate,
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
    axis: { tickMinStep: 1 },
  };
  const title = t("chart.effectsOverTime.title");
  return {
    id: "8-effects-over-time",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, t("chart.timeSeries.subtitle")),
      config: chartConfig(),
      data: { values },
      facet: { field: "panel", type: "nominal", sort: outcomeOrder(t, keys), title: null },
      columns: 2,
      spec: {
        width: 300,
        height: 150,
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } },
          {
            mark: { type: "area", opacity: 0.18 },
            encoding: {
              x,
              y: { field: "lo", type: "quantitative", title: t("axis.effect") },
              y2: { field: "hi" },
              color,
            },
          },
          {
            mark: { type: "line", strokeWidth: 1.8 },
            encoding: {
              x,
              y: { field: "effect", type: "quantitative", title: t("axis.effect") },
              color,
              tooltip: [
                { field: "scenario", title: t("legend.scenario") },
                { field: "tick", title: t("axis.quarter") },
                { field: "effect", title: t("table.effect"), format: ",.3~g" },
              ],
            },
          },
        ],
      },
      resolve: { scale: { y: "independent" } },
    },
  };
}
