import type { TimePoint } from "../../analysis/comparison.js";
import type { OutcomeKey } from "../../analysis/outcomes.js";
import type { Translate } from "../i18n/index.js";
import {
  type ChartSpec,
  chartConfig,
  legendPick,
  pickOpacity,
  policyStartLayers,
  scenarioScale,
  titleOf,
  VL_SCHEMA,
} from "./common.js";
import { outcomeLabel, outcomeOrder, outcomeUnit } from "./labels.js";

/**
 * Chart 1: each key outcome over time, one panel per outcome, one line per scenario (the mean
 * over replications) with its 95% band. Counts are cumulated from the start of the evaluation
 * window (the caller's subtitle says from which quarter); a dashed rule marks each policy start.
 * Clicking a legend entry isolates that scenario.
 */
export function timeSeriesChart(
  points: readonly TimePoint[],
  scenarios: readonly string[],
  t: Translate,
  options: { id?: string; title?: string; subtitle?: string; policyStart?: readonly number[] } = {},
): ChartSpec {
  const keys = [...new Set(points.map((p) => p.outcome))] as OutcomeKey[];
  const values = points.map((p) => ({
    scenario: p.scenario,
    panel: outcomeLabel(t, p.outcome),
    unit: t(`unit.${outcomeUnit(p.outcome)}`),
    tick: p.tick,
    mean: p.estimate,
    lo: p.lo,
    hi: p.hi,
  }));
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: scenarioScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = {
    field: "tick",
    type: "quantitative" as const,
    title: t("axis.quarter"),
    axis: { tickMinStep: 1, format: "d", tickCount: 6, labelFlush: false },
  };
  const title = options.title ?? t("chart.timeSeries.title");
  return {
    id: options.id ?? "1-time-series",
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
          {
            mark: { type: "area" },
            encoding: {
              x,
              y: { field: "lo", type: "quantitative", title: t("axis.value"), scale: { zero: false } },
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
              y: { field: "mean", type: "quantitative", title: t("axis.value") },
              color,
              opacity: pickOpacity(1, 0.12),
              tooltip: [
                { field: "scenario", title: t("legend.scenario") },
                { field: "tick", title: t("axis.quarter") },
                { field: "mean", title: t("table.value"), format: ",.3~g" },
                { field: "lo", format: ",.3~g" },
                { field: "hi", format: ",.3~g" },
              ],
            },
          },
          ...policyStartLayers(options.policyStart ?? []),
        ],
      },
      // counts start at the window, levels at quarter 1: each panel spans its own quarters
      resolve: { scale: { y: "independent", x: "independent" } },
    },
  };
}
