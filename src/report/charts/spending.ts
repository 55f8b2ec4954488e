import type { InstrumentName } from "../../model/params.js";
import type { Translate } from "../i18n/index.js";
import { instrumentColors } from "../palette.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";
import { instrumentLabel } from "./labels.js";

/**
 * Chart 7: public money spent over the run by instrument, one stacked bar per scenario (mean
 * over runs, M). Instruments no scenario used are left out of the legend.
 */
export function spendingChart(
  rows: readonly { scenario: string; instrument: InstrumentName; total: number }[],
  scenarios: readonly string[],
  t: Translate,
): ChartSpec {
  const used = [...new Set(rows.filter((r) => r.total > 0).map((r) => r.instrument))];
  const label = (i: InstrumentName) => instrumentLabel(t, i);
  const values = rows
    .filter((r) => used.includes(r.instrument) || used.length === 0)
    .map((r) => ({ scenario: r.scenario, instrument: label(r.instrument), total: r.total }));
  const domain = (used.length ? used : [...new Set(rows.map((r) => r.instrument))]).map(label);
  const title = t("chart.spending.title");
  return {
    id: "7-spending",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title),
      config: chartConfig(),
      width: 520,
      height: { step: 24 },
      data: { values },
      mark: { type: "bar" },
      encoding: {
        y: {
          field: "scenario",
          type: "nominal",
          sort: [...scenarios],
          title: null,
          axis: { labelLimit: 200 },
        },
        x: { field: "total", type: "quantitative", stack: "zero", title: t("axis.spending") },
        color: {
          field: "instrument",
          type: "nominal",
          scale: { domain, range: instrumentColors(domain.length) },
          title: t("legend.instrument"),
        },
        order: { field: "instrument" },
        tooltip: [
          { field: "scenario", title: t("legend.scenario") },
          { field: "instrument", title: t("legend.instrument") },
          { field: "total", title: t("axis.spending"), format: ",.2f" },
        ],
      },
    },
  };
}
