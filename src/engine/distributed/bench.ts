import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultParams, type ModelParams } from "../../model/params.js";
import type { JobSpec } from "../../scenario/jobs.js";
import { planHash } from "../manifest.js";
import { createPool } from "../pool.js";
import { ResultStore } from "../store.js";
import { runSweep } from "../sweep.js";
import type { Executor, JobTask, SweepPlan } from "../types.js";
import { createQueueExecutor } from "./coordinator.js";
import { type QueueWorker, startQueueWorker } from "./worker.js";

/**
 * The Redis backend's part of `ecosim bench --redis URL`: the same sweep on the local piscina
 * pool (`threads` threads) and through a BullMQ queue served by `workers` queue workers started
 * in this process (each with its own Redis connections and its share of the threads), both warm,
 * timed from the first job to the last record, in alternating rounds (medians over the rounds).
 *   ratio = local time / queue time: the queue's throughput relative to the local pool
 *   overhead = (queue time − local time) × threads / jobs: extra wall time per job, in ms
 * Throughput is measured on jobs of about 120 ms, the overhead on 1-firm 1-tick jobs. Both
 * backends must write the same runs.jsonl, or the bench fails.
 */
export interface QueueBenchOptions {
  url: string;
  /** Threads in all (default 2): the local pool's size, shared among the queue workers. */
  threads?: number;
  /** Queue workers (default 2). */
  workers?: number;
  /** Repetitions of each timing (default 3). */
  repetitions?: number;
  onStep?: (message: string) => void;
}

export interface QueueComparison {
  jobs: number;
  firms: number;
  ticks: number;
  /** wall time of one job on a pool thread (local time × threads / jobs), in ms */
  jobMs: number;
  /** median time of the local sweep, s */
  localSeconds: number;
  /** median time of the queue sweep, s */
  queueSeconds: number;
  /** median of local time / queue time over the rounds */
  ratio: number;
  /** median of (queue − local) over the rounds × threads / jobs, in ms */
  overheadMsPerJob: number;
}

export interface QueueBench {
  threads: number;
  workers: number;
  repetitions: number;
  /** jobs of about 150 ms */
  throughput: QueueComparison;
  /** jobs of 1 firm × 1 tick */
  overhead: QueueComparison;
}

const TARGET_JOB_MS = 120;
const TICKS = 20;

export async function benchQueue(options: QueueBenchOptions): Promise<QueueBench> {
  const { url } = options;
  const step = options.onStep ?? (() => {});
  const threads = Math.max(1, Math.floor(options.threads ?? 2));
  const workers = Math.max(1, Math.min(threads, Math.floor(options.workers ?? 2)));
  const reps = Math.max(1, Math.floor(options.repetitions ?? 3));

  const tiny = benchPlan({ ...defaultParams(), firms: 1, ticks: 1 }, 200, "tiny");
  const scratch = mkdtempSync(join(tmpdir(), "ecosim-bench-queue-"));
  let run = 0;
  const sweep = async (plan: SweepPlan, executor: Executor): Promise<{ seconds: number; runs: string }> => {
    const dir = join(scratch, String(run++));
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: "bench", design: {}, seeds: {} },
    });
    const outcome = await runSweep({ plan, store, executor, recordFirms: true });
    if (outcome.failures.length > 0) throw new Error(`bench sweep failed: ${outcome.failures[0].error}`);
    const runs = readFileSync(join(dir, "runs.jsonl"), "utf8");
    rmSync(dir, { recursive: true, force: true });
    return { seconds: outcome.elapsedMs / 1000, runs };
  };

  const pool = createPool({ workers: threads });
  const queueWorkers: QueueWorker[] = [];
  try {
    step(`redis bench: calibrating jobs of about ${TARGET_JOB_MS} ms`);
    const firms = await calibrate(pool);
    const heavy = benchPlan({ ...defaultParams(), firms, ticks: TICKS }, 24 * threads, "heavy");
    for (let i = 0; i < workers; i++) {
      const concurrency = Math.floor(threads / workers) + (i < threads % workers ? 1 : 0);
      queueWorkers.push(await startQueueWorker({ url, concurrency }));
    }
    /**
     * One untimed sweep of `plan` on each backend (warm-up), then `reps` rounds of a local sweep
     * followed by a queue sweep, so that a change of the machine's load hits both alike.
     */
    const compare = async (plan: SweepPlan): Promise<QueueComparison> => {
      const name = `ecosim-bench-${planHash(plan)}`;
      const executor = await createQueueExecutor({ url, queueName: name, sweep: planHash(plan) });
      try {
        const t0 = Date.now();
        while (!queueWorkers.every((w) => w.queues().includes(name))) {
          if (Date.now() - t0 > 10_000) throw new Error("bench: the queue workers did not find the queue");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await sweep(plan, pool);
        await sweep(plan, executor);
        const local: number[] = [];
        const queue: number[] = [];
        const ratios: number[] = [];
        for (let r = 0; r < reps; r++) {
          const l = await sweep(plan, pool);
          const q = await sweep(plan, executor);
          if (l.runs !== q.runs)
            throw new Error("bench: the queue's runs.jsonl differs from the local pool's");
          local.push(l.seconds);
          queue.push(q.seconds);
          ratios.push(l.seconds / q.seconds);
        }
        const params = plan.paramsFor(plan.jobAt(0));
        const l = median(local);
        const q = median(queue);
        return {
          jobs: plan.count,
          firms: params.firms,
          ticks: params.ticks,
          jobMs: (l * 1000 * threads) / plan.count,
          localSeconds: l,
          queueSeconds: q,
          ratio: median(ratios),
          overheadMsPerJob: (median(queue.map((x, i) => x - local[i])) * 1000 * threads) / plan.count,
        };
      } finally {
        await executor.finish(true);
      }
    };
    step(
      `redis bench: ${heavy.count} jobs of ${firms} firms, local pool of ${threads} threads vs ${workers} queue workers`,
    );
    const throughput = await compare(heavy);
    step(`redis bench: ${tiny.count} jobs of 1 firm × 1 tick, local pool vs queue`);
    const overhead = await compare(tiny);
    return { threads, workers, repetitions: reps, throughput, overhead };
  } finally {
    await Promise.all(queueWorkers.map((w) => w.stop(0)));
    await pool.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Firms for a job of about TARGET_JOB_MS at TICKS ticks on a thread of `pool` (warm). */
async function calibrate(pool: Executor): Promise<number> {
  const signal = new AbortController().signal;
  const task = (firms: number, seed: number): JobTask => ({
    jobId: "p000000-r0000",
    attempt: 1,
    params: { ...defaultParams(), firms, ticks: TICKS },
    seed,
    recordFirms: true,
    checkBooks: false,
  });
  const time = async (firms: number) => {
    const t: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await pool.run(task(firms, r + 1), signal);
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  let firms = 500;
  await time(firms);
  for (let i = 0; i < 4; i++) {
    const ms = await time(firms);
    if (Math.abs(ms - TARGET_JOB_MS) < 0.1 * TARGET_JOB_MS) break;
    firms = Math.max(20, Math.round((firms * TARGET_JOB_MS) / Math.max(1, ms)));
  }
  return firms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `count` replications of `params` (ids like a sweep's, seeds 1 … count). */
function benchPlan(params: ModelParams, count: number, label: string): SweepPlan {
  return {
    scenarioHash: `bench-queue:${label}:${params.firms}x${params.ticks}x${count}`,
    count,
    points: 1,
    replications: count,
    jobAt(i: number): JobSpec {
      return {
        id: `p000000-r${String(i).padStart(4, "0")}`,
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

/** The bench's lines for the report table (no password: the URL is not part of it). */
export function describeQueueBench(b: QueueBench): string[] {
  const line = (what: string, c: QueueComparison) =>
    `${what} (${c.jobs} jobs of ${c.firms} firm${c.firms === 1 ? "" : "s"} × ${c.ticks} tick${c.ticks === 1 ? "" : "s"} ≈ ${c.jobMs.toFixed(c.jobMs < 10 ? 2 : 0)} ms): ` +
    `local ${c.localSeconds.toFixed(3)} s, queue ${c.queueSeconds.toFixed(3)} s, ` +
    `throughput ratio ${c.ratio.toFixed(2)}, queue overhead ${c.overheadMsPerJob.toFixed(2)} ms per job`;
  return [
    `redis backend (${b.workers} queue workers vs a local pool, ${b.threads} threads in all; median of ${b.repetitions})`,
    `  ${line("throughput", b.throughput)}`,
    `  ${line("per-job overhead", b.overhead)}`,
  ];
}
