import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { comparisonDoc } from "../src/report/comparisonReport.js";
import { buildReportHtml } from "../src/report/html.js";
import { translator } from "../src/report/i18n/index.js";
import { Browser, findChromium, openPage } from "./browser-cdp.js";
import { syntheticComparisonFile, XSS } from "./report-fixtures.js";

/**
 * The report as a person sees it: report.html opened in headless Chromium (Debian's package),
 * every chart drawn, no console errors, no network, a hostile scenario name shown as text, and a
 * screenshot saved. Skipped only where Chromium is missing on a developer machine; CI must have it.
 */
const chromium = findChromium();
if (!chromium && process.env.CI)
  throw new Error("CI: chromium not found (.ci/run installs Debian's chromium)");
if (!chromium) console.warn("browser-report: skipped: no chromium here (apt-get install chromium)");

describe.skipIf(!chromium)("report.html in headless Chromium", () => {
  it.each(["en", "zh"] as const)("renders every chart with no console errors (%s)", async (lang) => {
    const dir = process.env.ECOSIM_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), "ecosim-browser-"));
    const file = syntheticComparisonFile();
    const doc = comparisonDoc(file, lang);
    const htmlPath = join(dir, `report-${lang}.html`);
    writeFileSync(htmlPath, buildReportHtml(doc, translator(lang)));
    const browser = Browser.launch(chromium!);
    try {
      const page = await openPage(
        browser,
        pathToFileURL(htmlPath).href,
        "document.body.dataset.chartsDone === 'true'",
      );
      const charts = await page.evaluate<
        { id: string; rendered: string | null; marks: number; canvas: number }[]
      >(`
        [...document.querySelectorAll('.vega-chart')].map((el) => ({
          id: el.id,
          rendered: el.getAttribute('data-rendered'),
          marks: el.querySelectorAll('svg g[class*="mark-"] > path, svg g[class*="mark-"] > line, svg g[class*="mark-"] > rect').length,
          canvas: el.querySelectorAll('canvas').length,
        }))`);
      expect(charts.map((c) => c.id)).toEqual(doc.charts.map((c) => `chart-${c.id}`));
      for (const c of charts) {
        expect(c.rendered, c.id).toBe("true");
        expect(c.marks + c.canvas, c.id).toBeGreaterThan(3);
      }
      expect(page.consoleErrors).toEqual([]);
      expect(page.dialogs).toEqual([]);
      expect(page.networkRequests).toEqual([]);
      // the report opens with the decision summary, before any chart, the long tables in the appendix
      const order = await page.evaluate<{
        first: string;
        summaryBeforeCharts: boolean;
        appendixAfterCharts: boolean;
        warn: number;
        firstCaption: string;
      }>(`(() => {
        const main = document.querySelector('main');
        const summary = document.getElementById('decision-summary');
        const chart = document.querySelector('.vega-chart');
        const appendix = document.getElementById('appendix');
        const follows = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
        return {
          first: main.firstElementChild.id,
          summaryBeforeCharts: follows(summary, chart),
          appendixAfterCharts: follows(chart, appendix),
          warn: summary.querySelectorAll('p.warn').length,
          firstCaption: document.querySelector('table caption').textContent,
        };
      })()`);
      expect(order.first).toBe("decision-summary");
      expect(order.summaryBeforeCharts).toBe(true);
      expect(order.appendixAfterCharts).toBe(true);
      expect(order.warn).toBe(1); // 3 paired seeds: fewer than 5
      expect(order.firstCaption).toBe(doc.summary?.tables[0].caption);
      // a click on a legend entry isolates that scenario: the other lines fade
      const pick = await page.evaluate<{ params: boolean; before: number[]; after: number[] }>(`(async () => {
        const spec = JSON.parse(document.getElementById('ecosim-specs').textContent)[0].spec;
        const params = JSON.stringify(spec).includes('"bind":"legend"');
        const el = document.getElementById('chart-1-time-series');
        const opacities = () => [...el.querySelectorAll('g.mark-line path')].map((p) => Number(p.getAttribute('opacity') ?? 1));
        const before = opacities();
        const entry = el.querySelector('g.role-legend-symbol path');
        const box = entry.getBoundingClientRect();
        const at = { bubbles: true, cancelable: true, view: window, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) entry.dispatchEvent(new MouseEvent(type, at));
        await new Promise((r) => setTimeout(r, 400));
        return { params, before, after: opacities() };
      })()`);
      expect(pick.params).toBe(true);
      expect(pick.before.every((o) => o === 1)).toBe(true);
      expect(pick.after.filter((o) => o < 0.5).length).toBeGreaterThan(0);
      expect(pick.after.filter((o) => o === 1).length).toBeGreaterThan(0);
      const headings = await page.evaluate<string[]>(
        "[...document.querySelectorAll('h3')].map((h) => h.textContent)",
      );
      expect(headings).toContain(XSS);
      const shot = await page.screenshot();
      const shotPath = join(dir, `report-${lang}.png`);
      writeFileSync(shotPath, shot);
      expect(shot.subarray(1, 4).toString()).toBe("PNG");
      expect(shot.length).toBeGreaterThan(50_000);
      console.log(`screenshot: ${shotPath}`);
    } finally {
      await browser.close();
    }
  });
});
