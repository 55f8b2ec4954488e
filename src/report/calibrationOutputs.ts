import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { stringify } from "yaml";
import type { CalibrationResult } from "../analysis/calibration/run.js";
import type { TargetsFile } from "../analysis/calibration/targets.js";
import { writeJsonAtomic } from "../engine/manifest.js";
import { fitChart, marginalsChart, scheduleChart } from "./charts/calibration.js";
import type { ChartSpec } from "./charts/common.js";
import { buildReportHtml, type ReportTable } from "./html.js";
import { translator } from "./i18n/index.js";

/**
 * The files of a finished calibration:
 *   posterior.csv / posterior.parquet   the weighted particles (weight, one column per parameter,
 *                                       distance): the posterior as a parameter sample
 *   uncertainties.yaml                  an `uncertainties:` block that points at posterior.csv,
 *                                       with each marginal's 90% interval as a uniform fallback
 *   fit.csv                             per moment: target, s.e., simulated with its 90% interval,
 *                                       predictive check, distance contribution
 *   calibration.json                    all of it, with the schedule and the diagnostics
 *   *.vl.json, report.html              Vega-Lite specs and a self-contained report
 */
export const POSTERIOR_CSV = "posterior.csv";

const num = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined || !Number.isFinite(x) ? "" : Number(x.toPrecision(digits)).toString();

function csvCell(x: unknown): string {
  if (x === null || x === undefined) return "";
  if (typeof x === "number") return Number.isFinite(x) ? String(x) : "";
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function calibrationCharts(result: CalibrationResult, truth?: Record<string, number>): ChartSpec[] {
  const pop = result.population;
  if (!pop) return [];
  return [
    marginalsChart(
      result.marginals.map((m, a) => ({
        path: m.path,
        prior: m.prior,
        default: m.default,
        truth: truth?.[m.path] ?? null,
        values: pop.particles.map((p, i) => ({ value: p.theta[a], weight: pop.weights[i] })),
        q05: m.q05,
        q95: m.q95,
      })),
    ),
    fitChart(result.fit),
    scheduleChart(result.log),
  ];
}

export interface WriteOptions {
  dir: string;
  targets: TargetsFile;
  scenarioName: string;
  version: string;
  /** Known true parameters (synthetic checks), drawn in the marginals. */
  truth?: Record<string, number>;
}

export function writeCalibrationOutputs(result: CalibrationResult, o: WriteOptions): string[] {
  const pop = result.population;
  if (!pop) return [];
  const files: string[] = [];
  const paths = result.priors.map((p) => p.path);

  // the posterior sample
  const header = ["particle", "weight", ...paths, "distance"];
  const lines = pop.particles.map((p, i) =>
    [i, pop.weights[i], ...p.theta, p.distance].map(csvCell).join(","),
  );
  writeFileSync(join(o.dir, POSTERIOR_CSV), `${header.join(",")}\n${lines.join("\n")}\n`);
  files.push(POSTERIOR_CSV);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "particle", data: Int32Array.from(pop.particles.map((_, i) => i)), type: "INT32" },
      { name: "weight", data: Float64Array.from(pop.weights), type: "DOUBLE" },
      ...paths.map((path, a) => ({
        name: path,
        data: Float64Array.from(pop.particles.map((p) => p.theta[a])),
        type: "DOUBLE" as const,
      })),
      {
        name: "distance",
        data: Float64Array.from(
          pop.particles.map((p) => (Number.isFinite(p.distance) ? p.distance : Number.NaN)),
        ),
        type: "DOUBLE",
      },
    ],
  });
  writeFileSync(join(o.dir, "posterior.parquet"), new Uint8Array(buffer));
  files.push("posterior.parquet");

  // an uncertainties block another scenario can use
  const block = {
    uncertainties: {
      source: `ecosim calibrate ${o.targets.file} (targets "${o.targets.name}", ${result.runs} runs)`,
      sample: POSTERIOR_CSV,
      weights: "weight",
      parameters: Object.fromEntries(
        result.marginals.map((m) => [
          m.path,
          { uniform: [m.q05, m.q95], mean: m.mean, sd: m.sd, prior: m.prior },
        ]),
      ),
    },
  };
  writeFileSync(
    join(o.dir, "uncertainties.yaml"),
    `# Parameter uncertainty from a calibration: the weighted posterior sample in ${POSTERIOR_CSV}\n` +
      `# (next to this file). Each parameter's uniform range is its 90% posterior interval, a fallback\n` +
      `# for tools that do not read the sample. Use it with compare --uncertainty <this file>.\n` +
      stringify(block),
  );
  files.push("uncertainties.yaml");

  const fitCols = [
    "id",
    "role",
    "target",
    "se",
    "scale",
    "simulated",
    "simulatedLo90",
    "simulatedHi90",
    "predictive",
    "predictiveLo90",
    "predictiveHi90",
    "predictiveZ",
    "predictivePass",
    "contribution",
    "source",
  ];
  const fitRows = result.fit.map((f) =>
    [
      f.id,
      f.heldOut ? "held out" : "fitted",
      f.target,
      f.se,
      f.scale,
      f.simulated,
      f.simulatedCi[0],
      f.simulatedCi[1],
      f.predictive,
      f.predictiveCi[0],
      f.predictiveCi[1],
      f.predictiveZ,
      f.predictivePass === null ? null : String(f.predictivePass),
      f.contribution,
      f.source,
    ]
      .map(csvCell)
      .join(","),
  );
  writeFileSync(join(o.dir, "fit.csv"), `${fitCols.join(",")}\n${fitRows.join("\n")}\n`);
  files.push("fit.csv");

  writeJsonAtomic(join(o.dir, "calibration.json"), {
    targets: { file: o.targets.file, name: o.targets.name, economy: o.targets.economy, abc: o.targets.abc },
    scenario: o.scenarioName,
    converged: result.converged,
    runs: result.runs,
    elapsedMs: Math.round(result.elapsedMs),
    generations: result.log.map((g) => ({ ...g, epsilon: Number.isFinite(g.epsilon) ? g.epsilon : null })),
    marginals: result.marginals,
    correlations: result.correlations,
    fit: result.fit,
    noise: result.noise,
    warnings: result.warnings,
  });
  files.push("calibration.json");

  const charts = calibrationCharts(result, o.truth);
  for (const c of charts) {
    writeFileSync(join(o.dir, `${c.id}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
    files.push(`${c.id}.vl.json`);
  }
  const t = translator("en");
  const html = buildReportHtml(
    {
      lang: "en",
      title: `Calibration: ${o.targets.name}`,
      paragraphs: [
        `ABC-SMC on common random numbers (docs/calibration-method.md): ${o.targets.abc.particles} particles, ` +
          `${result.log.length} generations, ${result.runs} runs of ${o.targets.economy.firms} SMEs × ` +
          `${o.targets.economy.ticks} quarters (burn-in ${o.targets.economy.burnIn}), ${o.targets.economy.replications} ` +
          `common seeds per particle; base scenario ${o.scenarioName}. ` +
          (result.converged
            ? "The tolerance reached the noise level of the distance (ε = 1)."
            : "The tolerance did NOT reach the noise level: the posterior is tempered (too wide)."),
        `Generated ${new Date().toISOString()} by ecosim ${o.version}.`,
      ],
      summary: {
        heading: "What the targets pin down",
        paragraphs: [
          "A parameter whose posterior s.d. is close to its prior's (ratio ≥ 0.8) is not identified by these targets; a strong correlation means only a combination is.",
        ],
        warnings: result.warnings,
        tables: [marginalTable(result), fitTable(result)],
      },
      tables: [correlationTable(result)],
      charts,
      scenarios: [],
      seeds: [],
      versions: { ecosim: o.version, node: process.version },
    },
    t,
  );
  writeFileSync(join(o.dir, "report.html"), html);
  files.push("report.html");
  return files;
}

export function marginalTable(result: CalibrationResult): ReportTable {
  return {
    caption: "Posterior marginals",
    headers: [
      "parameter",
      "prior",
      "default",
      "mean",
      "s.d.",
      "5%",
      "50%",
      "95%",
      "s.d./prior s.d.",
      "verdict",
    ],
    rows: result.marginals.map((m) => [
      m.path,
      `[${num(m.prior[0])}, ${num(m.prior[1])}]`,
      num(m.default),
      num(m.mean),
      num(m.sd, 3),
      num(m.q05),
      num(m.q50),
      num(m.q95),
      num(m.sdRatio, 2),
      m.verdict,
    ]),
    numeric: [2, 3, 4, 5, 6, 7, 8],
  };
}

export function fitTable(result: CalibrationResult): ReportTable {
  return {
    caption: "Fit of each moment",
    headers: [
      "moment",
      "role",
      "target ± s.e.",
      "simulated [90%]",
      "predictive [90%]",
      "z",
      "z² in distance",
    ],
    rows: result.fit.map((f) => [
      f.id,
      f.heldOut ? "held out" : "fitted",
      `${num(f.target)} ± ${num(f.se, 2)}`,
      { text: num(f.simulated), sub: `[${num(f.simulatedCi[0])}, ${num(f.simulatedCi[1])}]` },
      { text: num(f.predictive), sub: `[${num(f.predictiveCi[0])}, ${num(f.predictiveCi[1])}]` },
      { text: num(f.predictiveZ, 2), strong: f.predictivePass === false },
      num(f.contribution, 3),
    ]),
    numeric: [2, 3, 4, 5, 6],
    note: "z = (target − predictive mean)/√(predictive variance + s.e.²); |z| > 1.645 (bold): outside the 90% predictive region.",
  };
}

function correlationTable(result: CalibrationResult): ReportTable {
  return {
    caption: "Posterior correlations",
    headers: ["parameter", "parameter", "r"],
    rows: result.correlations.map((c) => [c.a, c.b, num(c.r, 2)]),
    numeric: [2],
  };
}
