import type { Translate } from "../i18n/index.js";
import { SEQUENTIAL_SCHEME } from "../palette.js";
import { type ChartSpec, chartConfig, titleOf, VL_SCHEMA } from "./common.js";

/** One point of a sweep: the swept parameters' values and an outcome's mean with its 95% CI. */
export interface SweepPoint {
  params: Record<string, number>;
  estimate: number;
  lo: number;
  hi: number;
}

/**
 * Chart 6: an outcome over a sweep. Two or more swept parameters: a heatmap over the first two
 * (mean over replications and over any further parameters), each cell labelled with its value.
 * One swept parameter: the mean as a line with its 95% band.
 */
export function sweepChart(
  points: readonly SweepPoint[],
  swept: readonly string[],
  metricLabel: string,
  t: Translate,
  id = "6-sweep",
): ChartSpec {
  if (swept.length === 0) throw new Error("a sweep chart needs at least one swept parameter");
  if (swept.length === 1) {
    const p = swept[0];
    const values = points.map((q) => ({ x: q.params[p], mean: q.estimate, lo: q.lo, hi: q.hi }));
    const title = t("chart.sweepLine.title", { metric: metricLabel });
    const x = { field: "x", type: "quantitative" as const, title: p, scale: { zero: false } };
    return {
      id,
      title,
      spec: {
        $schema: VL_SCHEMA,
        title: titleOf(title),
        config: chartConfig(),
        width: 520,
        height: 300,
        data: { values },
        layer: [
          {
            mark: { type: "area", opacity: 0.2, color: "#0072B2" },
            encoding: {
              x,
              y: { field: "lo", type: "quantitative", title: metricLabel, scale: { zero: false } },
              y2: { field: "hi" },
            },
          },
          {
            mark: { type: "line", color: "#0072B2", point: { filled: true, size: 40 } },
            encoding: {
              x,
              y: { field: "mean", type: "quantitative", title: metricLabel },
              tooltip: [
                { field: "x", title: p },
                { field: "mean", title: metricLabel, format: ",.4~g" },
                { field: "lo", format: ",.4~g" },
                { field: "hi", format: ",.4~g" },
              ],
            },
          },
        ],
      },
    };
  }
  const [px, py] = swept;
  const cells = new Map<string, { x: number; y: number; sum: number; n: number }>();
  for (const q of points) {
    const key = `${q.params[px]}|${q.params[py]}`;
    const c = cells.get(key) ?? { x: q.params[px], y: q.params[py], sum: 0, n: 0 };
    c.sum += q.estimate;
    c.n++;
    cells.set(key, c);
  }
  const means = [...cells.values()].map((c) => c.sum / c.n);
  const lo = Math.min(...means);
  const span = Math.max(...means) - lo || 1;
  // viridis runs from dark purple to light yellow: black text on the light end, white on the dark
  const values = [...cells.values()].map((c) => {
    const mean = c.sum / c.n;
    return { x: c.x, y: c.y, mean, light: (mean - lo) / span > 0.6 };
  });
  const title = t("chart.sweepHeatmap.title", { metric: metricLabel });
  const x = { field: "x", type: "ordinal" as const, title: px, sort: "ascending" as const };
  const y = { field: "y", type: "ordinal" as const, title: py, sort: "descending" as const };
  return {
    id,
    title,
    spec: {
      $schema: VL_SCHEMA,
      title: titleOf(title),
      config: chartConfig(),
      width: { step: 56 },
      height: { step: 36 },
      data: { values },
      layer: [
        {
          mark: { type: "rect" },
          encoding: {
            x,
            y,
            color: {
              field: "mean",
              type: "quantitative",
              scale: { scheme: SEQUENTIAL_SCHEME },
              title: metricLabel,
            },
            tooltip: [
              { field: "x", title: px },
              { field: "y", title: py },
              { field: "mean", title: metricLabel, format: ",.4~g" },
            ],
          },
        },
        {
          mark: { type: "text", fontSize: 10 },
          encoding: {
            x,
            y,
            text: { field: "mean", type: "quantitative", format: ",.3~g" },
            color: { condition: { test: "datum.light", value: "black" }, value: "white" },
          },
        },
      ],
    },
  };
}
