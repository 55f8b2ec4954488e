import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../engine/manifest.js";
import { createPool } from "../../engine/pool.js";
import { ResultStore } from "../../engine/store.js";
import { runSweep, type SweepProgress } from "../../engine/sweep.js";
import type { Executor, JobTask } from "../../engine/types.js";
import type { ModelParams } from "../../model/params.js";
import {
  type Design,
  describeSeeds,
  planJobs,
  type ResolvedScenario,
  scenarioHash,
} from "../../scenario/index.js";
import { deriveSeed } from "../../scenario/seeds.js";
import {
  abcSmc,
  contributions,
  distanceOf,
  type GenerationLog,
  type Particle,
  type Population,
  type PriorRange,
  rngFor,
  systematicResample,
  weightedMoments,
  weightedQuantile,
} from "./abc.js";
import { MOMENT_IDS, momentIndex, unpackMoments } from "./moments.js";
import type { TargetsFile } from "./targets.js";
import { executeMomentsJob, type MomentsTask } from "./worker.js";

/**
 * `ecosim calibrate`: ABC-SMC (abc.ts) where every generation's proposals are one ordinary
 * sweep — a `points` design over the estimated parameters, each point on the same R common seeds
 * crnSeed(seed, r) — run by the engine's runSweep into its own resumable results directory
 * (gen-000/, gen-001/, …; the moments of each run are appended to the generation's moments.jsonl
 * as it finishes). The algorithm is a deterministic function of the seed and the runs, so
 * resuming simply replays it: finished generations are read back from disk, the interrupted one
 * continues where it stopped. Then a posterior predictive check (ppc/: posterior draws on fresh,
 * independent seeds) and the summaries behind the report.
 */
export interface CalibrationOptions {
  targets: TargetsFile;
  /** Parameters of the base scenario (its instruments as set there). */
  params: ModelParams;
  scenarioName: string;
  dir: string;
  /** Worker threads; 0 runs in the calling thread. */
  workers: number;
  workerFile?: URL;
  /** Use this executor instead (it must return packMoments buffers, as worker.ts does). */
  executor?: Executor;
  signal?: AbortSignal;
  onProgress?: (p: CalibrationProgress) => void;
}

export interface CalibrationProgress {
  stage: "generation" | "predictive";
  generation: number;
  generations: number;
  epsilon: number;
  sweep: SweepProgress;
}

export interface MarginalSummary {
  path: string;
  prior: [number, number];
  default: number | null;
  mean: number;
  sd: number;
  q05: number;
  q50: number;
  q95: number;
  priorSd: number;
  /** posterior s.d. / prior s.d.: near 1, the targets do not pin the parameter. */
  sdRatio: number;
  verdict: "pinned" | "weakly pinned" | "not pinned";
}

export interface MomentFit {
  id: string;
  name: string;
  unit: string;
  heldOut: boolean;
  target: number;
  se: number;
  /** σ of the distance: √(s.e.² + simulation noise²/R). */
  scale: number;
  /** Posterior mean of the simulated moment (calibration seeds) and its 90% posterior interval. */
  simulated: number | null;
  simulatedCi: [number | null, number | null];
  /** Posterior predictive (fresh seeds): mean and 90% interval of the R-seed mean. */
  predictive: number | null;
  predictiveCi: [number | null, number | null];
  /** (target − predictive mean) / √(predictive variance + s.e.²). */
  predictiveZ: number | null;
  /** |predictiveZ| ≤ 1.645: the target lies in the 90% predictive region. */
  predictivePass: boolean | null;
  /** Posterior mean of the moment's z² in the distance (null for held-out moments). */
  contribution: number | null;
  source: string;
}

export interface CalibrationResult {
  interrupted: boolean;
  converged: boolean;
  log: GenerationLog[];
  priors: PriorRange[];
  population: Population | null;
  marginals: MarginalSummary[];
  correlations: { a: string; b: string; r: number }[];
  fit: MomentFit[];
  /** Simulation noise s.d. per moment (one run), from generation 0. */
  noise: Record<string, number>;
  runs: number;
  elapsedMs: number;
  warnings: string[];
}

const MOMENTS_FILE = "moments.jsonl";

/** Where runs go: the pool with the moments worker, or this thread. */
function createMomentsExecutor(workers: number, workerFile?: URL): Executor {
  if (workers > 0)
    return createPool({ workers, workerFile: workerFile ?? new URL("./worker.js", import.meta.url) });
  return {
    concurrency: 1,
    async run(task, signal) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) throw signal.reason;
      return executeMomentsJob(task as MomentsTask);
    },
    async close() {},
  };
}

function readMoments(file: string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  if (!existsSync(file)) return map;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { id: string; m: (number | null)[] };
      map.set(
        r.id,
        r.m.map((x) => (x === null ? Number.NaN : x)),
      );
    } catch {
      // a torn last line: the run is not recorded in runs.jsonl either and runs again
    }
  }
  return map;
}

function nanMean(xs: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (const x of xs)
    if (Number.isFinite(x)) {
      s += x;
      n++;
    }
  return n > 0 ? s / n : Number.NaN;
}

function nanVar(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  if (f.length < 2) return Number.NaN;
  const m = f.reduce((a, b) => a + b, 0) / f.length;
  return f.reduce((a, b) => a + (b - m) ** 2, 0) / (f.length - 1);
}

function median(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (f.length === 0) return Number.NaN;
  const h = Math.floor(f.length / 2);
  return f.length % 2 ? f[h] : (f[h - 1] + f[h]) / 2;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The hash of what a calibration directory holds: targets and base parameters. */
export function calibrationHash(targets: TargetsFile, params: ModelParams): string {
  const { file: _f, ...rest } = targets;
  return scenarioHash(params, { kind: "points", points: [] }, deriveSeed(JSON.stringify(rest)));
}

export async function runCalibration(options: CalibrationOptions): Promise<CalibrationResult> {
  const started = performance.now();
  const { targets, dir } = options;
  const eco = targets.economy;
  const abc = targets.abc;
  const base = structuredClone(options.params);
  base.firms = eco.firms;
  base.ticks = eco.ticks;
  const priors: PriorRange[] = targets.parameters.map((p) => ({ path: p.path, lo: p.lo, hi: p.hi }));
  const fitted = targets.moments.filter((m) => !m.heldOut);
  const fittedIdx = fitted.map((m) => momentIndex(m.id)!);
  const warnings: string[] = [];
  const executor = options.executor ?? createMomentsExecutor(options.workers, options.workerFile);
  let interrupted = false;
  let runs = 0;
  let currentGen = 0;
  let currentEps = Number.POSITIVE_INFINITY;
  /** Per-moment simulation noise (s.d. of one run), fixed from generation 0. */
  let noiseSd: number[] | null = null;
  let scales: number[] = [];

  /** Runs points × R as one sweep in `sub`; returns per point the moments of every replication. */
  const runBatch = async (
    sub: string,
    thetas: number[][],
    seed: number,
    crn: boolean,
    stage: CalibrationProgress["stage"],
  ): Promise<number[][][] | null> => {
    const points = thetas.map((t) => Object.fromEntries(priors.map((p, a) => [p.path, t[a]])));
    const design: Design = { kind: "points", points };
    const scenario: ResolvedScenario = {
      file: targets.file,
      name: `${targets.name}-${sub}`,
      chain: [targets.file],
      seed,
      replications: eco.replications,
      design,
      commonRandomNumbers: crn,
      params: base,
      input: {},
      hash: scenarioHash(base, design, seed),
    };
    const plan = planJobs(scenario);
    const gdir = join(dir, sub);
    const store = ResultStore.open({
      dir: gdir,
      plan,
      resume: existsSync(join(gdir, "manifest.json")),
      describe: {
        scenario: { file: targets.file, name: scenario.name, hash: scenario.hash, params: base },
        design,
        seeds: describeSeeds(scenario),
        extra: { calibration: { stage, targets: targets.name, burnIn: eco.burnIn } },
      },
    });
    const momentsPath = join(gdir, MOMENTS_FILE);
    const fd = openSync(momentsPath, "a");
    const wrapped: Executor = {
      concurrency: executor.concurrency,
      async run(task: JobTask, signal: AbortSignal) {
        const buffer = await executor.run({ ...task, burnIn: eco.burnIn } as MomentsTask, signal);
        const { moments, rest } = unpackMoments(buffer);
        const m = Array.from(moments, (x) => (Number.isFinite(x) ? x : null));
        writeSync(fd, `${JSON.stringify({ id: task.jobId, m })}\n`);
        fdatasyncSync(fd);
        return rest;
      },
      async close() {},
    };
    try {
      const outcome = await runSweep({
        plan,
        store,
        executor: wrapped,
        recordFirms: true,
        signal: options.signal,
        onProgress: (sweep) =>
          options.onProgress?.({
            stage,
            generation: currentGen,
            generations: abc.generations,
            epsilon: currentEps,
            sweep,
          }),
      });
      if (outcome.interrupted) return null;
      for (const f of outcome.failures) warnings.push(`${sub}/${f.id} failed: ${f.error}`);
    } finally {
      store.close();
      closeSync(fd);
    }
    runs += plan.count;
    const map = readMoments(momentsPath);
    const nan = MOMENT_IDS.map(() => Number.NaN);
    const out: number[][][] = thetas.map(() => []);
    for (let i = 0; i < plan.count; i++) {
      const job = plan.jobAt(i);
      out[job.pointIndex][job.replication] = map.get(job.id) ?? nan;
    }
    return out;
  };

  const meanMoments = (reps: number[][]) => MOMENT_IDS.map((_, k) => nanMean(reps.map((r) => r[k])));
  const spec = () => ({ targets: fitted.map((m) => m.value), scales });
  /** Every moment's mean over replications, kept per particle for the fit table. */
  const allMoments = new Map<Particle, number[]>();

  const simulate = async (g: number, thetas: number[][], eps: number): Promise<Particle[]> => {
    currentGen = g;
    currentEps = eps;
    const batch = await runBatch(`gen-${String(g).padStart(3, "0")}`, thetas, abc.seed, true, "generation");
    if (!batch) {
      interrupted = true;
      throw new Interrupted();
    }
    if (!noiseSd) {
      noiseSd = MOMENT_IDS.map((_, k) =>
        Math.sqrt(median(batch.map((reps) => nanVar(reps.map((r) => r[k]))))),
      );
      if (eco.replications < 2)
        warnings.push(
          "economy.replications is 1: the simulation noise cannot be estimated and is left out of the distance's scales (the posterior is then too narrow)",
        );
      scales = fitted.map((m, j) => {
        const s = noiseSd![fittedIdx[j]];
        const noiseVar = Number.isFinite(s) ? (s * s) / eco.replications : 0;
        return Math.sqrt(m.se * m.se + noiseVar);
      });
    }
    return thetas.map((theta, i) => {
      const all = meanMoments(batch[i]);
      const moments = fittedIdx.map((k) => all[k]);
      const p: Particle = { theta, moments, distance: distanceOf(moments, spec()) };
      allMoments.set(p, all);
      return p;
    });
  };

  let population: Population | null = null;
  let log: GenerationLog[] = [];
  let converged = false;
  try {
    const result = await abcSmc({
      priors,
      particles: abc.particles,
      generations: abc.generations,
      alpha: abc.alpha,
      finalMoves: abc.finalMoves,
      seed: abc.seed,
      simulate,
    });
    population = result.population;
    log = result.log;
    converged = result.converged;
    writeJsonAtomic(join(dir, "generations.json"), log);
  } catch (e) {
    if (!(e instanceof Interrupted)) {
      if (!options.executor) await executor.close();
      throw e;
    }
  }
  if (interrupted || !population) {
    if (!options.executor) await executor.close();
    return {
      interrupted: true,
      converged: false,
      log,
      priors,
      population: null,
      marginals: [],
      correlations: [],
      fit: [],
      noise: {},
      runs,
      elapsedMs: performance.now() - started,
      warnings,
    };
  }
  if (!converged) {
    warnings.push(
      population.epsilon <= 1
        ? `the tolerance reached the noise level but fewer than ${abc.finalMoves} generations of moves ran there: the particles may not have mixed; add generations`
        : `the tolerance did not reach the noise level within ${abc.generations} generations (ε = ${population.epsilon.toPrecision(3)} > 1): the posterior is tempered, wider than the targets warrant; add generations`,
    );
  }

  // posterior predictive check: posterior draws (by weight) on fresh, independent seeds
  const draws = Math.min(abc.predictiveDraws, abc.particles);
  const idx = systematicResample(population.weights, draws, rngFor(abc.seed, "ppc")());
  currentGen = log.length;
  const ppc = await runBatch(
    "ppc",
    idx.map((i) => population!.particles[i].theta),
    deriveSeed("calibrate-ppc", abc.seed),
    false,
    "predictive",
  );
  if (!options.executor) await executor.close();
  if (!ppc) {
    return {
      interrupted: true,
      converged,
      log,
      priors,
      population,
      marginals: [],
      correlations: [],
      fit: [],
      noise: {},
      runs,
      elapsedMs: performance.now() - started,
      warnings,
    };
  }
  const pop = population;
  const w = pop.weights;
  const thetas = pop.particles.map((p) => p.theta);
  const { mean, cov } = weightedMoments(thetas, w);
  const marginals: MarginalSummary[] = targets.parameters.map((p, a) => {
    const values = thetas.map((t) => t[a]);
    const sd = Math.sqrt(cov[a][a]);
    const priorSd = (p.hi - p.lo) / Math.sqrt(12);
    const sdRatio = sd / priorSd;
    return {
      path: p.path,
      prior: [p.lo, p.hi],
      default: p.default ?? null,
      mean: mean[a],
      sd,
      q05: weightedQuantile(values, w, 0.05),
      q50: weightedQuantile(values, w, 0.5),
      q95: weightedQuantile(values, w, 0.95),
      priorSd,
      sdRatio,
      verdict: sdRatio >= 0.8 ? "not pinned" : sdRatio >= 0.5 ? "weakly pinned" : "pinned",
    };
  });
  const correlations: { a: string; b: string; r: number }[] = [];
  for (let a = 0; a < priors.length; a++)
    for (let b = a + 1; b < priors.length; b++) {
      const r = cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]);
      correlations.push({ a: priors[a].path, b: priors[b].path, r: Number.isFinite(r) ? r : 0 });
    }

  const ppcMeans = ppc.map((reps) => meanMoments(reps));
  const ones = ppcMeans.map(() => 1 / ppcMeans.length);
  const sp = spec();
  const contrib = pop.particles.map((p) => contributions(p.moments, sp));
  const fit: MomentFit[] = targets.moments.map((m) => {
    const k = momentIndex(m.id)!;
    const sims = pop.particles.map((p) => allMoments.get(p)?.[k] ?? Number.NaN);
    const ok = sims.map(Number.isFinite);
    const wSum = w.reduce((s, x, i) => s + (ok[i] ? x : 0), 0);
    const wOk = w.map((x, i) => (ok[i] && wSum > 0 ? x / wSum : 0));
    const simMean = wSum > 0 ? sims.reduce((s, x, i) => s + (ok[i] ? wOk[i] * x : 0), 0) : Number.NaN;
    const preds = ppcMeans.map((r) => r[k]);
    const predOk = preds.filter(Number.isFinite);
    const predMean = nanMean(preds);
    const predVar = nanVar(preds);
    const z = predOk.length >= 2 ? (m.value - predMean) / Math.sqrt(predVar + m.se * m.se) : Number.NaN;
    const j = fitted.indexOf(m);
    return {
      id: m.id,
      name: m.name,
      unit: m.unit,
      heldOut: m.heldOut,
      target: m.value,
      se: m.se,
      scale: j >= 0 ? scales[j] : Math.sqrt(m.se ** 2 + (noiseSd![k] ** 2 || 0) / eco.replications),
      simulated: fin(simMean),
      simulatedCi:
        wSum > 0
          ? [fin(weightedQuantile(sims, wOk, 0.05)), fin(weightedQuantile(sims, wOk, 0.95))]
          : [null, null],
      predictive: fin(predMean),
      predictiveCi:
        predOk.length > 0
          ? [
              fin(
                weightedQuantile(
                  preds.map((x) => (Number.isFinite(x) ? x : Infinity)),
                  ones,
                  0.05,
                ),
              ),
              fin(
                weightedQuantile(
                  preds.map((x) => (Number.isFinite(x) ? x : Infinity)),
                  ones,
                  0.95,
                ),
              ),
            ]
          : [null, null],
      predictiveZ: fin(z),
      predictivePass: Number.isFinite(z) ? Math.abs(z) <= 1.645 : null,
      contribution: j >= 0 ? fin(contrib.reduce((s, c, i) => s + w[i] * c[j], 0)) : null,
      source: m.source,
    };
  });
  for (const m of marginals)
    if (m.verdict === "not pinned")
      warnings.push(
        `${m.path}: posterior s.d. is ${(100 * m.sdRatio).toFixed(0)}% of the prior's: the targets do not pin it down`,
      );
  for (const c of correlations)
    if (Math.abs(c.r) >= 0.8)
      warnings.push(
        `${c.a} and ${c.b}: posterior correlation ${c.r.toFixed(2)}: the targets pin a combination only`,
      );
  return {
    interrupted: false,
    converged,
    log,
    priors,
    population: pop,
    marginals,
    correlations,
    fit,
    noise: Object.fromEntries(
      MOMENT_IDS.map((id, k) => [id, noiseSd![k]]).filter(([, v]) => Number.isFinite(v)),
    ),
    runs,
    elapsedMs: performance.now() - started,
    warnings,
  };
}

class Interrupted extends Error {}
