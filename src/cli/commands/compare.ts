import { rmSync } from "node:fs";
import { basename, join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import type { CompareScenario } from "../../analysis/compareRuns.js";
import { checkCompareDir, compareIdentity } from "../../analysis/compareStore.js";
import {
  type CompareEvent,
  type CompareResult,
  DEFAULT_MAX_REPLICATIONS,
  DEFAULT_REPLICATIONS,
  defaultReplications,
  MIN_RELIABLE_REPLICATIONS,
  type PrecisionReport,
  precisionOutcomes,
  runCompareWorkflow,
} from "../../analysis/compareWorkflow.js";
import type { CeRow, Comparison } from "../../analysis/comparison.js";
import { studentTQuantile } from "../../analysis/intervals.js";
import { OUTCOME_KEYS, type OutcomeKey } from "../../analysis/outcomes.js";
import type { RatioInterval } from "../../analysis/ratio.js";
import {
  commandLine,
  createPool,
  defaultWorkerCount,
  packageVersion,
  stopOnSignals,
  tempSiblingOf,
} from "../../engine/index.js";
import { outcomeLabel } from "../../report/charts/labels.js";
import { type ComparisonFile, writeComparisonOutputs } from "../../report/comparisonReport.js";
import { fmt, fmtInterval, fmtPercent } from "../../report/format.js";
import {
  defaultLang,
  isLang,
  LANGS,
  type Lang,
  type Translate,
  translator,
} from "../../report/i18n/index.js";
import {
  applyOverrides,
  formatInstrumentsInForce,
  loadScenario,
  type ResolvedScenario,
} from "../../scenario/index.js";
import { loadUncertainty, runUncertaintyComparison } from "./compareUncertainty.js";

class UserError extends Error {
  readonly exitCode = 2;
}

interface CompareArgs {
  baseline: string;
  scenarios: string[];
  replications?: number;
  precision?: number;
  "max-replications"?: number;
  resume: boolean;
  workers?: number;
  out?: string;
  metrics?: string[];
  ticks?: number;
  firms?: number;
  seed?: number;
  lang?: string;
  uncertainty?: string;
  calibration: string;
  draws: number;
}

export interface CompareRequest {
  files: string[];
  /** Seeds per scenario; default max(the baseline's replications, DEFAULT_REPLICATIONS). */
  replications?: number;
  /** Relative CI half-width target of the headline effects (--precision). */
  precision?: number;
  maxReplications?: number;
  /** Reuse the finished runs of this comparison in `out`. */
  resume?: boolean;
  workers?: number;
  out: string;
  metrics?: OutcomeKey[];
  ticks?: number;
  firms?: number;
  seed?: number;
  lang: Lang;
}

/** `ecosim compare`: scenarios against a baseline on common random numbers; tables, charts, report. */
export const compareCommand: CommandModule<object, CompareArgs> = {
  command: "compare <baseline> <scenarios..>",
  describe:
    "Compare policy mixes against a baseline on the same seeds: paired effects, costs, charts, report.html (resumable)",
  builder: (y: Argv<object>) =>
    y
      .positional("baseline", { type: "string", demandOption: true, describe: "Baseline scenario file" })
      .positional("scenarios", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "Scenario files to compare",
      })
      .option("replications", {
        type: "number",
        describe: `Seeds per scenario (default: the baseline's replications, at least ${DEFAULT_REPLICATIONS})`,
      })
      .option("precision", {
        type: "number",
        describe:
          "Add seeds in batches until every headline effect's 95% CI half-width is at most this share of the baseline mean (e.g. 0.02)",
      })
      .option("max-replications", {
        type: "number",
        describe: `With --precision: the most seeds per scenario (default ${DEFAULT_MAX_REPLICATIONS})`,
      })
      .option("resume", {
        type: "boolean",
        default: false,
        describe: "Continue the comparison in --out, reusing its finished runs",
      })
      .option("workers", {
        type: "number",
        describe: `Worker threads (default: cores, here ${defaultWorkerCount()})`,
      })
      .option("out", { type: "string", describe: "Output directory (default results/compare-<timestamp>)" })
      .option("metrics", {
        type: "string",
        array: true,
        describe: `Outcomes to report (default all: ${OUTCOME_KEYS.join(", ")})`,
      })
      .option("ticks", { type: "number", describe: "Quarters to simulate (overrides every scenario)" })
      .option("firms", { type: "number", describe: "Initial SMEs (overrides every scenario)" })
      .option("seed", {
        type: "number",
        describe: "Base seed of the common random numbers (default: the baseline's)",
      })
      .option("lang", {
        type: "string",
        choices: LANGS,
        describe: "Language of charts, tables and report (default: from the locale)",
      })
      .option("uncertainty", {
        type: "string",
        describe:
          "Also carry parameter uncertainty: 'posterior' (the --calibration folder's uncertainties.yaml) or a file with an uncertainties: block or a posterior CSV; reports seed-only and seed+parameter intervals and rank stability",
      })
      .option("calibration", {
        type: "string",
        default: join("results", "calibration"),
        describe: "With --uncertainty posterior: the folder of an `ecosim calibrate` run",
      })
      .option("draws", {
        type: "number",
        default: 8,
        describe: "With --uncertainty: parameter draws, each run on the comparison's seeds",
      }),
  handler: async (args) => {
    if (args.resume && args.out === undefined)
      throw new UserError("--resume needs --out DIR: the folder to continue");
    if (!(Number.isInteger(args.draws) && args.draws >= 2 && args.draws <= 1000))
      throw new UserError(`--draws ${args.draws}: expected an integer in [2, 1000]`);
    // the uncertain parameters are read before any run: a bad file costs nothing
    const spec = args.uncertainty === undefined ? null : loadUncertainty(args.uncertainty, args.calibration);
    const out = args.out ?? join("results", `compare-${timestamp()}`);
    const report = await executeCompare({
      files: [args.baseline, ...args.scenarios],
      replications: args.replications,
      precision: args.precision,
      maxReplications: args["max-replications"],
      resume: args.resume,
      workers: args.workers,
      out,
      metrics: parseMetrics(args.metrics),
      ticks: args.ticks,
      firms: args.firms,
      seed: args.seed,
      lang: isLang(args.lang) ? args.lang : defaultLang(),
    });
    if (report === null || spec === null || args.uncertainty === undefined) return;
    await runUncertaintyComparison(
      {
        files: [args.baseline, ...args.scenarios],
        source: args.uncertainty,
        calibrationDir: args.calibration,
        draws: args.draws,
        replications: args.replications,
        ticks: args.ticks,
        firms: args.firms,
        seed: args.seed,
        workers: args.workers,
        out,
      },
      spec,
      (line) => process.stdout.write(`${line}\n`),
    );
  },
};

export function timestamp(date = new Date()): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:]/g, "")
    .replace("T", "-");
}

function parseMetrics(list: string[] | undefined): OutcomeKey[] | undefined {
  if (!list || list.length === 0) return undefined;
  const keys = list
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = keys.filter((k) => !(OUTCOME_KEYS as readonly string[]).includes(k));
  if (bad.length > 0)
    throw new UserError(`--metrics: unknown outcome ${bad.join(", ")}; known: ${OUTCOME_KEYS.join(", ")}`);
  return keys as OutcomeKey[];
}

/** The command that continues this comparison: the request's files and options, plus --resume. */
export function resumeCommand(req: CompareRequest): string {
  const words = ["ecosim", "compare", ...req.files];
  const opt = (flag: string, v: unknown) => {
    if (v !== undefined) words.push(flag, String(v));
  };
  opt("--replications", req.replications);
  opt("--precision", req.precision);
  opt("--max-replications", req.maxReplications);
  opt("--ticks", req.ticks);
  opt("--firms", req.firms);
  opt("--seed", req.seed);
  if (req.metrics) opt("--metrics", req.metrics.join(","));
  words.push("--lang", req.lang, "--out", req.out, "--resume");
  return commandLine(words);
}

/**
 * Loads, runs, compares and writes; prints the tables and the report's path. Returns the report
 * path, or null when interrupted (process.exitCode is then 130, or 143 for SIGTERM). The output
 * folder is checked before anything runs.
 */
export async function executeCompare(req: CompareRequest): Promise<string | null> {
  const t = translator(req.lang);
  const workers = req.workers ?? defaultWorkerCount();
  if (!Number.isInteger(workers) || workers < 1)
    throw new UserError(`--workers ${req.workers}: expected an integer ≥ 1`);
  if (req.precision !== undefined && !(req.precision > 0 && Number.isFinite(req.precision)))
    throw new UserError(`--precision ${req.precision}: expected a share > 0 of the baseline mean, e.g. 0.02`);
  if (req.maxReplications !== undefined && req.precision === undefined)
    throw new UserError("--max-replications needs --precision");
  const resolved = req.files.map((f) =>
    applyOverrides(loadScenario(f), {
      ticks: req.ticks,
      firms: req.firms,
      replications: req.replications,
      seed: req.seed,
    }),
  );
  const base = resolved[0];
  const replications = req.replications ?? defaultReplications(base.replications);
  const maxReplications = req.maxReplications ?? Math.max(DEFAULT_MAX_REPLICATIONS, replications);
  if (!Number.isInteger(maxReplications) || maxReplications < replications)
    throw new UserError(
      `--max-replications ${req.maxReplications}: expected an integer ≥ the first batch's ${replications} replications`,
    );
  const scenarios = uniqueNames(resolved);
  // the folder first: a refused --out has cost no run and written nothing
  const keep = resolved.flatMap((s) => s.chain);
  checkCompareDir(req.out, compareIdentity(scenarios, base.seed), { resume: req.resume === true, keep });

  const ticks = Math.max(...scenarios.map((s) => s.params.ticks));
  const firms = base.params.firms;
  const out = process.stdout;
  const err = process.stderr;
  out.write(
    `${t("cli.comparing", { count: scenarios.length, replications, runs: scenarios.length * replications, ticks, firms, workers })}\n`,
  );
  if (req.precision === undefined) warnFewSeeds(replications, t);
  // what each mix switches on, every sub-measure with its value: no default acts unseen
  for (const s of scenarios) {
    const on = formatInstrumentsInForce(s.params);
    out.write(`  ${s.name}:${on.length === 0 ? ` ${t("cli.noInstruments")}` : ""}\n`);
    for (const line of on) out.write(`    ${line}\n`);
  }

  const executor = createPool({
    workers,
    workerFile: new URL("../../analysis/compareWorker.js", import.meta.url),
  });
  const hint = t("cli.resumeWith", { command: resumeCommand(req) });
  const stop = stopOnSignals((sig) => {
    // a second interrupt: every finished run is on disk already, so leave at once
    rmSync(tempSiblingOf(req.out), { recursive: true, force: true });
    err.write(`\n${sig}: ${hint}\n`);
  });
  const started = performance.now();
  let lastPrint = 0;
  const onEvent = (e: CompareEvent) => {
    const now = performance.now();
    switch (e.type) {
      case "resumed":
        out.write(`${t("cli.resuming", { runs: e.runs, path: req.out })}\n`);
        if (e.tornBytes > 0 || e.dropped > 0)
          out.write(`${t("cli.resumeRepaired", { bytes: e.tornBytes, dropped: e.dropped })}\n`);
        break;
      case "batch":
        if (e.replications > replications) out.write(`${t("cli.batch", e)}\n`);
        else if (e.toRun === 0 && req.precision === undefined)
          out.write(`${t("cli.nothingToRun", { runs: e.runs })}\n`);
        break;
      case "progress":
        if (e.done === e.total || now - lastPrint > 2000) {
          lastPrint = now;
          err.write(`  ${e.done}/${e.total} runs (${((now - started) / 1000).toFixed(0)} s)\n`);
        }
        break;
      case "precision":
      case "writing":
        break;
    }
  };
  let outcome: Awaited<ReturnType<typeof runCompareWorkflow>>;
  try {
    outcome = await runCompareWorkflow({
      scenarios,
      baseSeed: base.seed,
      replications,
      precision:
        req.precision === undefined
          ? undefined
          : { target: req.precision, maxReplications, outcomes: precisionOutcomes(req.metrics) },
      outcomes: req.metrics,
      executor,
      out: req.out,
      resume: req.resume === true,
      keep,
      signal: stop.signal,
      onEvent,
      write: (dir, result) =>
        writeComparisonOutputs(dir, comparisonFile(scenarios, result, ticks, firms), req.lang),
    });
  } catch (e) {
    if (e instanceof Error && "exitCode" in e && e.exitCode === 1) {
      e.message = t("cli.runFailed", { message: e.message, path: req.out, hint });
    }
    throw e;
  } finally {
    stop.dispose();
    await executor.close();
  }
  if (outcome.interrupted || !outcome.result) {
    const sig = stop.received ?? "SIGINT";
    const done = outcome.ran + outcome.reused;
    err.write(
      `\n${t("cli.interrupted", { signal: sig, done, total: outcome.total, path: req.out })}\n${hint}\n`,
    );
    process.exitCode = stop.exitCode;
    return null;
  }
  const { comparison, precision } = outcome.result;
  if (precision) warnFewSeeds(outcome.result.replications, t);
  out.write(`\n${effectsText(comparison, t)}\n${fiscalText(comparison, t)}\n`);
  if (precision) out.write(`${precisionText(precision, t)}\n`);
  const report = join(req.out, "report.html");
  out.write(
    `${t("cli.wroteFiles", { count: outcome.files.length, path: req.out })}\n${t("cli.reportAt", { path: report })}\n`,
  );
  return report;
}

function warnFewSeeds(n: number, t: Translate): void {
  if (n >= MIN_RELIABLE_REPLICATIONS) return;
  const width = n >= 2 ? fmt(studentTQuantile(0.975, n - 1) / Math.sqrt(n)) : "∞";
  process.stderr.write(`${t("cli.fewSeeds", { n, width })}\n`);
}

function comparisonFile(
  scenarios: readonly CompareScenario[],
  result: CompareResult,
  ticks: number,
  firms: number,
): ComparisonFile {
  return {
    format: "ecosim-comparison/1",
    createdAt: new Date().toISOString(),
    scenarios: scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      file: s.file,
      hash: s.hash,
      params: s.params,
    })),
    seeds: result.seeds,
    replications: result.replications,
    ticks,
    firms,
    versions: { ecosim: packageVersion(), node: process.version },
    comparison: result.comparison,
  };
}

/** Scenario names as the user wrote them, made unique by the file name where two clash. */
function uniqueNames(list: ResolvedScenario[]): CompareScenario[] {
  const seen = new Map<string, number>();
  return list.map((s) => {
    let name = s.name || basename(s.file);
    if (seen.has(name)) name = `${name} (${basename(s.file)})`;
    while (seen.has(name)) name = `${name}'`;
    seen.set(name, 1);
    return { name, description: s.description, file: s.file, hash: s.hash, params: s.params };
  });
}

/** Display width in a terminal: East Asian wide characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function grid(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], i > 0))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The compact effects table: one row per outcome, one column per scenario (relative change). */
export function effectsText(c: Comparison, t: Translate): string {
  const others = c.scenarios.slice(1);
  const outcomes = [...new Set(c.effects.map((e) => e.outcome))];
  const rows = outcomes.map((o) => [
    outcomeLabel(t, o),
    ...others.map((s) => {
      const e = c.effects.find((x) => x.scenario === s && x.outcome === o)?.effect;
      if (!e) return "–";
      const rel = Number.isFinite(e.relative) ? fmtPercent(e.relative) : fmt(e.diff.estimate);
      return `${rel}${e.discovery ? "*" : " "}`;
    }),
  ]);
  // the Benjamini–Hochberg family: every effect with a test (two or more seeds)
  const family = c.effects.filter((e) => Number.isFinite(e.effect.pValue)).length;
  const header = t("cli.effectsHeader", { baseline: c.baseline, from: c.window.from, to: c.window.to });
  const note = t("cli.fdrNote", { fdr: `${fmt(c.fdr * 100)}%`, count: family });
  return `${header}\n${grid([t("table.outcome"), ...others.map(short)], rows)}\n${note}\n`;
}

/** A cost-effectiveness cell: the Fieller set when bounded, "unbounded" otherwise, n/a with the reason. */
function ratioCell(ratio: RatioInterval | null, reason: CeRow["reason"], t: Translate): string {
  if (!ratio) return t(`na.${reason ?? "noRecords"}`);
  if (!ratio.bounded || ratio.kind !== "bounded") return t("cli.unbounded");
  return `${fmt(ratio.estimate)} [${fmt(ratio.lo)}, ${fmt(ratio.hi)}]`;
}

/**
 * The fiscal tables: the net public cost with its 95% CI and its split (spending, tax
 * expenditure, second-round tax), the cost as a share of output; then the cost per extra
 * innovation / job / M of output (Fieller's set), one row per scenario.
 */
export function fiscalText(c: Comparison, t: Translate): string {
  const ce = (s: string, target: string) => {
    const r = c.costEffectiveness.find((x) => x.scenario === s && x.target === target);
    return r ? ratioCell(r.ratio, r.reason, t) : "–";
  };
  const share = (x: number) => (Number.isFinite(x) ? `${fmt(x * 100, 2)}%` : "–");
  const cost = grid(
    [
      t("table.scenario"),
      t("table.netCost"),
      t("cli.spending"),
      t("cli.taxExpenditure"),
      t("cli.secondRoundTax"),
      t("cli.shareOfOutput"),
    ],
    c.fiscal.map((f) => [
      short(f.scenario),
      fmtInterval(f.netCost),
      fmt(f.spending.estimate),
      fmt(f.taxExpenditure.estimate),
      fmt(f.secondRoundTax.estimate),
      share(f.shareOfOutput.estimate),
    ]),
  );
  const perUnit = grid(
    [t("table.scenario"), t("table.perInnovation"), t("table.perJob"), t("table.perOutput")],
    c.fiscal.map((f) => [
      short(f.scenario),
      ce(f.scenario, "innovations"),
      ce(f.scenario, "jobs"),
      ce(f.scenario, "output"),
    ]),
  );
  const note = t("cli.fiscalNote", { baseline: c.baseline, from: c.window.from, to: c.window.to });
  return `${t("cli.fiscalHeader")}\n${note}\n${cost}\n\n${perUnit}\n${t("cli.ceNote")}\n`;
}

/** Which precision target was met, outcome by outcome (the last check of a --precision run). */
export function precisionText(p: PrecisionReport, t: Translate): string {
  const pct = (x: number) => (Number.isFinite(x) ? `${fmt(x * 100, 2)}%` : "∞");
  const rows = p.rows.map((r) => {
    const status =
      r.status === "met"
        ? t("cli.precisionMet")
        : r.status === "notMet"
          ? t("cli.precisionNotMet")
          : t("cli.precisionNoTarget");
    const width =
      r.status === "noTarget"
        ? ""
        : t("cli.precisionWidest", { width: pct(r.relative), scenario: short(r.scenario) });
    const needed =
      r.status === "notMet" && r.needed !== null ? t("cli.precisionNeeded", { n: r.needed }) : "";
    return [outcomeLabel(t, r.outcome), status, width, needed];
  });
  const unmet = p.rows.filter((r) => r.status === "notMet").length;
  const verdict = p.met
    ? t("cli.precisionAllMet", { replications: p.replications })
    : t("cli.precisionMaxReached", { max: p.maxReplications, count: unmet, total: p.rows.length });
  const header = t("cli.precisionHeader", {
    target: pct(p.target),
    replications: p.replications,
    max: p.maxReplications,
  });
  const widths = [0, 1].map((k) => Math.max(...rows.map((r) => displayWidth(r[k]))));
  const table = rows
    .map((r) => `  ${[pad(r[0], widths[0]), pad(r[1], widths[1]), r[2], r[3]].join("  ").trimEnd()}`)
    .join("\n");
  return `${header}\n${table}\n${verdict}\n`;
}

function short(name: string): string {
  return name.length > 24 ? `${name.slice(0, 23)}…` : name;
}
