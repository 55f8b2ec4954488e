import type { InstrumentName } from "../../model/params.js";
import type { Translate } from "../i18n/index.js";
import { instrumentPalette } from "../palette.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";
import { instrumentLabel } from "./labels.js";

/**
 * Chart 7: public money booked by each instrument (mean over runs, M), one stacked bar per
 * scenario. Instruments no scenario used are left out; the rest are coloured by family (one hue
 * per family, see INSTRUMENT_FAMILY in palette.ts) and listed family by family in the legend.
 */
export function spendingChart(
  rows: readonly { scenario: string; instrument: InstrumentName; total: number }[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string; axisTitle?: string } = {},
): ChartSpec {
  const used = [...new Set(rows.filter((r) => r.total > 0).map((r) => r.instrument))];
  const shown = used.length ? used : [...new Set(rows.map((r) => r.instrument))];
  const palette = instrumentPalette(shown);
  const label = (i: string) => instrumentLabel(t, i);
  const order = new Map(palette.map((p, k) => [p.name, k]));
  const familyOf = new Map(palette.map((p) => [p.name, p.family]));
  const values = rows
    .filter((r) => order.has(r.instrument))
    .map((r) => ({
      scenario: r.scenario,
      instrument: label(r.instrument),
      family: t(`family.${familyOf.get(r.instrument) ?? "services"}`),
      rank: order.get(r.instrument) ?? 0,
      total: r.total,
    }));
  const title = t("chart.spending.title");
  const axisTitle = options.axisTitle ?? t("axis.spending");
  const y = {
    field: "scenario",
    type: "nominal" as const,
    sort: [...scenarios],
    title: null,
    axis: { labelLimit: 200 },
  };
  return {
    id: "7-spending",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle),
      config: chartConfig(t),
      width: 520,
      height: { step: 24 },
      data: { values },
      layer: [
        {
          mark: { type: "bar", stroke: "white", strokeWidth: 0.6 },
          encoding: {
            y,
            x: { field: "total", type: "quantitative", stack: "zero", title: axisTitle },
            color: {
              field: "instrument",
              type: "nominal",
              scale: { domain: palette.map((p) => label(p.name)), range: palette.map((p) => p.color) },
              title: t("legend.instrumentByFamily"),
            },
            order: { field: "rank" },
            tooltip: [
              { field: "scenario", title: t("legend.scenario") },
              { field: "instrument", title: t("legend.instrument") },
              { field: "family", title: t("legend.family") },
              { field: "total", title: axisTitle, format: ",.2f" },
            ],
          },
        },
        {
          // each bar's total at its end, so a small one (or none) still shows its figure
          transform: [{ aggregate: [{ op: "sum", field: "total", as: "sum" }], groupby: ["scenario"] }],
          mark: { type: "text", align: "left", dx: 4, fontSize: 11, color: "#333" },
          encoding: {
            y,
            x: { field: "sum", type: "quantitative" },
            text: { field: "sum", type: "quantitative", format: ",.3~r" },
          },
        },
      ],
    },
  };
}
