import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Argv, CommandModule } from "yargs";
import type { CompareScenario } from "../../analysis/compareRuns.js";
import { runCompareJobs } from "../../analysis/compareRuns.js";
import { type Comparison, compareScenarios } from "../../analysis/comparison.js";
import { OUTCOME_KEYS, type OutcomeKey } from "../../analysis/outcomes.js";
import { createPool, defaultWorkerCount, packageVersion } from "../../engine/index.js";
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
import { applyOverrides, crnSeed, loadScenario, type ResolvedScenario } from "../../scenario/index.js";

class UserError extends Error {
  readonly exitCode = 2;
}

interface CompareArgs {
  baseline: string;
  scenarios: string[];
  replications?: number;
  workers?: number;
  out?: string;
  metrics?: string[];
  ticks?: number;
  firms?: number;
  seed?: number;
  lang?: string;
}

export interface CompareRequest {
  files: string[];
  replications?: number;
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
    "Compare policy mixes against a baseline on the same seeds: paired effects, costs, charts, report.html",
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
        describe: "Seeds per scenario (default: the baseline's replications)",
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
      }),
  handler: async (args) => {
    await executeCompare({
      files: [args.baseline, ...args.scenarios],
      replications: args.replications,
      workers: args.workers,
      out: args.out ?? join("results", `compare-${timestamp()}`),
      metrics: parseMetrics(args.metrics),
      ticks: args.ticks,
      firms: args.firms,
      seed: args.seed,
      lang: isLang(args.lang) ? args.lang : defaultLang(),
    });
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

/** Loads, runs, compares and writes; prints the tables and the report's path. Returns the report path. */
export async function executeCompare(req: CompareRequest): Promise<string> {
  const t = translator(req.lang);
  const workers = req.workers ?? defaultWorkerCount();
  if (!Number.isInteger(workers) || workers < 1)
    throw new UserError(`--workers ${req.workers}: expected an integer ≥ 1`);
  const resolved = req.files.map((f) =>
    applyOverrides(loadScenario(f), {
      ticks: req.ticks,
      firms: req.firms,
      replications: req.replications,
      seed: req.seed,
    }),
  );
  const base = resolved[0];
  const replications = req.replications ?? base.replications;
  const seeds = Array.from({ length: replications }, (_, r) => crnSeed(base.seed, r));
  const scenarios = uniqueNames(resolved);
  const ticks = Math.max(...scenarios.map((s) => s.params.ticks));
  const firms = base.params.firms;
  const out = process.stdout;
  out.write(
    `${t("cli.comparing", { count: scenarios.length, replications, runs: scenarios.length * replications, ticks, firms, workers })}\n`,
  );

  const executor = createPool({
    workers,
    workerFile: new URL("../../analysis/compareWorker.js", import.meta.url),
  });
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => controller.abort(new Error(`interrupted by ${sig}`));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const started = performance.now();
  let lastPrint = 0;
  let jobs: Awaited<ReturnType<typeof runCompareJobs>>;
  try {
    jobs = await runCompareJobs({
      scenarios,
      seeds,
      executor,
      signal: controller.signal,
      onProgress: (done, total) => {
        const now = performance.now();
        if (done === total || now - lastPrint > 2000) {
          lastPrint = now;
          process.stderr.write(`  ${done}/${total} runs (${((now - started) / 1000).toFixed(0)} s)\n`);
        }
      },
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await executor.close();
  }
  const comparison = compareScenarios(jobs.runs, { outcomes: req.metrics });
  mkdirSync(req.out, { recursive: true });
  writeFileSync(join(req.out, "runs.jsonl"), jobs.summaries.map((s) => JSON.stringify(s)).join("\n") + "\n");
  const file: ComparisonFile = {
    format: "ecosim-comparison/1",
    createdAt: new Date().toISOString(),
    scenarios: scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      file: s.file,
      hash: s.hash,
      params: s.params,
    })),
    seeds,
    replications,
    ticks,
    firms,
    versions: { ecosim: packageVersion(), node: process.version },
    comparison,
  };
  const written = await writeComparisonOutputs(req.out, file, req.lang);
  out.write(`\n${effectsText(comparison, t)}\n${fiscalText(comparison, t)}\n`);
  const report = join(req.out, "report.html");
  out.write(
    `${t("cli.wroteFiles", { count: written.length, path: req.out })}\n${t("cli.reportAt", { path: report })}\n`,
  );
  return report;
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
      return `${rel}${e.significant ? "*" : " "}`;
    }),
  ]);
  return `${t("cli.effectsHeader", { baseline: c.baseline })}\n${grid([t("table.outcome"), ...others.map(short)], rows)}\n`;
}

/** Fiscal cost and cost per extra innovation / job / M of output, one row per scenario. */
export function fiscalText(c: Comparison, t: Translate): string {
  const ce = (s: string, target: string) => {
    const r = c.costEffectiveness.find((x) => x.scenario === s && x.target === target);
    return !r ? "–" : r.ratio ? fmt(r.ratio.estimate) : t(`na.${r.reason ?? "noRecords"}`);
  };
  const rows = c.fiscal.map((f) => [
    short(f.scenario),
    fmtInterval(f.netCost),
    ce(f.scenario, "innovations"),
    ce(f.scenario, "jobs"),
    ce(f.scenario, "output"),
  ]);
  return `${t("cli.fiscalHeader")}\n${grid(
    [
      t("table.scenario"),
      t("table.netCost"),
      t("table.perInnovation"),
      t("table.perJob"),
      t("table.perOutput"),
    ],
    rows,
  )}\n`;
}

function short(name: string): string {
  return name.length > 24 ? `${name.slice(0, 23)}…` : name;
}
