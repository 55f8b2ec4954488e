import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planHash } from "../manifest.js";
import { createPool } from "../pool.js";
import { ResultStore } from "../store.js";
import { runSweep } from "../sweep.js";
import type { SweepPlan } from "../types.js";
import { createQueueExecutor } from "./coordinator.js";
import { startQueueWorker } from "./worker.js";

/**
 * The bench of the Redis backend: the same plan run on the local piscina pool (`threads`
 * threads) and through a BullMQ queue served by `workers` queue workers in this process (each
 * with its own Redis connections and threads/workers threads), timed from the first job to the
 * last record. Throughput ratio = local time / queue time (1 = no cost); the per-job queue
 * overhead is the extra wall time per job and thread, (queue − local) × threads / jobs, in ms.
 * Both runs must give the same runs.jsonl, or the bench fails.
 */
export interface QueueBenchOptions {
  url: string;
  plan: SweepPlan;
  /** Threads in all (default 2): the local pool's size, shared among the queue workers. */
  threads?: number;
  /** Queue workers (default 2). */
  workers?: number;
}

export interface QueueBench {
  jobs: number;
  threads: number;
  workers: number;
  localMs: number;
  queueMs: number;
  /** local time / queue time: the queue's throughput relative to the local pool */
  ratio: number;
  /** extra wall time per job and thread through the queue, in ms (negative: noise) */
  overheadMsPerJob: number;
}

export async function benchQueue(options: QueueBenchOptions): Promise<QueueBench> {
  const { plan, url } = options;
  const threads = Math.max(1, options.threads ?? 2);
  const workers = Math.max(1, Math.min(threads, options.workers ?? 2));
  const scratch = mkdtempSync(join(tmpdir(), "ecosim-bench-queue-"));
  const describe = { scenario: { bench: "queue" }, design: null, seeds: null };
  try {
    const pool = createPool({ workers: threads });
    let localMs: number;
    try {
      const store = ResultStore.open({ dir: join(scratch, "local"), plan, resume: false, describe });
      localMs = (await runSweep({ plan, store, executor: pool })).elapsedMs;
    } finally {
      await pool.close();
    }

    const queueName = `ecosim-bench-${planHash(plan)}`;
    const per = Math.floor(threads / workers);
    const queueWorkers = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        startQueueWorker({ url, queue: queueName, concurrency: per + (i < threads % workers ? 1 : 0) }),
      ),
    );
    let queueMs: number;
    try {
      const executor = await createQueueExecutor({ url, queueName, sweep: planHash(plan) });
      let complete = false;
      try {
        const store = ResultStore.open({ dir: join(scratch, "queue"), plan, resume: false, describe });
        const outcome = await runSweep({ plan, store, executor });
        complete = !outcome.interrupted;
        queueMs = outcome.elapsedMs;
      } finally {
        await executor.finish(complete);
      }
    } finally {
      await Promise.all(queueWorkers.map((w) => w.stop(0)));
    }
    const a = readFileSync(join(scratch, "local", "runs.jsonl"), "utf8");
    const b = readFileSync(join(scratch, "queue", "runs.jsonl"), "utf8");
    if (a !== b) throw new Error("bench: the queue's runs.jsonl differs from the local pool's");
    return {
      jobs: plan.count,
      threads,
      workers,
      localMs,
      queueMs,
      ratio: localMs / queueMs,
      overheadMsPerJob: ((queueMs - localMs) * threads) / Math.max(1, plan.count),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
