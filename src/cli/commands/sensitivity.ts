import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import { SensitivityFolder } from "../../analysis/sensitivity/folder.js";
import { ishigamiFromUnit, ishigamiIndices } from "../../analysis/sensitivity/ishigami.js";
import {
  planSensitivity,
  runSensitivity,
  SensitivityError,
  type SensitivityMethod,
  type SensitivityResult,
} from "../../analysis/sensitivity/run.js";
import { sobolIndices } from "../../analysis/sensitivity/sobol.js";
import { csvText } from "../../engine/format.js";
import { commandLine, packageVersion, stopOnSignals } from "../../engine/index.js";
import { safePathName } from "../../engine/outputDir.js";
import { defaultWorkerCount } from "../../engine/pool.js";
import type { MorrisRow, SobolRow } from "../../report/charts/sensitivity.js";
import { buildReportHtml } from "../../report/html.js";
import { defaultLang, isLang, LANGS, translator } from "../../report/i18n/index.js";
import { changedParams } from "../../report/params.js";
import { renderChart } from "../../report/render.js";
import {
  type SensitivityReportInput,
  sensitivityCharts,
  sensitivityDoc,
  sensitivityWarnings,
} from "../../report/sensitivityReport.js";
import { applyOverrides, designPointAt, loadScenario, type SobolDesign } from "../../scenario/index.js";

interface SensitivityArgs {
  scenario: string;
  method: SensitivityMethod;
  outputs?: string[];
  param?: string[];
  samples?: number;
  trajectories?: number;
  levels: number;
  replications: number;
  workers?: number;
  out?: string;
  resume: boolean;
  force: boolean;
  ticks?: number;
  firms?: number;
  charts: boolean;
  lang?: string;
}

/** `ecosim sensitivity`: Morris screening or Sobol indices of a scenario's outputs. */
export const sensitivityCommand: CommandModule<object, SensitivityArgs> = {
  command: "sensitivity <scenario>",
  describe:
    "Global sensitivity analysis (Morris mu*/sigma or Sobol S1/ST with bootstrap CIs) on the worker pool",
  builder: (y: Argv<object>) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "Scenario file (YAML or JSON)",
      })
      .option("method", {
        choices: ["morris", "sobol"] as const,
        demandOption: true,
        describe: "Morris or Sobol",
      })
      .option("outputs", {
        type: "string",
        array: true,
        describe: "Summary keys to analyse (default innovations rdIntensity smes productivityGrowth)",
      })
      .option("param", {
        type: "string",
        array: true,
        describe: "A parameter and its range, path=lo:hi (repeat; default: the behavioural parameters)",
      })
      .option("samples", { type: "number", describe: "Sobol base samples N (default 64; runs N·(k+2))" })
      .option("trajectories", {
        type: "number",
        describe: "Morris trajectories r (default 10; runs r·(k+1))",
      })
      .option("levels", { type: "number", default: 4, describe: "Morris grid levels p (even)" })
      .option("replications", { type: "number", default: 1, describe: "Runs per design point (averaged)" })
      .option("workers", {
        type: "number",
        describe: `Worker threads (default: cores, here ${defaultWorkerCount()})`,
      })
      .option("out", { type: "string", describe: "Output directory (default results/<scenario>-<method>)" })
      .option("resume", {
        type: "boolean",
        default: false,
        describe: "Continue the analysis in --out, reusing its finished runs",
      })
      .option("force", {
        type: "boolean",
        default: false,
        describe: "Replace whatever --out holds (everything in it is deleted)",
      })
      .option("ticks", { type: "number", describe: "Quarters to simulate (overrides the scenario)" })
      .option("firms", { type: "number", describe: "Initial SMEs (overrides the scenario)" })
      .option("charts", { type: "boolean", default: true, describe: "Render the charts (SVG and PNG)" })
      .option("lang", {
        type: "string",
        choices: LANGS,
        describe: "Language of charts and report.html (default: from the locale)",
      }),
  handler: async (args) => {
    const scenario = applyOverrides(loadScenario(args.scenario), { ticks: args.ticks, firms: args.firms });
    const factors = args.param?.map(parseFactor);
    // The default folder's name comes from the scenario file: only safe characters, inside results/.
    const target = args.out ?? join("results", `${safePathName(scenario.name)}-${args.method}`);
    if (args.resume && args.force) throw new SensitivityError("--resume and --force exclude each other");
    const options = {
      scenario,
      method: args.method,
      factors,
      outputs: args.outputs,
      samples: args.samples,
      trajectories: args.trajectories,
      levels: args.levels,
      replications: args.replications,
    };
    const planned = planSensitivity(options);
    // the folder first: a refused --out has cost no run and written nothing
    const folder = SensitivityFolder.open({
      dir: target,
      planned,
      resume: args.resume,
      force: args.force,
      keep: scenario.chain,
    });
    const out = process.stdout;
    const err = process.stderr;
    const hint = `resume with: ${resumeCommand(args, target)}`;
    const stop = stopOnSignals((sig) => {
      // a second interrupt: every finished run is on disk already, so leave at once
      err.write(`\n${sig} again: leaving now; ${hint}\n`);
    });
    if (args.method === "sobol") out.write(`${ishigamiCheck()}\n`);
    const interrupted = (done: number) => {
      err.write(
        `\ninterrupted by ${stop.received ?? "SIGINT"}: ${done} of ${planned.plan.count} runs are done and ` +
          `saved in ${join(folder.sweepDir, "runs.jsonl")}.\n${hint}\n`,
      );
      process.exitCode = stop.exitCode;
    };
    let lastLine = 0;
    let result: SensitivityResult;
    try {
      result = await runSensitivity(
        {
          ...options,
          dir: folder.sweepDir,
          resume: folder.state === "resume",
          workers: args.workers,
          signal: stop.signal,
          onProgress: (p) => {
            const now = Date.now();
            if (now - lastLine > 5000 || p.done === p.total) {
              out.write(`  ${p.done}/${p.total} runs${p.failed ? `, ${p.failed} failed` : ""}\n`);
              lastLine = now;
            }
          },
        },
        planned,
      );
    } catch (e) {
      folder.interrupted();
      stop.dispose();
      throw e;
    }
    if (result.sweep.interrupted) {
      stop.dispose();
      folder.interrupted();
      interrupted(result.sweep.ok);
      return;
    }
    // the final files go into a hidden sibling that replaces the folder once they are all there
    const staged = folder.stage();
    const dir = staged.dir;
    const rows = indexRows(result);
    writeFileSync(
      join(dir, "sensitivity.json"),
      `${JSON.stringify(
        {
          method: result.method,
          scenario: scenario.name,
          factors: result.factors,
          outputs: result.outputs,
          runs: result.runs,
          failedRuns: result.failed,
          indices: rows,
        },
        null,
        2,
      )}\n`,
    );
    const cols = Object.keys(rows[0] ?? {});
    writeFileSync(
      join(dir, "sensitivity.csv"),
      [cols.join(","), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n",
    );
    const files = ["sensitivity.json", "sensitivity.csv"];
    const t = translator(isLang(args.lang) ? args.lang : defaultLang());
    const input: SensitivityReportInput = {
      method: result.method,
      scenario: scenario.name,
      factors: result.factors.length,
      runs: result.runs,
      replications: args.replications,
      rows: rows as unknown as (MorrisRow | SobolRow)[],
    };
    for (const chart of sensitivityCharts(input, t)) {
      writeFileSync(join(dir, `${chart.id}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      files.push(`${chart.id}.vl.json`);
      if (args.charts) {
        const r = await renderChart(chart.spec);
        writeFileSync(join(dir, `${chart.id}.svg`), r.svg);
        writeFileSync(join(dir, `${chart.id}.png`), r.png);
        files.push(`${chart.id}.svg`, `${chart.id}.png`);
      }
    }
    const doc = sensitivityDoc(input, t, {
      createdAt: new Date().toISOString(),
      version: packageVersion(),
      scenarios: [
        {
          name: scenario.name,
          description: scenario.description,
          file: scenario.file,
          params: scenario.params,
          changed: changedParams(scenario.params),
        },
      ],
    });
    writeFileSync(join(dir, "report.html"), buildReportHtml(doc, t));
    files.push("report.html");
    const committed = folder.commit(staged, () => stop.signal.aborted);
    stop.dispose();
    if (!committed) {
      interrupted(result.runs - result.failed);
      return;
    }
    out.write(`\n${textTable(result, rows)}\n`);
    // a Sobol sample too small for its indices to mean anything is said so, not left to the reader
    for (const w of sensitivityWarnings(input, t)) process.stderr.write(`warning: ${w}\n`);
    out.write(
      `${result.runs} runs` +
        (result.failed ? ` (${result.failed} failed: their design points are left out)` : "") +
        (result.sweep.skipped ? `, ${result.sweep.skipped} of them done before` : "") +
        `; wrote ${files.join(", ")} to ${target}` +
        (folder.state === "replace" ? " (replacing what was there: --force)" : "") +
        "\n",
    );
  },
};

/** The command that continues this analysis: the options given, then --out and --resume. */
export function resumeCommand(args: SensitivityArgs, out: string): string {
  const words = ["ecosim", "sensitivity", args.scenario, "--method", args.method];
  const opt = (flag: string, v: unknown) => {
    if (v !== undefined) words.push(flag, String(v));
  };
  if (args.outputs && args.outputs.length > 0) words.push("--outputs", ...args.outputs);
  for (const p of args.param ?? []) words.push("--param", p);
  opt("--samples", args.samples);
  opt("--trajectories", args.trajectories);
  opt("--levels", args.levels);
  opt("--replications", args.replications);
  opt("--workers", args.workers);
  opt("--ticks", args.ticks);
  opt("--firms", args.firms);
  if (!args.charts) words.push("--no-charts");
  opt("--lang", args.lang);
  words.push("--out", out, "--resume");
  return commandLine(words);
}

/** Parses `path=lo:hi`. */
export function parseFactor(text: string): { path: string; lo: number; hi: number } {
  const m = /^([\w.]+)=([^:]+):(.+)$/.exec(text.trim());
  const lo = m ? Number(m[2]) : Number.NaN;
  const hi = m ? Number(m[3]) : Number.NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new SensitivityError(`--param ${text}: expected path=lo:hi, e.g. rnd.rdPropensity=0.02:0.08`);
  }
  return { path: m[1], lo, hi };
}

/** The estimators on Ishigami's function over the sweep engine's own Saltelli design. */
export function ishigamiCheck(samples = 4096): string {
  const design: SobolDesign = {
    kind: "sobol",
    samples,
    axes: ["x1", "x2", "x3"].map((path) => ({ path, lo: 0, hi: 1, integer: false })),
  };
  const y: number[] = [];
  for (let i = 0; i < samples * 5; i++) {
    const p = designPointAt(design, i) as Record<string, number>;
    y.push(ishigamiFromUnit([p.x1, p.x2, p.x3]));
  }
  const est = sobolIndices(y, 3, { bootstrap: 0 });
  const truth = ishigamiIndices();
  const err = Math.max(
    ...est.flatMap((e, i) => [Math.abs(e.S1 - truth.S1[i]), Math.abs(e.ST - truth.ST[i])]),
  );
  const f = (v: number[]) => v.map((x) => x.toFixed(3)).join(" ");
  return (
    `Ishigami check (N = ${samples}): S1 ${f(est.map((e) => e.S1))} vs ${f(truth.S1)}; ` +
    `ST ${f(est.map((e) => e.ST))} vs ${f(truth.ST)}; largest error ${err.toFixed(3)}`
  );
}

type IndexRow = Record<string, string | number | null>;

function fin(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function indexRows(r: SensitivityResult): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const output of r.outputs) {
    for (const m of r.morris?.[output] ?? []) {
      rows.push({
        output,
        parameter: m.path,
        muStar: fin(m.muStar),
        muStarLo: fin(m.muStarCi[0]),
        muStarHi: fin(m.muStarCi[1]),
        mu: fin(m.mu),
        sigma: fin(m.sigma),
      });
    }
    for (const s of r.sobol?.[output] ?? []) {
      rows.push({
        output,
        parameter: s.path,
        S1: fin(s.S1),
        S1Lo: fin(s.S1Ci[0]),
        S1Hi: fin(s.S1Ci[1]),
        ST: fin(s.ST),
        STLo: fin(s.STCi[0]),
        STHi: fin(s.STCi[1]),
      });
    }
  }
  return rows;
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? String(v) : csvText(v);
}

/** The indices as a terminal table, parameters ranked within each output by μ* (Morris) or ST (Sobol). */
function textTable(r: SensitivityResult, rows: IndexRow[]): string {
  const keys =
    r.method === "morris"
      ? ["muStar", "muStarLo", "muStarHi", "mu", "sigma"]
      : ["S1", "S1Lo", "S1Hi", "ST", "STLo", "STHi"];
  const rankBy = r.method === "morris" ? "muStar" : "ST";
  const value = (row: IndexRow) =>
    typeof row[rankBy] === "number" ? (row[rankBy] as number) : Number.NEGATIVE_INFINITY;
  const order = r.outputs;
  const ranked = [...rows].sort(
    (a, b) => order.indexOf(String(a.output)) - order.indexOf(String(b.output)) || value(b) - value(a),
  );
  const head = ["output", "parameter", ...keys];
  const body = ranked.map((row) => [
    String(row.output),
    String(row.parameter),
    ...keys.map((k) => (typeof row[k] === "number" ? (row[k] as number).toPrecision(3) : "n/a")),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(w[i]))
      .join("  ")
      .trimEnd();
  return [line(head), line(w.map((n) => "-".repeat(n))), ...body.map(line)].join("\n") + "\n";
}
