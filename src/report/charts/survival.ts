import type { Translate } from "../i18n/index.js";
import { type ChartSpec, chartConfig, scenarioScale, titleOf, VL_SCHEMA } from "./common.js";

/**
 * Chart 5: Kaplan–Meier survival of the start-ups founded during the run (all cohorts pooled by
 * age), one step curve per scenario with its 95% band (Greenwood, log–log).
 */
export function survivalChart(
  rows: readonly { scenario: string; age: number; survival: number; lo: number; hi: number }[],
  scenarios: readonly string[],
  t: Translate,
): ChartSpec {
  const title = t("chart.survival.title");
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: scenarioScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = { field: "age", type: "quantitative" as const, title: t("axis.age"), axis: { tickMinStep: 1 } };
  return {
    id: "5-survival",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title),
      config: chartConfig(),
      width: 520,
      height: 320,
      data: { values: rows.map((r) => ({ ...r })) },
      layer: [
        {
          mark: { type: "area", opacity: 0.15, interpolate: "step-after" },
          encoding: {
            x,
            y: { field: "lo", type: "quantitative", title: t("axis.survival"), scale: { domain: [0, 1] } },
            y2: { field: "hi" },
            color,
          },
        },
        {
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
