import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultParams, type ModelParams } from "../../model/params.js";
import { runOnce } from "../inprocess.js";
import { hostInfo, versions } from "../manifest.js";
import { createPool } from "../pool.js";
import { ResultStore } from "../store.js";
import { runSweep } from "../sweep.js";
import type { Executor, JobTask, SweepJob, SweepPlan } from "../types.js";
import { median, PeakRss, timed } from "./stats.js";

/**
 * `ecosim bench`: throughput and scaling of the baseline model and the engine, in one run.
 * Every figure is a median over repetitions (or a ratio of medians); the report is plain data
 * that the CLI prints as a table and writes to bench/results/<date>.json.
 */
export interface BenchOptions {
  /** Skip 10^6 firms and the 1,000-run sweep. */
  quick?: boolean;
  /** Largest worker count for the scaling sweep (default: available parallelism). */
  maxWorkers?: number;
  /** Repetitions of each timing (default 3). */
  repetitions?: number;
  /** Progress messages (the CLI prints them). */
  onStep?: (message: string) => void;
}

export interface SingleRunFigure {
  firms: number;
  ticks: number;
  repetitions: number;
  medianSeconds: number;
  firmTicksPerSecond: number;
  stateBytesPerFirm: number;
}

export interface ScalingFigure {
  workers: number;
  jobs: number;
  medianSeconds: number;
  runsPerSecond: number;
  /** T1 / (n · Tn) */
  efficiency: number;
  speedup: number;
  peakRssBytes: number;
}

export interface BenchReport {
  date: string;
  quick: boolean;
  versions: { ecosim: string; node: string };
  host: ReturnType<typeof hostInfo>;
  singleRun: SingleRunFigure[];
  scaling: { firms: number; ticks: number; jobSeconds: number; figures: ScalingFigure[] };
  overhead: {
    jobs: number;
    workers: number;
    /** per-job time of 1-firm 1-tick jobs straight through the pool (ms) */
    poolMsPerJob: number;
    /** the same through runSweep with the result store (fsync per job) (ms) */
    sweepMsPerJob: number;
  };
  bigSweep: null | {
    runs: number;
    firms: number;
    ticks: number;
    workers: number;
    seconds: number;
    runsPerSecond: number;
    peakRssBytes: number;
  };
}

const SIZES = [
  { firms: 1_000, ticks: 100, repetitions: 5 },
  { firms: 10_000, ticks: 100, repetitions: 3 },
  { firms: 100_000, ticks: 40, repetitions: 3 },
  // the scale target: 10^6 firms for 40 quarters (a few seconds per run at full speed)
  { firms: 1_000_000, ticks: 40, repetitions: 3 },
];

/** Jobs each worker runs before the scaling sweep is timed (see runBench). */
const WARM_JOBS_PER_WORKER = 6;

function baseline(firms: number, ticks: number): ModelParams {
  return { ...defaultParams(), firms, ticks };
}

/** A plan of `count` identical jobs of the baseline (seeds 1 … count). */
export function uniformPlan(params: ModelParams, count: number, label: string): SweepPlan {
  return {
    scenarioHash: `bench:${label}:${params.firms}x${params.ticks}x${count}`,
    count,
    points: 1,
    replications: count,
    jobAt(i: number): SweepJob {
      return {
        id: `r${String(i).padStart(6, "0")}`,
        index: i,
        pointIndex: 0,
        replication: i,
        seed: i + 1,
        point: {},
      };
    },
    paramsFor: () => params,
  };
}

/** One sweep into a temporary directory, on a warm `pool` or on a new pool of `pool` workers. */
async function sweepOnce(
  plan: SweepPlan,
  pool: Executor | number,
): Promise<{ seconds: number; peakRss: number }> {
  const dir = mkdtempSync(join(tmpdir(), "ecosim-bench-"));
  const rss = new PeakRss();
  try {
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: "bench", design: {}, seeds: {} },
    });
    const on = typeof pool === "number" ? { workers: pool } : { executor: pool };
    const { seconds, value } = await timed(() => runSweep({ plan, store, ...on, recordFirms: true }));
    if (value.failures.length > 0) throw new Error(`bench sweep failed: ${value.failures[0].error}`);
    return { seconds, peakRss: rss.stop() };
  } finally {
    rss.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const step = options.onStep ?? (() => {});
  const reps = Math.max(1, options.repetitions ?? 3);
  const maxWorkers = Math.max(1, options.maxWorkers ?? availableParallelism());
  const quick = options.quick ?? false;

  // 1. Single-run throughput of the baseline, in-process, after a warm-up run.
  runOnce(baseline(500, 8), 1);
  const singleRun: SingleRunFigure[] = [];
  for (const size of SIZES) {
    if (quick && size.firms >= 1_000_000) continue;
    const repetitions = Math.max(size.repetitions, reps);
    step(`single run: ${size.firms} firms × ${size.ticks} ticks, ${repetitions} repetitions`);
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < repetitions; r++) {
      const { seconds, value } = await timed(() => runOnce(baseline(size.firms, size.ticks), 1 + r));
      times.push(seconds);
      bytes = value.stateBytesPerFirm;
    }
    const t = median(times);
    singleRun.push({
      firms: size.firms,
      ticks: size.ticks,
      repetitions,
      medianSeconds: t,
      firmTicksPerSecond: (size.firms * size.ticks) / t,
      stateBytesPerFirm: bytes,
    });
  }

  // 2. Sweep throughput and parallel efficiency on a fixed sweep of ~100 ms jobs.
  // Size the jobs to take about 100 ms: a first guess from the smallest single-run figure,
  // then one correction from the median time of the guess.
  const jobTicks = 20;
  const guess = Math.max(20, Math.round((0.1 * singleRun[0].firmTicksPerSecond) / jobTicks));
  const guessTimes: number[] = [];
  for (let r = 0; r < reps; r++)
    guessTimes.push((await timed(() => runOnce(baseline(guess, jobTicks), r + 1))).seconds);
  const jobFirms = Math.max(20, Math.round((guess * 0.1) / median(guessTimes)));
  const jobTimes: number[] = [];
  for (let r = 0; r < reps; r++)
    jobTimes.push((await timed(() => runOnce(baseline(jobFirms, jobTicks), r + 1))).seconds);
  const jobSeconds = median(jobTimes);
  const jobs = Math.max(16, 8 * maxWorkers);
  const figures: ScalingFigure[] = [];
  let t1 = Number.NaN;
  for (let n = 1; n <= maxWorkers; n++) {
    step(
      `sweep scaling: ${jobs} jobs of ${jobFirms} firms × ${jobTicks} ticks on ${n} workers, ${reps} repetitions`,
    );
    const times: number[] = [];
    let peak = 0;
    // Pool start-up is left out: threads loading the model, and each worker's JIT warm-up. A fresh
    // worker's first three or four jobs run 1.5-6x slower while V8 tiers the model's functions up
    // (measured with --trace-deopt: 610, 379, 170, then 80-120 ms for one ~100 ms job), a fixed
    // cost per worker that a sweep of thousands of jobs pays once but that would dominate this
    // short sweep: so the pool is warmed with WARM_JOBS_PER_WORKER jobs per worker first.
    const pool = createPool({ workers: n });
    try {
      await sweepOnce(uniformPlan(baseline(jobFirms, jobTicks), WARM_JOBS_PER_WORKER * n, `warm-${n}`), pool);
      for (let r = 0; r < reps; r++) {
        const plan = uniformPlan(baseline(jobFirms, jobTicks), jobs, `scaling-${n}-${r}`);
        const { seconds, peakRss } = await sweepOnce(plan, pool);
        times.push(seconds);
        peak = Math.max(peak, peakRss);
      }
    } finally {
      await pool.close();
    }
    const t = median(times);
    if (n === 1) t1 = t;
    figures.push({
      workers: n,
      jobs,
      medianSeconds: t,
      runsPerSecond: jobs / t,
      efficiency: t1 / (n * t),
      speedup: t1 / t,
      peakRssBytes: peak,
    });
  }

  // 3. Per-job overhead: 1-firm 1-tick jobs, straight through the pool and through runSweep.
  const tinyJobs = 2000;
  step(`per-job overhead: ${tinyJobs} jobs of 1 firm × 1 tick on ${maxWorkers} workers, ${reps} repetitions`);
  const tiny = baseline(1, 1);
  const pool = createPool({ workers: maxWorkers });
  const poolTimes: number[] = [];
  const sweepTimes: number[] = [];
  try {
    const signal = new AbortController().signal;
    const task = (i: number): JobTask => ({
      jobId: `t${i}`,
      attempt: 1,
      params: tiny,
      seed: i + 1,
      recordFirms: false,
      checkBooks: false,
    });
    await Promise.all(Array.from({ length: maxWorkers * 2 }, (_, i) => pool.run(task(i), signal)));
    for (let r = 0; r < reps; r++) {
      const { seconds } = await timed(async () => {
        let next = 0;
        const lane = async () => {
          while (next < tinyJobs) await pool.run(task(next++), signal);
        };
        await Promise.all(Array.from({ length: maxWorkers * 2 }, lane));
      });
      poolTimes.push(seconds);
    }
    for (let r = 0; r < reps; r++) {
      sweepTimes.push((await sweepOnce(uniformPlan(tiny, tinyJobs, `tiny-${r}`), pool)).seconds);
    }
  } finally {
    await pool.close();
  }

  // 4. The 1,000 runs × 2,000 firms × 40 ticks sweep on 2 workers.
  let bigSweep: BenchReport["bigSweep"] = null;
  if (!quick) {
    const runs = 1000;
    step(`big sweep: ${runs} runs × 2000 firms × 40 ticks on 2 workers`);
    const { seconds, peakRss } = await sweepOnce(uniformPlan(baseline(2000, 40), runs, "big"), 2);
    bigSweep = {
      runs,
      firms: 2000,
      ticks: 40,
      workers: 2,
      seconds,
      runsPerSecond: runs / seconds,
      peakRssBytes: peakRss,
    };
  }

  return {
    date: new Date().toISOString(),
    quick,
    versions: versions(),
    host: hostInfo(),
    singleRun,
    scaling: { firms: jobFirms, ticks: jobTicks, jobSeconds, figures },
    overhead: {
      jobs: tinyJobs,
      workers: maxWorkers,
      poolMsPerJob: (median(poolTimes) * 1000) / tinyJobs,
      sweepMsPerJob: (median(sweepTimes) * 1000) / tinyJobs,
    },
    bigSweep,
  };
}
