import type { Comparison } from "../../analysis/comparison.js";
import type { Translate } from "../i18n/index.js";
import type { ChartSpec } from "./common.js";
import { costEffectivenessChart } from "./costEffectiveness.js";
import { effectsChart } from "./effects.js";
import { effectsOverTimeChart } from "./effectsOverTime.js";
import { firmSizesChart } from "./firmSizes.js";
import { spendingChart } from "./spending.js";
import { survivalChart } from "./survival.js";
import { timeSeriesChart } from "./timeSeries.js";

export type { ChartSpec } from "./common.js";
export {
  type SweepEffectRow,
  type SweepRow,
  type SweepScatterRow,
  sweepEffectsChart,
  sweepMeansChart,
  sweepScatterChart,
} from "./sweep.js";
export {
  costEffectivenessChart,
  effectsChart,
  effectsOverTimeChart,
  firmSizesChart,
  spendingChart,
  survivalChart,
  timeSeriesChart,
};

/** The charts of a comparison, in the order the report shows them. */
export function comparisonCharts(c: Comparison, t: Translate): ChartSpec[] {
  const charts = [
    timeSeriesChart(c.levels, c.scenarios, t),
    effectsChart(c.effects, c.scenarios, t),
    effectsOverTimeChart(c.effectsOverTime, c.scenarios, t),
    costEffectivenessChart(c.costEffectiveness, c.scenarios, t),
  ];
  if (c.sizes.length > 0) charts.push(firmSizesChart(c.sizes, c.scenarios, t));
  if (c.survival.length > 0) charts.push(survivalChart(c.survival, c.scenarios, t));
  charts.push(spendingChart(c.spending, c.scenarios, t));
  return charts;
}
