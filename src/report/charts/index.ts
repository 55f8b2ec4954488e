import type { Comparison } from "../../analysis/comparison.js";
import type { Translate } from "../i18n/index.js";
import { type ChartSpec, mixStarts } from "./common.js";
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

/**
 * The charts of a comparison, in the order the report shows them, numbered in that order (file
 * stem "N-name" and title "Figure N. …"), each subtitle saying which quarters it sums or reads.
 */
export function comparisonCharts(c: Comparison, t: Translate): ChartSpec[] {
  const { from, to } = c.window;
  const starts = mixStarts(c.policyStart, c.scenarios);
  const fdr = `${Math.round((c.fdr ?? 0.05) * 1000) / 10}%`;
  const startNote = [...new Set(starts)].map((quarter) => ` ${t("chart.policyStart", { quarter })}`).join("");
  const charts = [
    timeSeriesChart(c.levels, c.scenarios, t, {
      subtitle: `${t("chart.timeSeries.subtitleWindow", { from, to })}${startNote}`,
      policyStart: starts,
    }),
    effectsChart(c.effects, c.scenarios, t, {
      subtitle: t("chart.effects.subtitleWindow", { from, to, fdr }),
    }),
    effectsOverTimeChart(c.effectsOverTime, c.scenarios, t, {
      subtitle: `${t("chart.effectsOverTime.subtitleWindow", { from, to })}${startNote}`,
      policyStart: starts,
    }),
    costEffectivenessChart(c.costEffectiveness, c.scenarios, t, {
      subtitle: t("chart.costEffectiveness.subtitleWindow", { from, to }),
    }),
  ];
  if (c.sizes.length > 0)
    charts.push(
      firmSizesChart(c.sizes, c.scenarios, t, { subtitle: t("chart.firmSizes.subtitleAt", { to }) }),
    );
  if (c.survival.length > 0)
    charts.push(
      survivalChart(c.survival, c.scenarios, t, { subtitle: t("chart.survival.subtitleRun", { to }) }),
    );
  charts.push(
    spendingChart(c.spending, c.scenarios, t, {
      subtitle: t("chart.spending.subtitleWindow", { from, to }),
      axisTitle: t("axis.booked", { from, to }),
    }),
  );
  return numberCharts(charts, t);
}

/**
 * Numbers charts in the order given: the id's leading "N-" becomes the position, and the title
 * (the report's and the chart's own) starts with "Figure N." so files, report and images agree.
 */
export function numberCharts(charts: readonly ChartSpec[], t: Translate): ChartSpec[] {
  return charts.map((c, i) => {
    const n = i + 1;
    const title = t("chart.numbered", { n, title: c.title });
    const spec = c.spec as { title?: { text: string; subtitle?: string } };
    return {
      id: `${n}-${c.id.replace(/^\d+-/, "")}`,
      title,
      spec: { ...c.spec, title: { ...(spec.title ?? {}), text: title } } as ChartSpec["spec"],
    };
  });
}
