import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { comparisonDoc, writeComparisonOutputs } from "../src/report/comparisonReport.js";
import { escapeHtml, jsonForScript } from "../src/report/escape.js";
import { buildReportHtml } from "../src/report/html.js";
import { translator } from "../src/report/i18n/index.js";
import { reportDocFor } from "../src/report/resultsReport.js";
import { syntheticComparisonFile, XSS } from "./report-fixtures.js";

describe("escaping", () => {
  it("escapes the HTML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("JSON for a <script> element never holds '<' and reads back unchanged", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (v, s) => {
        const value = { v, s: `${s}</script><!--${s}\u2028` };
        const text = jsonForScript(value);
        return (
          !text.includes("<") &&
          !text.includes(">") &&
          JSON.stringify(JSON.parse(text)) === JSON.stringify(value)
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("report.html", () => {
  const file = syntheticComparisonFile();
  const html = buildReportHtml(comparisonDoc(file, "en"), translator("en"));

  it("is one self-contained file: vega libraries inlined, nothing loaded from the network", () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    expect(html).toContain("/* vega-embed ");
    expect(html).toContain("/* vega-lite 6.4.3 */");
  });

  it("shows user-supplied names and descriptions as text", () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&amp; &quot;quotes&quot;");
    const specs = /<script type="application\/json" id="ecosim-specs">(.*?)<\/script>/s.exec(html);
    expect(specs).not.toBeNull();
    expect(specs![1]).toContain("\\u003cscript\\u003e");
    expect(JSON.stringify(JSON.parse(specs![1]))).toContain(XSS);
  });

  it("has a container per chart, the summary tables, parameters, seeds and versions", () => {
    const doc = comparisonDoc(file, "en");
    for (const c of doc.charts) expect(html).toContain(`id="chart-${c.id}"`);
    expect(html).toContain("<h2>Decision summary</h2>");
    expect(html).toContain("All effects, quarters 1–8");
    expect(html).toContain("Net cost per extra innovation");
    expect(html).toContain("<td>firms</td><td>102</td><td>2000</td>");
    for (const s of file.seeds) expect(html).toContain(String(s));
    expect(html).toMatch(/vega-lite<\/td><td>6\.4\.3/);
  });

  it("is in Chinese with --lang zh", () => {
    const zh = buildReportHtml(comparisonDoc(file, "zh"), translator("zh"));
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("政策组合比较");
    expect(zh).not.toContain("Decision summary");
    expect(zh).toContain("<h2>决策摘要</h2>");
  });

  it("names a Latin font first in English and the CJK font first in Chinese", () => {
    const zh = buildReportHtml(comparisonDoc(file, "zh"), translator("zh"));
    expect(html).toMatch(/--font: "Noto Sans", "DejaVu Sans",/);
    expect(zh).toMatch(/--font: "Noto Sans CJK SC", /);
  });
});

describe("comparison outputs and `report` on a compare directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "ecosim-report-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes csv, json, charts and report.html, and rebuilds the same report from them", async () => {
    const file = syntheticComparisonFile();
    await writeComparisonOutputs(dir, file, "en");
    const charts = readdirSync(join(dir, "charts"));
    for (const ext of [".vl.json", ".svg", ".png"]) {
      expect(charts.filter((f) => f.endsWith(ext)).length).toBeGreaterThanOrEqual(5);
    }
    const csv = readFileSync(join(dir, "comparison.csv"), "utf8").split("\n");
    expect(csv[0]).toBe(
      "scenario,baseline,measure,n,baseline_mean,scenario_mean,estimate,ci_low,ci_high,relative,significant,p_value,q_value,discovery,note",
    );
    expect(csv.some((l) => l.startsWith("Germany 1983,baseline,innovations,3,"))).toBe(true);
    expect(csv.some((l) => l.includes("net_cost_per_extra_job"))).toBe(true);
    for (const m of ["net_public_cost_m", "spending_m", "tax_expenditure_m", "second_round_tax_m"])
      expect(csv.some((l) => l.startsWith(`Germany 1983,baseline,${m},3,`))).toBe(true);
    const first = readFileSync(join(dir, "report.html"), "utf8");
    const rebuilt = buildReportHtml(reportDocFor(dir, "en"), translator("en"));
    expect(rebuilt).toBe(first);
  });
});
