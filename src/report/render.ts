import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CJK_FAMILY, type FontSetup, findFonts } from "./fonts.js";

/**
 * Renders a Vega-Lite spec without a browser: vega-lite compiles it (throwing on an invalid
 * spec), a headless vega View draws it to SVG, and resvg rasterises that SVG to PNG with the
 * fonts given explicitly (so Chinese text is drawn with a CJK font, not as missing glyphs).
 */
export function toVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec).spec;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Pixels per SVG unit (2 by default: sharp on high-density screens and in print). */
  scale?: number;
  fonts?: FontSetup;
  /** Let resvg also load the system's fonts (default: only when no CJK font was found). */
  loadSystemFonts?: boolean;
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  return rasterize(svg, options).asPng();
}

/** Raw RGBA pixels of the rendered SVG (for checks on what was drawn). */
export function svgToPixels(
  svg: string,
  options: PngOptions = {},
): { width: number; height: number; pixels: Buffer } {
  const image = rasterize(svg, options);
  return { width: image.width, height: image.height, pixels: image.pixels };
}

function rasterize(svg: string, options: PngOptions) {
  const fonts = options.fonts ?? findFonts();
  const hasCjk = fonts.cjkFiles.length > 0;
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: {
      // the Latin font for English charts (named first there), the CJK font for Chinese text
      fontFiles: [...(fonts.latinFiles ?? []), ...fonts.cjkFiles],
      // with the CJK font at hand, use it alone (reproducible across machines); otherwise fall
      // back to whatever the system has for Latin text
      loadSystemFonts: options.loadSystemFonts ?? !hasCjk,
      defaultFontFamily: hasCjk ? CJK_FAMILY : "DejaVu Sans",
      sansSerifFamily: hasCjk ? CJK_FAMILY : "DejaVu Sans",
    },
  });
  return resvg.render();
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
}

export async function renderChart(spec: TopLevelSpec, options: PngOptions = {}): Promise<RenderedChart> {
  const svg = await renderSvg(spec);
  return { svg, png: svgToPng(svg, options) };
}
