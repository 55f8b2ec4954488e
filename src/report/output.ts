import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartSpec } from "./charts/common.js";
import { renderChart } from "./render.js";

/** Writes each chart as <id>.vl.json, <id>.svg and <id>.png into `dir/charts`; returns the files. */
export async function writeCharts(dir: string, charts: readonly ChartSpec[]): Promise<string[]> {
  const chartsDir = join(dir, "charts");
  mkdirSync(chartsDir, { recursive: true });
  const files: string[] = [];
  for (const c of charts) {
    const { svg, png } = await renderChart(c.spec);
    const stem = join(chartsDir, c.id);
    writeFileSync(`${stem}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    writeFileSync(`${stem}.svg`, svg);
    writeFileSync(`${stem}.png`, png);
    files.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
  }
  return files;
}
