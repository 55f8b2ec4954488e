import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import {
  morrisScatterChart,
  type SobolRow,
  sensitivityIndexChart,
} from "../src/report/charts/sensitivity.js";
import { buildReportHtml } from "../src/report/html.js";
import { translator } from "../src/report/i18n/index.js";
import { designSize, rankedTables, sensitivityDoc, sobolWarnings } from "../src/report/sensitivityReport.js";
import { validate } from "./report-schema.js";

const en = translator("en");
const zh = translator("zh");
/** Compiles a spec and returns what vega-lite warned about (the CLI prints those on stderr). */
function compileWarnings(spec: Parameters<typeof compile>[0]): string[] {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    warn: (...a: unknown[]) => {
      warnings.push(a.join(" "));
      return logger;
    },
    error: (...a: unknown[]) => {
      warnings.push(a.join(" "));
      return logger;
    },
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe("sensitivity report", () => {
  const sobol = (s1: number, st: number, w: number): SobolRow[] =>
    ["a", "b", "c"].map((parameter, i) => ({
      output: "innovations",
      parameter,
      S1: s1 / (i + 1),
      S1Lo: s1 / (i + 1) - w / 2,
      S1Hi: s1 / (i + 1) + w / 2,
      ST: st / (i + 1),
      STLo: st / (i + 1) - w / 2,
      STHi: st / (i + 1) + w / 2,
    }));

  it("warns about a Sobol sample too small for its indices, and not about a good one", () => {
    const bad = sobolWarnings(sobol(3.5, -4.1, 2), 16, en);
    expect(bad).toHaveLength(3);
    expect(bad[0]).toMatch(/only 16 base samples \(fewer than 64\)/);
    expect(bad[1]).toMatch(/6 of 6 intervals of S1 or ST are wider than 0.5/);
    expect(bad[2]).toMatch(/from −4.1 to 3.5, far outside \[0, 1\]/);
    expect(sobolWarnings(sobol(0.4, 0.6, 0.1), 256, en)).toEqual([]);
    expect(sobolWarnings(sobol(0.4, 0.6, 0.8), 256, en)).toHaveLength(1);
    expect(designSize({ method: "sobol", factors: 3, runs: 16 * 5 * 2, replications: 2 })).toBe(16);
  });

  it("puts the Sobol warnings in report.html, above the ranked tables", () => {
    const input = {
      method: "sobol" as const,
      scenario: "baseline",
      factors: 3,
      runs: 16 * 5,
      replications: 1,
      rows: sobol(3.5, -4.1, 2),
    };
    const doc = sensitivityDoc(input, en, { createdAt: "2026-01-01", version: "0.1.0", scenarios: [] });
    const full = buildReportHtml(doc, en);
    const html = full.slice(full.indexOf("<main>"));
    expect(html.match(/<p class="warn" role="alert">Sobol: /g)).toHaveLength(3);
    expect(html.indexOf('class="warn"')).toBeLessThan(html.indexOf("<table"));
    expect(html).toContain("Ranked by ST: innovations");
    // ranked by ST, largest first: here −1.37 (c), −2.05 (b), −4.1 (a), not the input order
    expect(rankedTables(input, en)[0].rows.map((r) => r[1])).toEqual(["c", "b", "a"]);
  });

  it("ranks parameters by μ* with intervals and draws the μ*–σ plot through the catalogue", () => {
    const rows = ["a", "b", "c"].map((parameter, i) => ({
      output: "smes",
      parameter,
      muStar: [1, 5, 3][i],
      muStarLo: [0.5, 4, 2][i],
      muStarHi: [1.5, 6, 4][i],
      mu: [1, -5, 3][i],
      sigma: [0.2, 6, 1][i],
    }));
    const input = {
      method: "morris" as const,
      scenario: "baseline",
      factors: 3,
      runs: 40,
      replications: 1,
      rows,
    };
    const [table] = rankedTables(input, en);
    expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
      ["1", "b", "5 [4, 6]"],
      ["2", "c", "3 [2, 4]"],
      ["3", "a", "1 [0.5, 1.5]"],
    ]);
    const doc = sensitivityDoc(input, en, { createdAt: "2026-01-01", version: "0.1.0", scenarios: [] });
    expect(doc.charts.map((c) => c.id)).toEqual(["sensitivity-morris", "sensitivity-morris-scatter"]);
    expect(doc.summary?.warnings).toEqual([]);
    expect(doc.summary?.paragraphs[0]).toContain("10 trajectories");
    const scatter = morrisScatterChart(rows, zh);
    expect(scatter.title).toBe("Morris 筛选：各参数的 μ* 与 σ");
    for (const c of [
      ...doc.charts,
      scatter,
      sensitivityIndexChart("sobol", sobol(0.4, 0.6, 0.1), en, { samples: 64 }),
    ]) {
      expect(validate(c.spec), c.id).toEqual([]);
      expect(compileWarnings(c.spec), c.id).toEqual([]);
    }
  });
});
