import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planHash } from "../../engine/manifest.js";
import { ResultStore } from "../../engine/store.js";
import { SUMMARY_KEYS } from "../../engine/summary.js";
import { runSweep, type SweepOutcome, type SweepProgress } from "../../engine/sweep.js";
import type { Executor, RunRecord } from "../../engine/types.js";
import {
  type Design,
  describeSeeds,
  hashOf,
  type JobPlan,
  paramAt,
  planJobs,
  type RangeAxis,
  type ResolvedScenario,
  SOBOL_MAX_PARAMS,
  scenarioHash,
} from "../../scenario/index.js";
import { type MorrisDesign, type MorrisIndex, morrisDesign, morrisIndices } from "./morris.js";
import { type SobolIndex, sobolIndices } from "./sobol.js";

/**
 * `ecosim sensitivity`: a global sensitivity analysis of a scenario's outputs to its behavioural
 * parameters. The design is a plain sweep design (Sobol: the scenario layer's Saltelli design;
 * Morris: an explicit `points` list of trajectories), run by the engine's runSweep on the worker
 * pool into a normal, resumable results directory; the indices are then computed from the runs'
 * summaries (the mean over replications at each design point).
 */
export type SensitivityMethod = "morris" | "sobol";

/**
 * Behavioural parameters screened by default, with ranges around their defaults. Policy
 * instruments are left out: they are what the model is used to evaluate, not uncertain behaviour.
 */
export const DEFAULT_FACTORS: readonly { path: string; lo: number; hi: number }[] = [
  { path: "market.replicatorSpeed", lo: 0.5, hi: 2 },
  { path: "market.demandShockSd", lo: 0.05, hi: 0.2 },
  { path: "market.minRelativeShare", lo: 0.01, hi: 0.05 },
  { path: "population.entryRate", lo: 0.01, hi: 0.04 },
  { path: "rnd.rdPropensity", lo: 0.025, hi: 0.1 },
  { path: "rnd.zetaInnovation", lo: 0.15, hi: 0.6 },
  { path: "rnd.zetaImitation", lo: 0.15, hi: 0.6 },
  { path: "credit.creditMultiplier", lo: 1, hi: 4 },
];

/** Summary keys analysed by default. */
export const DEFAULT_OUTPUTS: readonly string[] = [
  "innovations",
  "rdIntensity",
  "smes",
  "productivityGrowth",
];

export interface SensitivityOptions {
  scenario: ResolvedScenario;
  method: SensitivityMethod;
  /** Parameters and ranges; default DEFAULT_FACTORS (or the scenario's own Sobol ranges). */
  factors?: readonly { path: string; lo: number; hi: number }[];
  outputs?: readonly string[];
  /** Sobol base samples N (runs: N·(k+2)·replications). */
  samples?: number;
  /** Morris trajectories r (runs: r·(k+1)·replications). */
  trajectories?: number;
  /** Morris grid levels p (even). */
  levels?: number;
  replications?: number;
  dir: string;
  resume?: boolean;
  workers?: number;
  /** Where the runs go (default: a piscina pool of `workers` threads); any engine Executor. */
  executor?: Executor;
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
  bootstrap?: number;
}

export interface SensitivityResult {
  method: SensitivityMethod;
  factors: RangeAxis[];
  outputs: string[];
  runs: number;
  failed: number;
  sweep: SweepOutcome;
  morris?: Record<string, (MorrisIndex & { path: string })[]>;
  sobol?: Record<string, (SobolIndex & { path: string })[]>;
}

export class SensitivityError extends Error {
  readonly exitCode = 2;
}

/** Checks the factor list against the parameter schema and makes the design's axes. */
export function factorAxes(factors: readonly { path: string; lo: number; hi: number }[]): RangeAxis[] {
  if (factors.length === 0) throw new SensitivityError("no parameters to vary");
  return factors.map(({ path, lo, hi }) => {
    const info = paramAt(path);
    if (!info || info.type === "boolean") {
      throw new SensitivityError(`${path}: not a numeric model parameter (see \`ecosim params\`)`);
    }
    if (!(lo < hi)) throw new SensitivityError(`${path}: range ${lo}:${hi} is empty (need lo < hi)`);
    if ((info.min !== undefined && lo < info.min) || (info.max !== undefined && hi > info.max)) {
      throw new SensitivityError(`${path}: range ${lo}:${hi} leaves the bounds [${info.min}, ${info.max}]`);
    }
    return { path, lo, hi, integer: info.type === "integer" };
  });
}

/** The scaled points of a Morris design (unit cube → ranges, integers rounded). */
export function morrisPoints(design: MorrisDesign, axes: readonly RangeAxis[]): Record<string, number>[] {
  return design.points.map((u) =>
    Object.fromEntries(
      axes.map((a, i) => {
        const x = a.lo + u[i] * (a.hi - a.lo);
        return [a.path, a.integer ? Math.round(x) : x];
      }),
    ),
  );
}

/** The design of a sensitivity analysis as the sweep that runs it. */
export interface SensitivityPlan {
  method: SensitivityMethod;
  /** The scenario with the design, its replications and their hash. */
  scenario: ResolvedScenario;
  plan: JobPlan;
  axes: RangeAxis[];
  outputs: string[];
  /** Whether the runs keep firm records (the smeSurvival output needs them). */
  recordFirms: boolean;
  /** Morris: the trajectories in the unit cube. */
  morris?: MorrisDesign;
}

/** The design of the analysis, before anything runs (checks the factors and the method's limits). */
export function planSensitivity(options: Omit<SensitivityOptions, "dir">): SensitivityPlan {
  const s = options.scenario;
  const outputs = [...(options.outputs ?? DEFAULT_OUTPUTS)];
  // before any run: an output no run has would cost the whole design for nothing
  for (const out of outputs) {
    if (!SUMMARY_KEYS.includes(out)) {
      throw new SensitivityError(
        `output ${JSON.stringify(out)} is not a summary key of a run (known: ${SUMMARY_KEYS.join(", ")})`,
      );
    }
  }
  const useScenarioDesign = options.method === "sobol" && !options.factors && s.design.kind === "sobol";
  const axes =
    useScenarioDesign && s.design.kind === "sobol"
      ? [...s.design.axes]
      : factorAxes(options.factors ?? DEFAULT_FACTORS);
  const k = axes.length;
  const replications = options.replications ?? 1;
  let design: Design;
  let morris: MorrisDesign | undefined;
  if (options.method === "sobol") {
    if (k > SOBOL_MAX_PARAMS) throw new SensitivityError(`Sobol: at most ${SOBOL_MAX_PARAMS} parameters`);
    const samples =
      useScenarioDesign && s.design.kind === "sobol" ? s.design.samples : (options.samples ?? 64);
    design = { kind: "sobol", samples, axes };
  } else {
    morris = morrisDesign(k, options.trajectories ?? 10, options.levels ?? 4, s.seed);
    design = { kind: "points", points: morrisPoints(morris, axes) };
  }
  const scenario: ResolvedScenario = {
    ...s,
    design,
    replications,
    hash: scenarioHash(s.params, design, s.seed),
  };
  return {
    method: options.method,
    scenario,
    plan: planJobs(scenario),
    axes,
    outputs,
    recordFirms: outputs.includes("smeSurvival"),
    morris,
  };
}

/**
 * The identity of an analysis: what decides its runs (the sweep's plan: scenario, design, seeds;
 * and whether the runs keep firm records). The outputs analysed are not part of it.
 */
export function sensitivityIdentity(p: SensitivityPlan): string {
  return hashOf([planHash(p.plan), p.plan.scenarioHash, p.recordFirms]).slice(0, 16);
}

/**
 * Runs the design and computes the indices. Morris elementary effects are per unit of each
 * parameter's range (the design lives in the unit cube), so μ* is comparable across parameters.
 * `planned` (planSensitivity of the same options) saves planning twice.
 */
export async function runSensitivity(
  options: SensitivityOptions,
  planned: SensitivityPlan = planSensitivity(options),
): Promise<SensitivityResult> {
  const s = options.scenario;
  const { scenario, plan, axes, outputs, morris } = planned;
  const k = axes.length;
  const design = scenario.design;
  const sweepDir = options.dir;
  const store = ResultStore.open({
    dir: sweepDir,
    plan,
    resume: options.resume ?? false,
    describe: {
      scenario: { file: s.file, name: s.name, hash: scenario.hash, params: s.params },
      design,
      seeds: describeSeeds(scenario),
      extra: { sensitivity: { method: options.method, outputs } },
    },
  });
  let sweep: SweepOutcome;
  try {
    sweep = await runSweep({
      plan,
      store,
      workers: options.workers,
      executor: options.executor,
      recordFirms: planned.recordFirms,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  } finally {
    store.close();
  }
  const result: SensitivityResult = {
    method: options.method,
    factors: axes,
    outputs,
    runs: plan.count,
    failed: sweep.failures.length,
    sweep,
  };
  if (sweep.interrupted) return result;

  const records = readRecords(join(sweepDir, "runs.jsonl"));
  const points = plan.points;
  for (const out of outputs) {
    if (records.length > 0 && records.every((r) => r.summary && !(out in r.summary))) {
      throw new SensitivityError(`output ${JSON.stringify(out)} is not a summary key of a run`);
    }
  }
  const ys = Object.fromEntries(outputs.map((o) => [o, pointMeans(records, points, o)]));
  if (options.method === "sobol") {
    result.sobol = Object.fromEntries(
      outputs.map((o) => [
        o,
        sobolIndices(ys[o], k, { bootstrap: options.bootstrap ?? 500, seed: s.seed }).map((idx) => ({
          ...idx,
          path: axes[idx.factor].path,
        })),
      ]),
    );
  } else if (morris) {
    const m = morris;
    result.morris = Object.fromEntries(
      outputs.map((o) => [
        o,
        morrisIndices(m, ys[o], { bootstrap: options.bootstrap ?? 500, seed: s.seed }).map((idx) => ({
          ...idx,
          path: axes[idx.factor].path,
        })),
      ]),
    );
  }
  return result;
}

/** The records of runs.jsonl (the last line of each job wins, as on resume). */
export function readRecords(file: string): RunRecord[] {
  const byId = new Map<string, RunRecord>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as RunRecord;
    byId.set(r.id, r);
  }
  return [...byId.values()];
}

/** Mean over replications of one summary key at each design point (NaN where no run succeeded). */
export function pointMeans(records: readonly RunRecord[], points: number, key: string): number[] {
  const sum = new Array<number>(points).fill(0);
  const count = new Array<number>(points).fill(0);
  for (const r of records) {
    const v = r.status === "ok" && r.summary ? r.summary[key] : null;
    if (typeof v === "number" && Number.isFinite(v)) {
      sum[r.pointIndex] += v;
      count[r.pointIndex]++;
    }
  }
  return sum.map((s, i) => (count[i] > 0 ? s / count[i] : Number.NaN));
}
