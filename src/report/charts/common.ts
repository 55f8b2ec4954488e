import type { TopLevelSpec } from "vega-lite";
import type { Translate } from "../i18n/index.js";
import { categoricalColors } from "../palette.js";

/**
 * Font stack of every chart. The PNG renderer is given the Noto CJK files explicitly, so Latin
 * and Chinese text render with the same family in the SVG, the PNG and the browser.
 */
export const FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Noto Sans, DejaVu Sans, Arial, sans-serif";

export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Shared look of all charts: fonts, sizes, white background. */
export function chartConfig() {
  return {
    font: FONT_FAMILY,
    background: "white",
    padding: 12,
    title: {
      fontSize: 15,
      anchor: "start" as const,
      offset: 12,
      subtitleFontSize: 12,
      subtitleColor: "#444",
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal" as const,
      grid: true,
      gridColor: "#e6e6e6",
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      labelLimit: 320,
      orient: "right" as const,
      symbolOpacity: 1,
    },
    header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: "bold" as const },
    view: { stroke: "#cccccc" },
  };
}

/** The colour encoding's scale for scenarios: the user's names, in the user's order. */
export function scenarioScale(scenarios: readonly string[]) {
  return { domain: [...scenarios], range: categoricalColors(scenarios.length) };
}

/** The same colours without the baseline, for charts that show effects against it. */
export function effectScale(scenarios: readonly string[]) {
  return { domain: scenarios.slice(1), range: categoricalColors(scenarios.length).slice(1) };
}

/** "Employment (workers)": a label with its unit in brackets (full-width in Chinese). */
export function withUnit(t: Translate, label: string, unit: string): string {
  return t("lang.htmlCode").startsWith("zh") ? `${label}（${unit}）` : `${label} (${unit})`;
}

export interface ChartSpec {
  /** File stem, e.g. "1-time-series" → 1-time-series.vl.json / .svg / .png */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

/** A chart title with an optional subtitle, for the top-level `title`. */
export function titleOf(text: string, subtitle?: string) {
  return subtitle ? { text, subtitle } : { text };
}
