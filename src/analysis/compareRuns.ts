import type { Summary } from "../engine/summary.js";
import type { Executor, JobTask } from "../engine/types.js";
import type { ModelParams } from "../model/params.js";
import { decodeCompareOutput } from "./compareJob.js";
import type { ScenarioRuns } from "./runs.js";

/** A scenario to compare, resolved: the user's name and its parameters. */
export interface CompareScenario {
  name: string;
  description?: string;
  file?: string;
  hash?: string;
  params: ModelParams;
}

export interface CompareJobsOptions {
  scenarios: readonly CompareScenario[];
  /** The common random numbers: every scenario runs once on each of these seeds. */
  seeds: readonly number[];
  executor: Executor;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface CompareJobsResult {
  runs: ScenarioRuns[];
  summaries: { scenario: string; replication: number; seed: number; summary: Summary }[];
}

/**
 * Runs every scenario on every seed (common random numbers) through an executor of the engine,
 * keeping about `executor.concurrency` runs in flight. Any failed run fails the comparison:
 * a paired difference needs both sides of every pair.
 */
export async function runCompareJobs(options: CompareJobsOptions): Promise<CompareJobsResult> {
  const { scenarios, seeds, executor } = options;
  const signal = options.signal ?? new AbortController().signal;
  const jobs: { s: number; r: number }[] = [];
  for (let s = 0; s < scenarios.length; s++) for (let r = 0; r < seeds.length; r++) jobs.push({ s, r });
  const results: ReturnType<typeof decodeCompareOutput>[][] = scenarios.map(() => new Array(seeds.length));
  let next = 0;
  let done = 0;
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  const lane = async () => {
    while (next < jobs.length) {
      if (inner.signal.aborted) throw inner.signal.reason ?? new Error("aborted");
      const { s, r } = jobs[next++];
      const sc = scenarios[s];
      const task: JobTask = {
        jobId: `s${String(s).padStart(3, "0")}-r${String(r).padStart(4, "0")}`,
        attempt: 1,
        params: sc.params,
        seed: seeds[r],
        recordFirms: true,
        checkBooks: false,
      };
      let buffer: Float64Array;
      try {
        buffer = await executor.run(task, inner.signal);
      } catch (err) {
        inner.abort(err);
        const why = err instanceof Error ? err.message : String(err);
        throw new Error(`run of ${sc.name} on seed ${seeds[r]} (replication ${r}) failed: ${why}`, {
          cause: err,
        });
      }
      results[s][r] = decodeCompareOutput(buffer, sc.params.ticks, seeds[r], r);
      done++;
      options.onProgress?.(done, jobs.length);
    }
  };
  try {
    const lanes = Array.from({ length: Math.max(1, Math.min(executor.concurrency * 2, jobs.length)) }, lane);
    const settled = await Promise.allSettled(lanes);
    const failed = settled.find((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return {
    runs: scenarios.map((sc, s) => ({
      name: sc.name,
      policyStart: sc.params.government.policyStartQuarter,
      description: sc.description,
      runs: results[s].map((x) => x.run),
    })),
    summaries: scenarios.flatMap((sc, s) =>
      results[s].map((x, r) => ({ scenario: sc.name, replication: r, seed: seeds[r], summary: x.summary })),
    ),
  };
}
