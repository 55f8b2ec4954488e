import type { Translate } from "../i18n/index.js";
import {
  type ChartSpec,
  chartConfig,
  legendPick,
  pickOpacity,
  scenarioScale,
  titleOf,
  VL_SCHEMA,
} from "./common.js";

/**
 * Chart 6: Kaplan–Meier survival of the start-ups founded during the run (all cohorts pooled by
 * age), one step curve per scenario with its 95% band (Greenwood, log–log). The legend isolates
 * a scenario.
 */
export function survivalChart(
  rows: readonly { scenario: string; age: number; survival: number; lo: number; hi: number }[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string } = {},
): ChartSpec {
  const title = t("chart.survival.title");
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: scenarioScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = {
    field: "age",
    type: "quantitative" as const,
    title: t("axis.age"),
    axis: { tickMinStep: 1, format: "d", tickCount: 6, labelFlush: false },
  };
  return {
    id: "6-survival",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle),
      config: chartConfig(t),
      width: 520,
      height: 320,
      data: { values: rows.map((r) => ({ ...r })) },
      layer: [
        {
          mark: { type: "area", interpolate: "step-after" },
          encoding: {
            x,
            y: { field: "lo", type: "quantitative", title: t("axis.survival"), scale: { domain: [0, 1] } },
            y2: { field: "hi" },
            color,
            opacity: pickOpacity(0.15, 0.03),
          },
        },
        {
          params: legendPick(),
          mark: { type: "line", interpolate: "step-after", strokeWidth: 1.8 },
          encoding: {
            x,
            y: {
              field: "survival",
              type: "quantitative",
              title: t("axis.survival"),
              axis: { format: ".0%" },
            },
            color,
            opacity: pickOpacity(1, 0.12),
            tooltip: [
              { field: "scenario", title: t("legend.scenario") },
              { field: "age", title: t("axis.age") },
              { field: "survival", title: t("axis.survival"), format: ".1%" },
            ],
          },
        },
      ],
    },
  };
}
