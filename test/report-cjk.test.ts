import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import { survivalChart } from "../src/report/charts/index.js";
import { findFonts } from "../src/report/fonts.js";
import { translator } from "../src/report/i18n/index.js";
import { renderSvg, svgToPixels, svgToPng } from "../src/report/render.js";
import { syntheticScenarios } from "./report-fixtures.js";

/**
 * Chinese text must be drawn with real glyphs in the PNG. A missing glyph is drawn as the same
 * box (or nothing) whatever the character, so two different characters give identical images
 * without the CJK font and different ones with it.
 */
const fonts = findFonts();
const noFont = { fonts: { cjkFiles: [] as string[] }, loadSystemFonts: false };
const available = fonts.cjkFiles.length > 0;
if (!available && process.env.CI)
  throw new Error("CI: no Noto CJK font found (.ci/run installs fonts-noto-cjk)");
if (!available) console.warn("report-cjk: skipped: no Noto CJK font here (apt-get install fonts-noto-cjk)");

const glyph = (ch: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><text x="6" y="46" font-size="44" font-family="Noto Sans CJK SC, sans-serif">${ch}</text></svg>`;

/** Pixels noticeably darker than the white background. */
function inkPixels(svg: string, options: Parameters<typeof svgToPixels>[1]): number {
  const { pixels } = svgToPixels(svg, options);
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) n++;
  return n;
}

describe.skipIf(!available)("Chinese text in PNG charts", () => {
  it("draws distinct glyphs for distinct characters with the font, and boxes without it", () => {
    const [a, b] = ["中", "国"].map((c) => svgToPng(glyph(c), { fonts, scale: 1 }));
    expect(a.equals(b)).toBe(false);
    const [x, y] = ["中", "国"].map((c) => svgToPng(glyph(c), { ...noFont, scale: 1 }));
    expect(x.equals(y)).toBe(true);
    expect(inkPixels(glyph("中"), { fonts, scale: 1 })).toBeGreaterThan(150);
  });

  it("a zh chart renders its Chinese title and labels with the CJK font", async () => {
    const c = compareScenarios(syntheticScenarios(["基准", "上海 2021"], 3, 8), {
      outcomes: ["innovations"],
    });
    const spec = survivalChart(c.survival, c.scenarios, translator("zh")).spec;
    const svg = await renderSvg(spec);
    expect(svg).toContain("初创企业队列存活曲线");
    const withFont = svgToPng(svg, { fonts, scale: 1 });
    const without = svgToPng(svg, { ...noFont, scale: 1 });
    expect(withFont.equals(without)).toBe(false);
    // the title alone (some 20 glyphs) adds well over a thousand dark pixels
    expect(inkPixels(svg, { fonts, scale: 1 }) - inkPixels(svg, { ...noFont, scale: 1 })).toBeGreaterThan(
      1500,
    );
  });
});
