import type { CeRow } from "../../analysis/comparison.js";
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

/**
 * Chart 4: net public cost (from the government's books, M) against the gain in each outcome,
 * one panel per outcome, one dot per scenario with its 95% intervals in both directions. Points
 * up and to the left are better value for money.
 */
export function costEffectivenessChart(
  rows: readonly CeRow[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string } = {},
): ChartSpec {
  const targets = [...new Set(rows.map((r) => r.target))];
  const panelOf = (k: CeRow["target"]) => t(`ce.${k}`);
  const values = rows
    .filter((r) => Number.isFinite(r.effect.diff.estimate) && Number.isFinite(r.netCost.estimate))
    .map((r) => ({
      scenario: r.scenario,
      panel: panelOf(r.target),
      cost: r.netCost.estimate,
      costLo: r.netCost.lo,
      costHi: r.netCost.hi,
      gain: r.effect.diff.estimate,
      gainLo: r.effect.diff.lo,
      gainHi: r.effect.diff.hi,
      // only a bounded set has a ratio worth a tooltip; an unbounded one is not a number
      ratio: r.ratio?.bounded ? r.ratio.estimate : null,
    }));
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: effectScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = { field: "cost", type: "quantitative" as const, title: t("axis.netCost") };
  const y = { field: "gain", type: "quantitative" as const, title: t("axis.gain") };
  const opacity = pickOpacity(1, 0.15);
  const title = t("chart.costEffectiveness.title");
  return {
    id: "4-cost-effectiveness",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle ?? t("chart.costEffectiveness.subtitle")),
      config: chartConfig(t),
      data: { values },
      facet: { field: "panel", type: "nominal", sort: targets.map(panelOf), title: null },
      columns: 3,
      spec: {
        width: 220,
        height: 200,
        layer: [
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } },
          { mark: { type: "rule", color: "#888", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
          {
            mark: { type: "rule", strokeWidth: 1.5 },
            encoding: { x: { ...x, field: "costLo" }, x2: { field: "costHi" }, y, color, opacity },
          },
          {
            mark: { type: "rule", strokeWidth: 1.5 },
            encoding: { x, y: { ...y, field: "gainLo" }, y2: { field: "gainHi" }, color, opacity },
          },
          {
            params: legendPick(),
            mark: { type: "point", filled: true, size: 70 },
            encoding: {
              x,
              y,
              color,
              opacity,
              tooltip: [
                { field: "scenario", title: t("legend.scenario") },
                { field: "cost", title: t("axis.netCost"), format: ",.4~g" },
                { field: "gain", title: t("axis.gain"), format: ",.4~g" },
                { field: "ratio", title: t("axis.costPerGain"), format: ",.4~g" },
              ],
            },
          },
        ],
      },
      resolve: { scale: { y: "independent" } },
    },
  };
}
