import type { JobSpec } from "../scenario/jobs.js";
import { decodeJobOutput } from "./job.js";
import { createPool, type PoolOptions, RunTimedOut, timesItsRuns } from "./pool.js";
import type { ResultStore } from "./store.js";
import type { PointColumn } from "./tables.js";
import type { Executor, JobOutput, JobTask, RunRecord, SweepPlan } from "./types.js";

/**
 * Runs a plan's jobs on an executor and records each finished job in the store, one at a time.
 * Like Mesa's `_safe_call`, a job that throws, times out or kills its worker becomes a failed
 * record (after `retries` more attempts), never a dead sweep. An abort of `signal` stops
 * dispatching; jobs in flight get `graceMs` to finish, then are abandoned (not recorded: they
 * run again on --resume). Only an I/O error of the store ends the sweep early (it rejects).
 */
export interface SweepOptions {
  plan: SweepPlan;
  store: ResultStore;
  /** Where tasks run. Without it, a piscina pool of `workers` threads is made and closed. */
  executor?: Executor;
  workers?: number;
  pool?: Omit<PoolOptions, "workers">;
  /**
   * Wall-clock limit of one attempt in ms (0 or absent: none). The pool counts it from the moment
   * a thread begins the job (not its wait, nor the thread's start-up); another executor must be
   * able to abort, and its clock starts when the job is handed to it.
   */
  timeoutMs?: number;
  /** Further attempts after a failure (default 1). */
  retries?: number;
  /** Stop: no new jobs; in-flight ones finish within graceMs or are abandoned. */
  signal?: AbortSignal;
  /** Default 2000 ms. */
  graceMs?: number;
  /** Collect firm records in the model (the summary's smeSurvival needs them; default true). */
  recordFirms?: boolean;
  /** Check the books every tick (default false). */
  checkBooks?: boolean;
  onProgress?: (progress: SweepProgress) => void;
  onEvent?: (event: SweepEvent) => void;
}

export interface SweepProgress {
  /** jobs in the plan */
  total: number;
  /** finished (ok or failed for good), including those skipped as done before */
  done: number;
  /** finished in an earlier session (resume) */
  skipped: number;
  ok: number;
  failed: number;
  running: number;
  /** retries started so far */
  retried: number;
  stopping: boolean;
}

export type SweepEvent =
  | { type: "retry"; id: string; attempt: number; error: string }
  | { type: "failed"; id: string; attempts: number; error: string }
  | { type: "stopping"; running: number }
  | { type: "abandoned"; ids: string[] }
  | { type: "finalizing" };

export interface SweepFailure {
  id: string;
  attempts: number;
  error: string;
}

export interface SweepOutcome {
  total: number;
  skipped: number;
  ok: number;
  failures: SweepFailure[];
  interrupted: boolean;
  /** jobs cut off by the interrupt (they run again on --resume) */
  abandoned: number;
  /** files written on completion (empty when interrupted) */
  files: string[];
  elapsedMs: number;
}

type AbortKind = { kind: "timeout" } | { kind: "interrupt" };

interface Pending {
  job: JobSpec;
  attempt: number;
}

/** The design's columns (point keys and their types), taken from the plan's first job. */
export function pointColumnsOf(plan: SweepPlan): PointColumn[] {
  if (plan.count === 0) return [];
  const point = plan.jobAt(0).point;
  return Object.keys(point).map((key) => ({
    key,
    type: typeof point[key] === "boolean" ? ("boolean" as const) : ("number" as const),
  }));
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (code === "ERR_WORKER_OUT_OF_MEMORY") return `worker ran out of memory: ${err.message}`;
    return err.message || err.name;
  }
  return String(err);
}

export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const { plan, store } = options;
  const started = performance.now();
  const retries = Math.max(0, Math.floor(options.retries ?? 1));
  const timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : 0;
  const graceMs = options.graceMs ?? 2000;
  const recordFirms = options.recordFirms ?? true;
  const checkBooks = options.checkBooks ?? false;
  const progress: SweepProgress = {
    total: plan.count,
    done: 0,
    skipped: 0,
    ok: 0,
    failed: 0,
    running: 0,
    retried: 0,
    stopping: false,
  };
  const failures: SweepFailure[] = [];
  const report = () => options.onProgress?.({ ...progress });

  if (store.complete) {
    for (let i = 0; i < plan.count; i++) if (store.isDone(plan.jobAt(i))) progress.skipped++;
    progress.done = progress.ok = progress.skipped;
    report();
    store.close();
    return outcome(false, 0, []);
  }

  const ownExecutor = !options.executor;
  const executor = options.executor ?? createPool({ ...options.pool, workers: options.workers });
  // The pool times each run itself, from the moment a thread begins it; another executor is timed
  // here, from dispatch.
  const timed = timeoutMs > 0 && timesItsRuns(executor);
  // A second task per worker waits in piscina's queue and hides dispatch latency; when the clock
  // starts at dispatch, every task must start as soon as it is sent, so it measures only its run.
  const limit = executor.concurrency * (timeoutMs && !timed ? 1 : 2);
  const retryQueue: Pending[] = [];
  const inflight = new Map<string, { controller: AbortController; job: JobSpec }>();
  let cursor = 0;
  let abandoned: string[] = [];
  let graceTimer: NodeJS.Timeout | undefined;

  const nextPending = (): Pending | null => {
    const retry = retryQueue.shift();
    if (retry) return retry;
    while (cursor < plan.count) {
      const job = plan.jobAt(cursor++);
      if (store.isDone(job)) {
        progress.skipped++;
        progress.done++;
        progress.ok++;
        continue;
      }
      return { job, attempt: 1 };
    }
    return null;
  };

  const record = (job: JobSpec, attempts: number, output: JobOutput | null, error: string | null) => {
    const r: RunRecord = {
      id: job.id,
      pointIndex: job.pointIndex,
      replication: job.replication,
      seed: job.seed,
      point: job.point,
      status: output ? "ok" : "failed",
      attempts,
      summary: output ? output.summary : null,
      error,
    };
    store.append(r, output);
  };

  const runOne = async ({ job, attempt }: Pending): Promise<void> => {
    const controller = new AbortController();
    inflight.set(job.id, { controller, job });
    const timer =
      timeoutMs && !timed ? setTimeout(() => controller.abort({ kind: "timeout" }), timeoutMs) : undefined;
    const t0 = performance.now();
    let output: JobOutput | null = null;
    let error = "";
    try {
      const task: JobTask = {
        jobId: job.id,
        attempt,
        params: plan.paramsFor(job),
        seed: job.seed,
        recordFirms,
        checkBooks,
      };
      const buffer = timed
        ? await executor.runWithin(task, controller.signal, timeoutMs)
        : await executor.run(task, controller.signal);
      output = decodeJobOutput(buffer);
    } catch (err) {
      const reason = controller.signal.aborted ? (controller.signal.reason as AbortKind) : null;
      if (reason?.kind === "interrupt") return;
      error =
        reason?.kind === "timeout" || err instanceof RunTimedOut
          ? `timed out after ${timeoutMs / 1000} s`
          : errorMessage(err);
    } finally {
      clearTimeout(timer);
      inflight.delete(job.id);
    }
    store.noteTiming(job.id, attempt, performance.now() - t0, output ? "ok" : "failed");
    if (output) {
      record(job, attempt, output, null);
      progress.ok++;
      progress.done++;
    } else if (attempt <= retries && !progress.stopping) {
      progress.retried++;
      retryQueue.push({ job, attempt: attempt + 1 });
      options.onEvent?.({ type: "retry", id: job.id, attempt: attempt + 1, error });
    } else if (attempt <= retries) {
      // Stopping: a job that could still be retried is left for --resume rather than failed.
      return;
    } else {
      record(job, attempt, null, error);
      failures.push({ id: job.id, attempts: attempt, error });
      progress.failed++;
      progress.done++;
      options.onEvent?.({ type: "failed", id: job.id, attempts: attempt, error });
    }
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        options.signal?.removeEventListener("abort", onAbort);
        clearTimeout(graceTimer);
        if (err) {
          for (const { controller } of inflight.values()) controller.abort({ kind: "interrupt" });
          reject(err);
        } else resolve();
      };
      const pump = () => {
        if (settled) return;
        while (!progress.stopping && inflight.size < limit) {
          const pending = nextPending();
          if (!pending) break;
          runOne(pending).then(
            () => {
              progress.running = inflight.size;
              report();
              pump();
            },
            (err: unknown) => finish(err),
          );
        }
        progress.running = inflight.size;
        if (inflight.size === 0) finish();
      };
      const onAbort = () => {
        if (progress.stopping) return;
        progress.stopping = true;
        options.onEvent?.({ type: "stopping", running: inflight.size });
        report();
        graceTimer = setTimeout(() => {
          abandoned = [...inflight.keys()];
          if (abandoned.length > 0) options.onEvent?.({ type: "abandoned", ids: abandoned });
          for (const { controller } of inflight.values()) controller.abort({ kind: "interrupt" });
        }, graceMs);
        if (inflight.size === 0) finish();
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener("abort", onAbort, { once: true });
      report();
      pump();
    });
  } finally {
    if (ownExecutor) await executor.close();
  }

  await store.flush();
  const interrupted = progress.stopping && progress.done < plan.count;
  if (interrupted) {
    store.close("interrupted");
    return outcome(true, abandoned.length, []);
  }
  options.onEvent?.({ type: "finalizing" });
  const files = await store.finalize(pointColumnsOf(plan));
  store.close();
  return outcome(false, 0, files);

  function outcome(interrupted: boolean, abandonedCount: number, files: string[]): SweepOutcome {
    return {
      total: plan.count,
      skipped: progress.skipped,
      ok: progress.ok,
      failures,
      interrupted,
      abandoned: abandonedCount,
      files,
      elapsedMs: performance.now() - started,
    };
  }
}
