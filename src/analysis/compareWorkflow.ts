import { runTasks } from "../engine/runTasks.js";
import type { Summary } from "../engine/summary.js";
import type { Executor, JobTask } from "../engine/types.js";
import { crnSeed } from "../scenario/index.js";
import { decodeCompareOutput } from "./compareJob.js";
import type { CompareScenario } from "./compareRuns.js";
import { CompareStore, type StoredRun } from "./compareStore.js";
import { type Comparison, compareScenarios } from "./comparison.js";
import type { OutcomeKey } from "./outcomes.js";
import type { RunOutputs, ScenarioRuns } from "./runs.js";

/**
 * The compare workflow behind `ecosim compare` and `ecosim start`: every scenario on the common
 * random numbers crnSeed(baseSeed, r), r = 0, 1, …, each finished run saved in the folder as it
 * completes (compareStore.ts), optionally more seeds batch by batch until the headline effects
 * are as precise as asked, then the comparison and its files written atomically. It prints
 * nothing: it reports through onEvent and its return value; an interrupt (the signal) leaves a
 * folder that `resume` continues, and the result is the same as an uninterrupted comparison's.
 */

/**
 * Fewer seeds than this and the CLI warns: the 95% t interval's half-width is
 * t(0.975, n − 1)/√n per-seed standard deviations of the paired differences, 1.59 at n = 4,
 * 2.48 at n = 3 and 8.98 at n = 2, against 1.24 at n = 5.
 */
export const MIN_RELIABLE_REPLICATIONS = 5;

/**
 * The fewest seeds a comparison runs unless told otherwise (the baseline's `replications` when
 * that is more). The half-width of a 95% t interval in per-seed s.d. of the paired differences,
 * t(0.975, n − 1)/√n, is 1.24 at n = 5, 0.72 at n = 10, 0.47 at n = 20 and 0.32 at n = 40: from
 * 5 to 10 seeds the interval narrows by 42% and its t quantile (2.26) comes within 15% of the
 * normal 1.96, so the interval no longer rests on a heavy-tailed small-sample correction; from
 * 10 to 20 seeds it narrows by only a further 35% at twice the cost. Ten is where more seeds stop
 * paying for themselves by default; --precision adds seeds where an effect needs them.
 */
export const DEFAULT_REPLICATIONS = 10;

/** The most seeds --precision adds up to unless told otherwise. */
export const DEFAULT_MAX_REPLICATIONS = 64;

/** The outcomes --precision must make precise (those of them that are reported). */
export const HEADLINE_OUTCOMES: readonly OutcomeKey[] = [
  "innovations",
  "output",
  "employment",
  "smeSurvival",
  "vcDeals",
];

/** Seeds added per --precision batch: at least this many … */
export const MIN_BATCH = 4;
/** … and at most this many. */
export const MAX_BATCH = 8;

/** Replications of a comparison when the user gives none: max(baseline's, DEFAULT_REPLICATIONS). */
export function defaultReplications(baselineReplications: number): number {
  return Math.max(baselineReplications, DEFAULT_REPLICATIONS);
}

/** The outcomes a --precision target applies to: the reported headline ones, else all reported. */
export function precisionOutcomes(reported: readonly OutcomeKey[] | undefined): OutcomeKey[] {
  if (!reported) return [...HEADLINE_OUTCOMES];
  const headline = reported.filter((o) => HEADLINE_OUTCOMES.includes(o));
  return headline.length > 0 ? headline : [...reported];
}

export interface PrecisionOptions {
  /** Relative target: every effect's 95% CI half-width ≤ target × |baseline mean|. */
  target: number;
  maxReplications: number;
  /** Outcomes the target applies to (default: precisionOutcomes of the reported ones). */
  outcomes?: readonly OutcomeKey[];
}

/** How precise one outcome's effects are: the widest interval over the mixes. */
export interface PrecisionRow {
  outcome: OutcomeKey;
  /** met; notMet; noTarget: the baseline mean is 0 (or not finite), so a relative target is void */
  status: "met" | "notMet" | "noTarget";
  baselineMean: number;
  /** The widest 95% CI half-width among the mixes (NaN below 2 seeds). */
  halfWidth: number;
  /** halfWidth / |baselineMean|. */
  relative: number;
  /** The mix with the widest interval. */
  scenario: string;
  /** About how many seeds the widest would need at its present spread (null: unknown, or met). */
  needed: number | null;
}

export interface PrecisionReport {
  target: number;
  replications: number;
  maxReplications: number;
  /** Every row met or without a target. */
  met: boolean;
  rows: PrecisionRow[];
}

/** Checks a comparison's effects against a relative precision target, outcome by outcome. */
export function precisionReport(
  c: Comparison,
  options: { target: number; maxReplications: number; outcomes: readonly OutcomeKey[] },
): PrecisionReport {
  const n = c.seeds.length;
  const rows: PrecisionRow[] = [];
  for (const outcome of options.outcomes) {
    const effects = c.effects.filter((e) => e.outcome === outcome);
    if (effects.length === 0) continue;
    let widest = effects[0];
    let halfWidth = -1;
    for (const e of effects) {
      const h = (e.effect.diff.hi - e.effect.diff.lo) / 2;
      const w = Number.isFinite(h) ? h : Number.POSITIVE_INFINITY;
      if (w > halfWidth) {
        halfWidth = w;
        widest = e;
      }
    }
    const h = (widest.effect.diff.hi - widest.effect.diff.lo) / 2;
    const baselineMean = widest.effect.baselineMean;
    const scale = Math.abs(baselineMean);
    const relative = h / scale;
    let status: PrecisionRow["status"];
    if (h === 0) status = "met";
    else if (!(scale > 0) || !Number.isFinite(scale)) status = "noTarget";
    else status = Number.isFinite(h) && h <= options.target * scale ? "met" : "notMet";
    const needed =
      status === "notMet" && n >= 2 && Number.isFinite(relative)
        ? Math.ceil(n * (relative / options.target) ** 2)
        : null;
    rows.push({ outcome, status, baselineMean, halfWidth: h, relative, scenario: widest.scenario, needed });
  }
  return {
    target: options.target,
    replications: n,
    maxReplications: options.maxReplications,
    met: rows.every((r) => r.status !== "notMet"),
    rows,
  };
}

/**
 * The replications of the next --precision batch: as many more as the widest unmet interval
 * seems to need (the half-width falls as 1/√n), between MIN_BATCH and MAX_BATCH, at most `max`.
 */
export function nextReplications(report: PrecisionReport, n: number, max: number): number {
  let want = n + MAX_BATCH;
  const needs = report.rows.filter((r) => r.status === "notMet").map((r) => r.needed);
  if (needs.length > 0 && needs.every((x): x is number => x !== null)) want = Math.max(...needs);
  const batch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, want - n));
  return Math.min(max, n + batch);
}

/** What the workflow produced: the comparison on seeds crnSeed(baseSeed, 0 … replications − 1). */
export interface CompareResult {
  comparison: Comparison;
  seeds: number[];
  replications: number;
  /** The last precision check (null without --precision). */
  precision: PrecisionReport | null;
}

export type CompareEvent =
  /** --resume found finished runs (and cut a torn tail, dropped unreadable records). */
  | { type: "resumed"; runs: number; tornBytes: number; dropped: number }
  /** A batch starts: `replications` seeds asked for, `toRun` of its `runs` runs not yet done. */
  | { type: "batch"; replications: number; toRun: number; runs: number }
  | { type: "progress"; done: number; total: number }
  | { type: "precision"; report: PrecisionReport }
  | { type: "writing" };

export interface CompareWorkflowOptions {
  /** The baseline first, then the mixes; names must differ. */
  scenarios: readonly CompareScenario[];
  /** Base seed of the common random numbers. */
  baseSeed: number;
  /** Seeds to run (the first batch under --precision). */
  replications: number;
  precision?: PrecisionOptions;
  /** Outcomes to report (default all). */
  outcomes?: readonly OutcomeKey[];
  executor: Executor;
  /** The comparison's folder (see compareStore.ts). */
  out: string;
  /** Reuse the finished runs of this comparison in `out`. */
  resume: boolean;
  /** Files the folder must not hold (the scenario files). */
  keep?: readonly string[];
  signal?: AbortSignal;
  onEvent?: (e: CompareEvent) => void;
  /**
   * Writes the comparison's own files (comparison.json, charts, report.html) into `dir`, a
   * hidden sibling of `out` that replaces it once everything is there; returns their paths.
   */
  write: (dir: string, result: CompareResult) => Promise<string[]>;
}

export interface CompareWorkflowOutcome {
  /** Stopped by the signal: every finished run is saved in `out` for --resume. */
  interrupted: boolean;
  /** Null when interrupted. */
  result: CompareResult | null;
  /** Runs done by this call, and runs read back from `out`. */
  ran: number;
  reused: number;
  /** Runs the comparison has asked for so far (scenarios × replications). */
  total: number;
  /** Paths written (empty when interrupted). */
  files: string[];
}

/** A run failed: the comparison cannot be made (its finished runs are saved for --resume). */
export class CompareRunError extends Error {
  readonly exitCode = 1;
}

/** One line of runs.jsonl. */
function summaryLine(scenario: string, replication: number, seed: number, summary: Summary): string {
  return JSON.stringify({ scenario, replication, seed, summary });
}

export async function runCompareWorkflow(options: CompareWorkflowOptions): Promise<CompareWorkflowOutcome> {
  const { scenarios, baseSeed, executor } = options;
  const signal = options.signal ?? new AbortController().signal;
  if (scenarios.length < 2) throw new Error("a comparison needs a baseline and at least one scenario");
  const runs: (RunOutputs | undefined)[][] = scenarios.map(() => []);
  const lines: string[][] = scenarios.map(() => []);
  const seedOf = (r: number) => crnSeed(baseSeed, r);
  const keep = (run: StoredRun): string => {
    const sc = scenarios[run.scenario];
    const seed = seedOf(run.replication);
    const decoded = decodeCompareOutput(run.buffer, sc.params.ticks, seed, run.replication);
    const line = summaryLine(sc.name, run.replication, seed, decoded.summary);
    runs[run.scenario][run.replication] = decoded.run;
    lines[run.scenario][run.replication] = line;
    return line;
  };
  const { store, recovery } = CompareStore.open({
    dir: options.out,
    scenarios,
    baseSeed,
    replications: options.replications,
    resume: options.resume,
    keep: options.keep,
    accept: (run) => {
      try {
        return keep(run);
      } catch {
        return null;
      }
    },
  });
  if (recovery.runs > 0 || recovery.tornBytes > 0 || recovery.dropped > 0) {
    options.onEvent?.({ type: "resumed", ...recovery });
  }
  const precision = options.precision;
  const targetOutcomes = precision?.outcomes ?? precisionOutcomes(options.outcomes);
  let n = options.replications;
  let ran = 0;
  const interrupted = (): CompareWorkflowOutcome => {
    store.close("interrupted");
    return {
      interrupted: true,
      result: null,
      ran,
      reused: recovery.runs,
      total: n * scenarios.length,
      files: [],
    };
  };
  try {
    let result: CompareResult;
    for (;;) {
      store.setReplications(n);
      const pending: { s: number; r: number }[] = [];
      for (let r = 0; r < n; r++) {
        for (let s = 0; s < scenarios.length; s++) if (!runs[s][r]) pending.push({ s, r });
      }
      const total = n * scenarios.length;
      options.onEvent?.({ type: "batch", replications: n, toRun: pending.length, runs: total });
      let done = total - pending.length;
      const stopped = await runPending(pending, {
        scenarios,
        seedOf,
        executor,
        signal,
        onDone: (s, r, buffer) => {
          const line = keep({ scenario: s, replication: r, buffer });
          store.append({ scenario: s, replication: r, buffer }, line);
          ran++;
          options.onEvent?.({ type: "progress", done: ++done, total });
        },
      });
      if (stopped) return interrupted();
      const byScenario: ScenarioRuns[] = scenarios.map((sc, s) => ({
        name: sc.name,
        description: sc.description,
        policyStart: sc.params.government.policyStartQuarter,
        runs: runs[s].slice(0, n) as RunOutputs[],
      }));
      const comparison = compareScenarios(byScenario, { outcomes: options.outcomes });
      const seeds = Array.from({ length: n }, (_, r) => seedOf(r));
      if (!precision) {
        result = { comparison, seeds, replications: n, precision: null };
        break;
      }
      const report = precisionReport(comparison, {
        target: precision.target,
        maxReplications: precision.maxReplications,
        outcomes: targetOutcomes,
      });
      options.onEvent?.({ type: "precision", report });
      result = { comparison, seeds, replications: n, precision: report };
      if (report.met || n >= precision.maxReplications) break;
      n = nextReplications(report, n, precision.maxReplications);
    }
    if (signal.aborted) return interrupted();
    options.onEvent?.({ type: "writing" });
    // every saved run, in order: seeds past `n` (from an earlier, longer run) stay for later
    const order: { scenario: number; replication: number; line: string }[] = [];
    for (let s = 0; s < scenarios.length; s++) {
      lines[s].forEach((line, r) => {
        if (line !== undefined) order.push({ scenario: s, replication: r, line });
      });
    }
    const files = await store.finish(
      order,
      (dir) => options.write(dir, result),
      () => signal.aborted,
    );
    if (files === null) return interrupted();
    return { interrupted: false, result, ran, reused: recovery.runs, total: n * scenarios.length, files };
  } catch (err) {
    store.close("interrupted");
    throw err;
  }
}

/**
 * Runs the pending runs (the engine's runTasks); `onDone` gets each finished run. Returns true
 * when the signal stopped it; throws CompareRunError when a run failed (after the runs in flight
 * settled, so every finished run is saved).
 */
function runPending(
  pending: readonly { s: number; r: number }[],
  ctx: {
    scenarios: readonly CompareScenario[];
    seedOf: (r: number) => number;
    executor: Executor;
    signal: AbortSignal;
    onDone: (s: number, r: number, buffer: Float64Array) => void;
  },
): Promise<boolean> {
  const { scenarios } = ctx;
  return runTasks(pending, {
    executor: ctx.executor,
    signal: ctx.signal,
    task: ({ s, r }): JobTask => ({
      jobId: `s${String(s).padStart(3, "0")}-r${String(r).padStart(4, "0")}`,
      attempt: 1,
      params: scenarios[s].params,
      seed: ctx.seedOf(r),
      recordFirms: true,
      checkBooks: false,
    }),
    onDone: ({ s, r }, buffer) => ctx.onDone(s, r, buffer),
    failure: ({ s, r }, err) => {
      const why = err instanceof Error ? err.message : String(err);
      return new CompareRunError(
        `run of ${scenarios[s].name} on seed ${ctx.seedOf(r)} (replication ${r}) failed: ${why}`,
        { cause: err },
      );
    },
  });
}
