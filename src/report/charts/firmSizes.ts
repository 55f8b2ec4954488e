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
 * A Zipf reference for a CCDF on log–log axes: the line of slope −1 through the distribution's
 * first point (smallest size x0, share s0), share = s0·x0/x, drawn down to the smallest share
 * (or the largest size) shown. Two points: a straight line in log–log.
 */
export function zipfReference(
  rows: readonly { size: number; share: number }[],
): { size: number; share: number }[] {
  const pts = rows.filter((r) => r.size > 0 && r.share > 0);
  if (pts.length === 0) return [];
  const first = pts.reduce((a, b) => (b.size < a.size ? b : a));
  const maxSize = Math.max(...pts.map((r) => r.size));
  const minShare = Math.min(...pts.map((r) => r.share));
  const k = first.share * first.size;
  const end = Math.min(maxSize, k / minShare);
  if (!(end > first.size)) return [];
  return [
    { size: first.size, share: first.share },
    { size: end, share: k / end },
  ];
}

/**
 * Chart 5: the size distribution of SMEs alive at the horizon as a complementary CDF on log–log
 * axes, runs pooled per scenario, with a dashed Zipf reference (slope −1) through the smallest
 * size: a tail parallel to it is Zipf's law, a steeper one thinner-tailed. The legend isolates a
 * scenario.
 */
export function firmSizesChart(
  rows: readonly { scenario: string; size: number; share: number }[],
  scenarios: readonly string[],
  t: Translate,
  options: { subtitle?: string } = {},
): ChartSpec {
  const title = t("chart.firmSizes.title");
  const color = {
    field: "scenario",
    type: "nominal" as const,
    scale: scenarioScale(scenarios),
    title: t("legend.scenario"),
  };
  const x = {
    field: "size",
    type: "quantitative" as const,
    scale: { type: "log" as const, nice: false },
    title: t("axis.employees"),
    axis: { format: ",~g" },
  };
  const y = {
    field: "share",
    type: "quantitative" as const,
    scale: { type: "log" as const, nice: false },
    title: t("axis.ccdf"),
    axis: { format: "~g" },
  };
  const reference = zipfReference(rows);
  const last = reference[reference.length - 1];
  return {
    id: "5-firm-sizes",
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title, options.subtitle ?? t("chart.firmSizes.subtitle")),
      config: chartConfig(t),
      width: 520,
      height: 340,
      layer: [
        {
          data: { values: reference.map((r) => ({ ...r, label: t("chart.firmSizes.zipf") })) },
          mark: { type: "line", color: "#777", strokeDash: [6, 4], strokeWidth: 1.4 },
          encoding: { x, y },
        },
        ...(last
          ? [
              {
                data: { values: [{ ...last, label: t("chart.firmSizes.zipf") }] },
                mark: {
                  type: "text" as const,
                  align: "right" as const,
                  baseline: "bottom" as const,
                  dy: -4,
                  fontSize: 10,
                  color: "#555",
                },
                encoding: { x, y, text: { field: "label", type: "nominal" as const } },
              },
            ]
          : []),
        {
          data: { values: rows.map((r) => ({ ...r })) },
          params: legendPick(),
          mark: {
            type: "line",
            point: { size: 14, filled: true },
            strokeWidth: 1.5,
            interpolate: "step-before",
          },
          encoding: {
            x,
            y,
            color,
            opacity: pickOpacity(1, 0.12),
            tooltip: [
              { field: "scenario", title: t("legend.scenario") },
              { field: "size", title: t("axis.employees"), format: ",.3~g" },
              { field: "share", title: t("axis.ccdf"), format: ".3~g" },
            ],
          },
        },
      ],
    },
  };
}
