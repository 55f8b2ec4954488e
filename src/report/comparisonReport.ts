import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Comparison } from "../analysis/comparison.js";
import { libraryVersions } from "./assets.js";
import { comparisonCharts } from "./charts/index.js";
import { decisionTables, summaryText } from "./decision.js";
import { buildReportHtml, type ReportDoc } from "./html.js";
import { type Lang, translator } from "./i18n/index.js";
import { writeCharts } from "./output.js";
import { changedParams } from "./params.js";
import { comparisonCsv, costEffectivenessTable, effectsTable, fiscalTable } from "./tables.js";

/** A scenario of a comparison as the user wrote it and as it was resolved. */
export interface ScenarioMeta {
  name: string;
  description?: string;
  file?: string;
  hash?: string;
  params: unknown;
}

/** comparison.json: what was compared, how, and every figure of the report. */
export interface ComparisonFile {
  format: "ecosim-comparison/1";
  createdAt: string;
  scenarios: ScenarioMeta[];
  seeds: number[];
  replications: number;
  ticks: number;
  firms: number;
  versions: Record<string, string>;
  comparison: Comparison;
}

export const COMPARISON_JSON = "comparison.json";

export function readComparisonFile(dir: string): ComparisonFile {
  const file = JSON.parse(readFileSync(join(dir, COMPARISON_JSON), "utf8")) as ComparisonFile;
  if (file.format !== "ecosim-comparison/1")
    throw new Error(`${dir}/${COMPARISON_JSON}: unknown format ${file.format}`);
  return file;
}

export function comparisonDoc(file: ComparisonFile, lang: Lang): ReportDoc {
  const t = translator(lang);
  const c = file.comparison;
  const { paragraphs, warnings } = summaryText(c, t);
  return {
    lang: t("lang.htmlCode"),
    title: t("report.title"),
    paragraphs: [
      `${t("report.generated", { date: file.createdAt, version: file.versions.ecosim ?? "?" })} ${t("report.horizon", { ticks: file.ticks, runs: file.replications })}`,
    ],
    summary: {
      heading: t("summary.heading"),
      paragraphs,
      warnings,
      tables: decisionTables(c, t),
    },
    tables: [],
    appendix: {
      heading: t("report.appendix"),
      tables: [effectsTable(c, t), fiscalTable(c, t), costEffectivenessTable(c, t)],
    },
    charts: comparisonCharts(c, t),
    scenarios: file.scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      file: s.file,
      params: s.params,
      changed: changedParams(s.params),
    })),
    seeds: file.seeds,
    versions: { ...file.versions, ...libraryVersions() },
  };
}

/**
 * Writes the files of a comparison into `dir`: comparison.json, comparison.csv, the charts
 * (spec, SVG, PNG) and report.html. Returns the paths written.
 */
export async function writeComparisonOutputs(
  dir: string,
  file: ComparisonFile,
  lang: Lang,
): Promise<string[]> {
  const jsonPath = join(dir, COMPARISON_JSON);
  writeFileSync(jsonPath, `${JSON.stringify(file, null, 1)}\n`);
  const csvPath = join(dir, "comparison.csv");
  writeFileSync(csvPath, comparisonCsv(file.comparison));
  return [jsonPath, csvPath, ...(await writeDocOutputs(dir, comparisonDoc(file, lang), lang))];
}

/** Renders a report's charts and writes report.html. */
export async function writeDocOutputs(dir: string, doc: ReportDoc, lang: Lang): Promise<string[]> {
  const charts = await writeCharts(dir, doc.charts);
  const htmlPath = join(dir, "report.html");
  writeFileSync(htmlPath, buildReportHtml(doc, translator(lang)));
  return [...charts, htmlPath];
}
