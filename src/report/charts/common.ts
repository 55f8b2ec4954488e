import type { TopLevelSpec } from "vega-lite";
import { CJK_FONT_STACK, fontStack } from "../fonts.js";
import type { Translate } from "../i18n/index.js";
import { categoricalColors } from "../palette.js";

/**
 * Font stack of Chinese charts (the CJK font first). English charts name a Latin font first:
 * see `fontStack` and `chartConfig(t)`. The PNG renderer is given both fonts' files.
 */
export const FONT_FAMILY = CJK_FONT_STACK.join(", ");

export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * Shared look of all charts: fonts (by the language of `t`; English without it), sizes, white
 * background, tick labels that never overlap (a label that would collide is dropped).
 */
export function chartConfig(t?: Translate) {
  return {
    font: fontStack(t ? t("lang.htmlCode") : "en").join(", "),
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
      labelOverlap: "greedy" as const,
      labelSeparation: 6,
    },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      labelLimit: 320,
      titleLimit: 360,
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

/** The name of the legend-bound selection of one scenario (click a legend entry; shift adds). */
export const PICK = "pick";

/**
 * A point selection of scenarios bound to the legend: clicking a legend entry isolates that
 * scenario, the others fade (double-click clears). Goes into the `params` of the one layer
 * whose colour legend shows the scenarios.
 */
export function legendPick() {
  return [{ name: PICK, select: { type: "point" as const, fields: ["scenario"] }, bind: "legend" as const }];
}

/** Opacity that follows the legend selection: `on` for the picked (or all, when none is). */
export function pickOpacity(on = 1, off = 0.12) {
  return { condition: { param: PICK, value: on }, value: off };
}

/**
 * The policy start on a time axis (quarters): a dashed rule at each distinct start of the
 * compared mixes, as layers for any chart whose x field is the quarter (the subtitle says which
 * quarter: a label in every facet panel would crowd the lines).
 */
export function policyStartLayers(starts: readonly number[]) {
  return [...new Set(starts)]
    .sort((a, b) => a - b)
    .map((q) => ({
      mark: { type: "rule" as const, color: "#333", strokeDash: [2, 2], strokeWidth: 1.2 },
      encoding: { x: { datum: q, type: "quantitative" as const } },
    }));
}

/** The 1-based quarters at which the compared mixes (not the baseline) start their policy. */
export function mixStarts(
  policyStart: Record<string, number> | undefined,
  scenarios: readonly string[],
): number[] {
  if (!policyStart) return [];
  return scenarios
    .slice(1)
    .map((s) => policyStart[s])
    .filter((q): q is number => Number.isFinite(q));
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
