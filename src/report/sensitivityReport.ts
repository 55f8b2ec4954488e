import { libraryVersions } from "./assets.js";
import type { ChartSpec } from "./charts/common.js";
import {
  type MorrisRow,
  morrisScatterChart,
  type SobolRow,
  sensitivityIndexChart,
} from "./charts/sensitivity.js";
import { fmtN } from "./format.js";
import type { ReportDoc, ReportScenario, ReportTable } from "./html.js";
import type { Translate } from "./i18n/index.js";

/**
 * What `ecosim sensitivity` shows a reader: the indices ranked with their intervals, Morris's
 * μ*–σ screening plot, and for Sobol a warning whenever the sample is too small for the indices
 * to mean anything (today `--samples 16` gives S1 from −4.1 to +3.5).
 */

/** Below this many Sobol base samples the indices are flagged. */
export const SOBOL_MIN_SAMPLES = 64;
/** A bootstrap interval of S1 or ST wider than this is flagged. */
export const SOBOL_MAX_CI_WIDTH = 0.5;
/** Indices outside [−margin, 1 + margin] are estimation noise, flagged. */
export const SOBOL_RANGE_MARGIN = 0.1;

export interface SensitivityReportInput {
  method: "morris" | "sobol";
  scenario: string;
  /** Parameters varied (k). */
  factors: number;
  runs: number;
  replications: number;
  rows: readonly (MorrisRow | SobolRow)[];
}

/** Sobol base samples N, or Morris trajectories r, from the run count of the design. */
export function designSize(
  input: Pick<SensitivityReportInput, "method" | "factors" | "runs" | "replications">,
): number {
  const per = input.method === "sobol" ? input.factors + 2 : input.factors + 1;
  return Math.round(input.runs / Math.max(1, input.replications) / per);
}

/**
 * The warnings a Sobol result needs, in plain sentences (empty when none): too few base
 * samples, intervals of S1 or ST wider than 0.5, indices far outside [0, 1].
 */
export function sobolWarnings(rows: readonly SobolRow[], samples: number, t: Translate): string[] {
  const out: string[] = [];
  if (samples < SOBOL_MIN_SAMPLES) out.push(t("sens.warn.samples", { n: samples, min: SOBOL_MIN_SAMPLES }));
  const widths = rows
    .flatMap((r) => [width(r.S1Lo, r.S1Hi), width(r.STLo, r.STHi)])
    .filter((w) => Number.isFinite(w));
  const wide = widths.filter((w) => w > SOBOL_MAX_CI_WIDTH);
  if (wide.length > 0) {
    out.push(
      t("sens.warn.wideCi", {
        count: wide.length,
        total: widths.length,
        width: SOBOL_MAX_CI_WIDTH,
        widest: fmtN(Math.max(...wide)),
      }),
    );
  }
  const values = rows
    .flatMap((r) => [r.S1, r.ST])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length > 0) {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (lo < -SOBOL_RANGE_MARGIN || hi > 1 + SOBOL_RANGE_MARGIN) {
      out.push(t("sens.warn.outside", { lo: fmtN(lo), hi: fmtN(hi) }));
    }
  }
  return out;
}

function width(lo: number | null, hi: number | null): number {
  return lo === null || hi === null ? Number.NaN : hi - lo;
}

const ci = (x: number | null, lo: number | null, hi: number | null) =>
  x === null ? "–" : `${fmtN(x)} [${fmtN(lo)}, ${fmtN(hi)}]`;

/** One ranked table per output: parameters by μ* (Morris) or ST (Sobol), largest first. */
export function rankedTables(input: SensitivityReportInput, t: Translate): ReportTable[] {
  const outputs = [...new Set(input.rows.map((r) => r.output))];
  return outputs.map((output) => {
    if (input.method === "morris") {
      const rows = (input.rows as MorrisRow[])
        .filter((r) => r.output === output)
        .sort((a, b) => (b.muStar ?? Number.NEGATIVE_INFINITY) - (a.muStar ?? Number.NEGATIVE_INFINITY));
      return {
        caption: t("sens.table.morris", { output }),
        headers: [t("summary.rank"), t("sens.col.parameter"), t("sens.col.muStar"), "μ", "σ", "σ/μ*"],
        rows: rows.map((r, k) => [
          String(k + 1),
          r.parameter,
          ci(r.muStar, r.muStarLo, r.muStarHi),
          fmtN(r.mu),
          fmtN(r.sigma),
          r.muStar && r.sigma !== null ? fmtN(r.sigma / r.muStar, 2) : "–",
        ]),
        numeric: [0, 2, 3, 4, 5],
      };
    }
    const rows = (input.rows as SobolRow[])
      .filter((r) => r.output === output)
      .sort((a, b) => (b.ST ?? Number.NEGATIVE_INFINITY) - (a.ST ?? Number.NEGATIVE_INFINITY));
    return {
      caption: t("sens.table.sobol", { output }),
      headers: [t("summary.rank"), t("sens.col.parameter"), t("sens.col.S1"), t("sens.col.ST")],
      rows: rows.map((r, k) => [
        String(k + 1),
        r.parameter,
        ci(r.S1, r.S1Lo, r.S1Hi),
        ci(r.ST, r.STLo, r.STHi),
      ]),
      numeric: [0, 2, 3],
    };
  });
}

/** The charts of a sensitivity result: the index bars, and for Morris the μ*–σ plot. */
export function sensitivityCharts(input: SensitivityReportInput, t: Translate): ChartSpec[] {
  const n = designSize(input);
  const bars = sensitivityIndexChart(
    input.method,
    input.rows,
    t,
    input.method === "sobol" ? { samples: n } : { trajectories: n },
  );
  return input.method === "morris" ? [bars, morrisScatterChart(input.rows as MorrisRow[], t)] : [bars];
}

/** The warnings of a result (Sobol's sample checks; none for Morris). */
export function sensitivityWarnings(input: SensitivityReportInput, t: Translate): string[] {
  return input.method === "sobol" ? sobolWarnings(input.rows as SobolRow[], designSize(input), t) : [];
}

/** report.html of a sensitivity run: warnings and ranked tables first, then the charts. */
export function sensitivityDoc(
  input: SensitivityReportInput,
  t: Translate,
  meta: { createdAt: string; version: string; scenarios: ReportScenario[]; seeds?: number[] },
): ReportDoc {
  const n = designSize(input);
  const intro =
    input.method === "morris"
      ? t("sens.intro.morris", {
          scenario: input.scenario,
          k: input.factors,
          r: n,
          runs: input.runs,
          reps: input.replications,
        })
      : t("sens.intro.sobol", {
          scenario: input.scenario,
          k: input.factors,
          n,
          runs: input.runs,
          reps: input.replications,
        });
  return {
    lang: t("lang.htmlCode"),
    title: t("sens.reportTitle"),
    paragraphs: [t("report.generated", { date: meta.createdAt, version: meta.version })],
    summary: {
      heading: t(input.method === "morris" ? "sens.heading.morris" : "sens.heading.sobol"),
      paragraphs: [intro, t(input.method === "morris" ? "sens.note.morris" : "sens.note.sobol")],
      warnings: sensitivityWarnings(input, t),
      tables: rankedTables(input, t),
    },
    tables: [],
    charts: sensitivityCharts(input, t),
    scenarios: meta.scenarios,
    seeds: meta.seeds ?? [],
    versions: { ecosim: meta.version, node: process.version, ...libraryVersions() },
  };
}
