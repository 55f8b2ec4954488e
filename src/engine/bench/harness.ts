import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultParams, type ModelParams } from "../../model/params.js";
import type { JobSpec } from "../../scenario/jobs.js";
import { runOnce } from "../inprocess.js";
import { hostInfo, versions } from "../manifest.js";
import { createPool } from "../pool.js";
import { ResultStore } from "../store.js";
import { runSweep } from "../sweep.js";
import type { Executor, JobTask, SweepPlan } from "../types.js";
import type { ProcessRun } from "./cold.js";
import { hostProbe, median, PeakRss, timed } from "./stats.js";

/**
 * `ecosim bench`: throughput and scaling of the baseline model and the engine, in one run.
 * Every figure is a median over repetitions (or a ratio of medians); the report is plain data
 * that the CLI prints as a table and writes as JSON (results/bench/<date>.json by default).
 */
export interface BenchOptions {
  /** Skip 10^6 firms and the 1,000-run sweep. */
  quick?: boolean;
  /** Largest worker count for the scaling sweep (default: available parallelism). */
  maxWorkers?: number;
  /**
   * Repetitions of every timing, every row alike. Unset: each single-run size's own count (5 at
   * 10^3 and 10^4 firms, 3 above), 3 for the other timings.
   */
  repetitions?: number;
  /** Count instructions per firm-tick with valgrind when it is installed (default: unless quick). */
  instructions?: boolean;
  /** Progress messages (the CLI prints them). */
  onStep?: (message: string) => void;
}

export interface SingleRunFigure {
  firms: number;
  ticks: number;
  repetitions: number;
  medianSeconds: number;
  /** Live firm-ticks per wall-clock second (median over repetitions). */
  firmTicksPerSecond: number;
  /**
   * Live firm-ticks per CPU second of the process (all its threads: the model's and V8's helper
   * threads): the cost of the work itself, less sensitive than wall time to other processes.
   */
  firmTicksPerCpuSecond: number;
  stateBytesPerFirm: number;
  /** Peak resident set of the process once this size has run (bytes). */
  peakRssBytes: number;
  /** Median of `hostProbe` (ns per step) taken just before each repetition: the host's speed. */
  hostProbeNs: number;
  /** Each repetition's wall rate and the probe taken just before it (in run order). */
  perRepetition: { firmTicksPerSecond: number; hostProbeNs: number }[];
  /**
   * The same run as the first of a fresh process (what a one-off `ecosim run` or a test pays:
   * V8 compiles the phases while they run), median over `processes` processes, and the second run
   * of those processes; the warm figures above come after a full warm-up run.
   */
  cold: {
    processes: number;
    firmTicksPerSecond: number;
    firmTicksPerCpuSecond: number;
    secondRunFirmTicksPerSecond: number;
  };
}

export interface ScalingFigure {
  workers: number;
  jobs: number;
  medianSeconds: number;
  runsPerSecond: number;
  repetitions: number;
  /** Median over repetitions of the paired T1,r / (n · Tn,r). */
  efficiency: number;
  /** Lowest and highest paired efficiency of the repetitions. */
  efficiencyRange: [number, number];
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
  /**
   * Instructions per firm-tick after the first run (valgrind cachegrind, load-independent): the
   * instructions of a process running the baseline four times less those of one running it once,
   * over the last three runs' live firm-ticks. Under valgrind V8 compiles slowly, so these runs
   * are not all fully optimised: an upper bound on the warm figure. Null where valgrind is not installed, or with --quick.
   */
  instructions: null | { firms: number; ticks: number; perFirmTick: number };
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
  { firms: 10_000, ticks: 100, repetitions: 5 },
  { firms: 100_000, ticks: 40, repetitions: 3 },
  // the scale target: 10^6 firms for 40 quarters (a few seconds per run at full speed)
  { firms: 1_000_000, ticks: 40, repetitions: 3 },
];

/** Jobs each worker runs before the scaling sweep is timed (see runBench). */
const WARM_JOBS_PER_WORKER = 6;

/** Work done by a run: Σ over ticks of the firms alive (the per-tick `firms` metric). */
export function liveFirmTicks(firmsPerTick: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < firmsPerTick.length; t++) sum += firmsPerTick[t];
  return sum;
}

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
    jobAt(i: number): JobSpec {
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

/** Path of the benchmark process's script (dist/engine/bench/cold.js beside this module). */
const COLD_SCRIPT = new URL("./cold.js", import.meta.url);

/** `runs` baseline runs in a fresh node process (optionally under `wrapper`); its stderr too. */
function processRuns(firms: number, ticks: number, runs: number, wrapper: string[] = []) {
  const args = [process.execPath, COLD_SCRIPT.pathname, String(firms), String(ticks), String(runs)];
  const [command, ...rest] = [...wrapper, ...args];
  const child = spawnSync(command, rest, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) {
    throw new Error(
      `bench process failed (${command} … ${firms} ${ticks} ${runs}): ${child.stderr.slice(-500)}`,
    );
  }
  return {
    runs: JSON.parse(child.stdout.trim().split("\n").pop() ?? "[]") as ProcessRun[],
    stderr: child.stderr,
  };
}

/** The first and second runs of `processes` fresh processes: the cold rates. */
function coldFigure(firms: number, ticks: number, processes: number): SingleRunFigure["cold"] {
  const first: ProcessRun[] = [];
  const second: ProcessRun[] = [];
  for (let k = 0; k < processes; k++) {
    const { runs } = processRuns(firms, ticks, 2);
    first.push(runs[0]);
    second.push(runs[1]);
  }
  return {
    processes,
    firmTicksPerSecond: median(first.map((r) => r.firmTicks / r.seconds)),
    firmTicksPerCpuSecond: median(first.map((r) => r.firmTicks / r.cpuSeconds)),
    secondRunFirmTicksPerSecond: median(second.map((r) => r.firmTicks / r.seconds)),
  };
}

function valgrindAvailable(): boolean {
  return spawnSync("valgrind", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Instructions a process executes (cachegrind's "I refs") and its runs. */
function instructionsOf(firms: number, ticks: number, runs: number): { count: number; runs: ProcessRun[] } {
  const wrapper = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"];
  const { runs: done, stderr } = processRuns(firms, ticks, runs, wrapper);
  const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (!m) throw new Error(`valgrind printed no instruction count: ${stderr.slice(-300)}`);
  return { count: Number(m[1].replaceAll(",", "")), runs: done };
}

/** Runs after the first in the instruction count: under valgrind V8 tiers up over several runs. */
const COUNTED_RUNS = 3;

export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const step = options.onStep ?? (() => {});
  const reps = Math.max(1, options.repetitions ?? 3);
  const maxWorkers = Math.max(1, options.maxWorkers ?? availableParallelism());
  const quick = options.quick ?? false;

  // 1. Single-run throughput of the baseline, in-process. The warm-up is a full 10^4 × 100 run, so
  // that every code path of the model (entry waves, VC rounds, exits …) is compiled by the
  // optimising tier before anything is timed; a short warm-up left the first timed runs 1.5-2x slow.
  // Work is counted as live firm-ticks (Σ over ticks of the firms alive), not firms × ticks: the
  // population drifts a few per cent away from its initial size, differently at each scale.
  runOnce(baseline(10_000, 100), 1);
  hostProbe(); // compiled before it is timed
  const singleRun: SingleRunFigure[] = [];
  for (const size of SIZES) {
    if (quick && size.firms >= 1_000_000) continue;
    const repetitions = options.repetitions === undefined ? size.repetitions : reps;
    step(`single run: ${size.firms} firms × ${size.ticks} ticks, ${repetitions} repetitions`);
    const times: number[] = [];
    const rates: number[] = [];
    const cpuRates: number[] = [];
    const probes: number[] = [];
    let bytes = 0;
    for (let r = 0; r < repetitions; r++) {
      probes.push(hostProbe());
      const cpu0 = process.cpuUsage();
      const { seconds, value } = await timed(() => runOnce(baseline(size.firms, size.ticks), 1 + r));
      const cpu = process.cpuUsage(cpu0);
      const work = liveFirmTicks(value.series.firms);
      times.push(seconds);
      rates.push(work / seconds);
      cpuRates.push(work / ((cpu.user + cpu.system) / 1e6));
      bytes = value.stateBytesPerFirm;
    }
    singleRun.push({
      firms: size.firms,
      ticks: size.ticks,
      repetitions,
      medianSeconds: median(times),
      firmTicksPerSecond: median(rates),
      firmTicksPerCpuSecond: median(cpuRates),
      stateBytesPerFirm: bytes,
      // the process's high-water mark: the sizes run in ascending order, so this is the peak of
      // the largest runs so far (the limit: 10^6 firms x 40 ticks under 2 GiB)
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      hostProbeNs: median(probes),
      perRepetition: rates.map((rate, r) => ({ firmTicksPerSecond: rate, hostProbeNs: probes[r] })),
      cold: coldFigure(size.firms, size.ticks, size.firms >= 1_000_000 ? 1 : Math.min(3, repetitions)),
    });
  }

  // 1b. Instructions per warm firm-tick, where valgrind is installed (net of start-up and warm-up).
  let instructions: BenchReport["instructions"] = null;
  if ((options.instructions ?? !quick) && valgrindAvailable()) {
    const firms = 10_000;
    const ticks = 40;
    step(
      `instructions: valgrind cachegrind, ${firms} firms × ${ticks} ticks, processes of 1 and ${1 + COUNTED_RUNS} runs`,
    );
    const one = instructionsOf(firms, ticks, 1);
    const more = instructionsOf(firms, ticks, 1 + COUNTED_RUNS);
    const work = more.runs.slice(1).reduce((a, r) => a + r.firmTicks, 0);
    instructions = { firms, ticks, perFirmTick: (more.count - one.count) / work };
  }

  // 2. Sweep throughput and parallel efficiency on a fixed sweep of ~120 ms jobs.
  // Size the jobs to take about 120 ms (the target is for jobs of 100 ms or more, with a margin):
  // a first guess from the smallest single-run figure, then one correction from the median time
  // of the guess.
  const jobTicks = 20;
  const guess = Math.max(20, Math.round((0.12 * singleRun[0].firmTicksPerSecond) / jobTicks));
  const guessTimes: number[] = [];
  for (let r = 0; r < reps; r++)
    guessTimes.push((await timed(() => runOnce(baseline(guess, jobTicks), r + 1))).seconds);
  const jobFirms = Math.max(20, Math.round((guess * 0.12) / median(guessTimes)));
  const jobTimes: number[] = [];
  for (let r = 0; r < reps; r++)
    jobTimes.push((await timed(() => runOnce(baseline(jobFirms, jobTicks), r + 1))).seconds);
  const jobSeconds = median(jobTimes);
  const jobs = Math.max(32, 16 * maxWorkers);
  const scalingReps = options.repetitions === undefined ? 5 : reps;
  // Every pool size is started and warmed first, then the repetitions are interleaved (1, 2, …, n
  // workers; again …): a host whose speed drifts (another process, thermal or frequency changes)
  // then weighs on every pool size alike, and each repetition gives a paired efficiency
  // T1,r / (n · Tn,r) whose median is reported. Pool start-up is left out: threads loading the
  // model, and each worker's JIT warm-up. A fresh worker's first three or four jobs run 1.5-6x
  // slower while V8 tiers the model's functions up (measured with --trace-deopt: 610, 379, 170,
  // then 80-120 ms for one ~100 ms job), a fixed cost per worker that a sweep of thousands of jobs
  // pays once but that would dominate this short sweep: so each pool is warmed with
  // WARM_JOBS_PER_WORKER jobs per worker first.
  step(
    `sweep scaling: ${jobs} jobs of ${jobFirms} firms × ${jobTicks} ticks on 1..${maxWorkers} workers, ` +
      `${scalingReps} interleaved repetitions`,
  );
  const counts = Array.from({ length: maxWorkers }, (_, k) => k + 1);
  const pools = counts.map((n) => createPool({ workers: n }));
  const times = counts.map((): number[] => []);
  const peaks = counts.map(() => 0);
  try {
    for (const [k, pool] of pools.entries()) {
      const n = counts[k];
      await sweepOnce(uniformPlan(baseline(jobFirms, jobTicks), WARM_JOBS_PER_WORKER * n, `warm-${n}`), pool);
    }
    for (let r = 0; r < scalingReps; r++) {
      for (const [k, pool] of pools.entries()) {
        const plan = uniformPlan(baseline(jobFirms, jobTicks), jobs, `scaling-${counts[k]}-${r}`);
        const { seconds, peakRss } = await sweepOnce(plan, pool);
        times[k].push(seconds);
        peaks[k] = Math.max(peaks[k], peakRss);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
  const figures: ScalingFigure[] = counts.map((n, k) => {
    const t = median(times[k]);
    const paired = times[k].map((tn, r) => times[0][r] / (n * tn));
    return {
      workers: n,
      jobs,
      repetitions: scalingReps,
      medianSeconds: t,
      runsPerSecond: jobs / t,
      efficiency: median(paired),
      efficiencyRange: [Math.min(...paired), Math.max(...paired)] as [number, number],
      speedup: median(times[0]) / t,
      peakRssBytes: peaks[k],
    };
  });

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
    instructions,
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
