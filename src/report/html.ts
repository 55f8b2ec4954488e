import { browserLibraries } from "./assets.js";
import type { ChartSpec } from "./charts/common.js";
import { escapeHtml, jsonForScript, scriptSafe } from "./escape.js";
import { fontStack } from "./fonts.js";
import type { Translate } from "./i18n/index.js";

/**
 * A cell with more than one line: the value, an optional second line beneath (an interval,
 * in smaller grey text), a small badge before it (a rank), bold when `strong`. Plain text all.
 */
export interface ReportCell {
  text: string;
  sub?: string;
  badge?: string;
  strong?: boolean;
}

/** A table of the report: every cell is plain text (escaped when written). */
export interface ReportTable {
  caption: string;
  headers: string[];
  rows: (string | ReportCell)[][];
  note?: string;
  /** Index of the columns that hold numbers (right-aligned). */
  numeric?: number[];
  /** A CSS class of the table ("matrix": the compact decision-summary look). */
  className?: string;
}

/**
 * What a report opens with, before anything else: a heading, short paragraphs, warnings shown
 * in a box, and compact tables (the comparison's decision summary).
 */
export interface ReportSummary {
  heading: string;
  paragraphs: string[];
  warnings: string[];
  tables: ReportTable[];
}

/** A scenario as resolved: the user's name and text, and its parameters. */
export interface ReportScenario {
  name: string;
  description?: string;
  file?: string;
  /** Parameter paths whose value differs from the model default: [path, value, default]. */
  changed: [string, string, string][];
  params: unknown;
}

/** Everything one report.html shows; all text is plain and escaped on output. */
export interface ReportDoc {
  lang: string;
  title: string;
  paragraphs: string[];
  tables: ReportTable[];
  /** Shown first, right under the title (the decision summary of a comparison). */
  summary?: ReportSummary;
  /** Long tables shown after the charts, under their own heading. */
  appendix?: { heading: string; tables: ReportTable[] };
  charts: ChartSpec[];
  scenarios: ReportScenario[];
  seeds: number[];
  versions: Record<string, string>;
}

/** The page's font stack: the language's own script first (English: Latin; Chinese: CJK). */
function fontCss(lang: string): string {
  return fontStack(lang)
    .map((f) => (f === "sans-serif" ? f : `"${f}"`))
    .join(", ");
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: var(--font);
  margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.4rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 0.3rem; font-size: 0.9rem; display: block; max-width: 100%; overflow-x: auto; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
p.note { font-size: 0.85rem; color: #555; margin-top: 0; max-width: 70rem; }
section.decision { margin-top: 1rem; }
section.decision h2 { margin-top: 1rem; }
p.warn { border: 1px solid #d55e00; background: #fff4ec; color: #7a2e00; padding: 8px 12px;
  font-weight: bold; border-radius: 4px; max-width: 70rem; }
table.matrix { font-size: 0.88rem; }
table.matrix td { padding: 4px 12px; }
table.matrix td strong { white-space: nowrap; }
td .sub { display: block; font-size: 0.78rem; color: #666; white-space: normal; max-width: 13rem; margin-left: auto; }
td .badge { display: inline-block; min-width: 1.2em; margin-right: 6px; padding: 0 4px; border-radius: 8px;
  background: #eef; color: #335; font-size: 0.75rem; text-align: center; }
td.num .main { white-space: nowrap; }
figure.chart { margin: 1.6rem 0; overflow-x: auto; }
figure.chart figcaption { font-size: 0.85rem; color: #555; }
.vega-chart { min-height: 120px; }
.chart-error { color: #b00020; white-space: pre-wrap; }
details { margin: 0.3rem 0 1rem; }
pre { background: #f7f7f7; padding: 10px; overflow-x: auto; font-size: 0.8rem; max-height: 420px; }
code { font-size: 0.85rem; }
`;

/** The embedding script: renders each chart's spec into its container with vega-embed. */
const EMBED = `
(function () {
  var specs = JSON.parse(document.getElementById("ecosim-specs").textContent);
  var pending = specs.map(function (c) {
    var el = document.getElementById("chart-" + c.id);
    return vegaEmbed(el, c.spec, { renderer: "svg", actions: false }).then(
      function () { el.setAttribute("data-rendered", "true"); },
      function (err) {
        el.setAttribute("data-rendered", "error");
        var p = document.createElement("p");
        p.className = "chart-error";
        p.textContent = String(err && err.message ? err.message : err);
        el.appendChild(p);
        console.error(err);
      }
    );
  });
  Promise.all(pending).then(function () { document.body.setAttribute("data-charts-done", "true"); });
})();
`;

function cell(c: string | ReportCell): string {
  if (typeof c === "string") return escapeHtml(c);
  const badge = c.badge ? `<span class="badge">${escapeHtml(c.badge)}</span>` : "";
  const main = c.strong ? `<strong>${escapeHtml(c.text)}</strong>` : escapeHtml(c.text);
  const sub = c.sub ? `<span class="sub">${escapeHtml(c.sub)}</span>` : "";
  return c.sub || c.badge ? `<span class="main">${badge}${main}</span>${sub}` : main;
}

function table(t: ReportTable): string {
  const numeric = new Set(t.numeric ?? []);
  const head = t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ""}>${cell(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : "";
  const cls = t.className ? ` class="${escapeHtml(t.className)}"` : "";
  return `<table${cls}><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}

function summarySection(s: ReportSummary): string {
  return `<section class="decision" id="decision-summary">
<h2>${escapeHtml(s.heading)}</h2>
${s.warnings.map((w) => `<p class="warn" role="alert">${escapeHtml(w)}</p>`).join("\n")}
${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${s.tables.map((x) => table(x)).join("\n")}
</section>`;
}

function scenarioSection(s: ReportScenario, t: Translate): string {
  const parts = [`<h3>${escapeHtml(s.name)}</h3>`];
  if (s.file) parts.push(`<p class="meta"><code>${escapeHtml(s.file)}</code></p>`);
  if (s.description) parts.push(`<p>${escapeHtml(s.description)}</p>`);
  if (s.changed.length === 0) {
    parts.push(`<p>${escapeHtml(t("report.changedParams"))}: ${escapeHtml(t("report.noChanges"))}</p>`);
  } else {
    parts.push(
      table({
        caption: t("report.changedParams"),
        headers: [t("table.parameter"), t("table.value"), t("table.default")],
        rows: s.changed,
      }),
    );
  }
  parts.push(
    `<details><summary>${escapeHtml(t("report.allParams"))}</summary><pre>${escapeHtml(JSON.stringify(s.params, null, 2))}</pre></details>`,
  );
  return `<section class="scenario">${parts.join("\n")}</section>`;
}

/** One self-contained HTML file: the vega libraries inlined, the specs embedded as JSON. */
export function buildReportHtml(doc: ReportDoc, t: Translate): string {
  const libs = browserLibraries()
    .map((l) => `<script>/* ${l.name} ${l.version} */\n${scriptSafe(l.source)}\n</script>`)
    .join("\n");
  const charts = doc.charts
    .map(
      (c) =>
        `<figure class="chart"><div class="vega-chart" id="chart-${escapeHtml(c.id)}" data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></div></figure>`,
    )
    .join("\n");
  const specs = doc.charts.map((c) => ({ id: c.id, spec: c.spec }));
  const versions = Object.entries(doc.versions).map(([k, v]) => [k, v]);
  return `<!doctype html>
<html lang="${escapeHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>:root { --font: ${fontCss(doc.lang)}; }${STYLE}</style>
${libs}
</head>
<body>
<header>
<h1>${escapeHtml(doc.title)}</h1>
${doc.paragraphs.map((p) => `<p class="meta">${escapeHtml(p)}</p>`).join("\n")}
</header>
<main>
${doc.summary ? summarySection(doc.summary) : ""}
${doc.tables.map((x) => `<section>${table(x)}</section>`).join("\n")}
<h2>${escapeHtml(t("report.charts"))}</h2>
${charts}
${doc.appendix ? `<section class="appendix" id="appendix"><h2>${escapeHtml(doc.appendix.heading)}</h2>\n${doc.appendix.tables.map((x) => table(x)).join("\n")}</section>` : ""}
<h2>${escapeHtml(t("report.scenarios"))}</h2>
${doc.scenarios.map((s) => scenarioSection(s, t)).join("\n")}
<h2>${escapeHtml(t("report.provenance"))}</h2>
<p>${escapeHtml(t("report.seeds"))}: <code>${escapeHtml(doc.seeds.join(", "))}</code></p>
${table({ caption: t("report.versions"), headers: [t("table.parameter"), t("table.value")], rows: versions })}
</main>
<script type="application/json" id="ecosim-specs">${jsonForScript(specs)}</script>
<script>${EMBED}</script>
</body>
</html>
`;
}
