import type { Translate } from "../i18n/index.js";
import { type ChartSpec, chartConfig, scenarioScale, titleOf, VL_SCHEMA } from "./common.js";

/**
 * Chart 4: the size distribution of SMEs alive at the horizon as a complementary CDF on log–log
 * axes (a straight line is a power law; Zipf's law has slope −1). Runs pooled per scenario.
 */
export function firmSizesChart(
  rows: readonly { scenario: string; size: number; share: number }[],
  scenarios: readonly string[],
  t: Translate,
): ChartSpec {
  const title = t("chart.firmSizes.title");
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: scenarioScale(scenarios),
    title: t("legend.scenario"),
  };
  return {
    id: "4-firm-sizes",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, t("chart.firmSizes.subtitle")),
      config: chartConfig(),
      width: 520,
      height: 340,
      data: { values: rows.map((r) => ({ ...r })) },
      mark: { type: "line", point: { size: 14, filled: true }, strokeWidth: 1.5, interpolate: "step-before" },
      encoding: {
        x: { field: "size", type: "quantitative", scale: { type: "log" }, title: t("axis.employees") },
        y: { field: "share", type: "quantitative", scale: { type: "log" }, title: t("axis.ccdf") },
        color,
        tooltip: [
          { field: "scenario", title: t("legend.scenario") },
          { field: "size", title: t("axis.employees"), format: ",.3~g" },
          { field: "share", title: t("axis.ccdf"), format: ".3~g" },
        ],
      },
    },
  };
}
