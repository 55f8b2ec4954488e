import type { ModelParams } from "../model/params.js";
import type { JobSpec } from "../scenario/jobs.js";
import type { Summary } from "./summary.js";

/**
 * The engine's vocabulary. A sweep is a plan of jobs; each job becomes a task that an executor
 * (in-process, piscina pool, or a remote queue) runs; each finished job becomes one record.
 */

/**
 * What the engine needs of a job plan (src/scenario's JobPlan satisfies it). A job is
 * src/scenario's JobSpec: a parameter point and a replication, with its seed.
 */
export interface SweepPlan {
  scenarioHash: string;
  /** Jobs in this plan (a shard may hold fewer than points × replications). */
  count: number;
  points: number;
  replications: number;
  jobAt(i: number): JobSpec;
  paramsFor(job: JobSpec): ModelParams;
}

/** Test-only faults a worker injects when ECOSIM_TEST_FAULTS names the job (see faults.ts). */
export type TestFault = "throw" | "exit" | "oom" | "hang" | "slow";

/** What an executor runs: plain, structured-clonable data. */
export interface JobTask {
  jobId: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  params: ModelParams;
  seed: number;
  /** Collect firm records in the model (needed for the initial cohort's survival). */
  recordFirms: boolean;
  /** Check the books every tick (slow; throws on a mismatch). */
  checkBooks: boolean;
}

/**
 * What comes back from a task: one Float64Array, so that it crosses threads by transfer.
 * Layout: [summary values (SUMMARY_KEYS order)] [ticks × SERIES_COLUMNS, tick-major].
 * Decode with decodeJobOutput().
 */
export type JobOutputBuffer = Float64Array;

/** A decoded task result. */
export interface JobOutput {
  summary: Summary;
  ticks: number;
  /** ticks × SERIES_COLUMNS.length values, tick-major (row = tick). */
  series: Float64Array;
}

/** One line of runs.jsonl: deterministic, nothing about timing or hosts. */
export interface RunRecord {
  id: string;
  pointIndex: number;
  replication: number;
  seed: number;
  point: Record<string, number | boolean>;
  status: "ok" | "failed";
  attempts: number;
  summary: Summary | null;
  error: string | null;
}

/** Runs tasks somewhere. Implementations: in-process, piscina pool, and (later) a queue. */
export interface Executor {
  /** Parallel tasks this executor runs at once (the sweep keeps about this many in flight). */
  readonly concurrency: number;
  /**
   * Runs a task. Rejects with the task's error, a worker crash, or an abort through `signal`
   * (the abort reason is the rejection's `cause` or message).
   */
  run(task: JobTask, signal: AbortSignal): Promise<JobOutputBuffer>;
  /** Stops every worker; pending tasks reject. */
  close(): Promise<void>;
}
