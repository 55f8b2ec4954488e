import { type Job, UnrecoverableError, WaitingError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { packageVersion } from "../manifest.js";
import { createPool } from "../pool.js";
import { errorMessage } from "../sweep.js";
import type { Executor } from "../types.js";
import { JOB_NAME, QUEUE_NAME_PATTERN, REGISTRY_KEY, sweepOfQueue } from "./names.js";
import { encodeResult, type JobResult, PayloadRejected, parseJobPayload } from "./payload.js";
import { connectionFor, redactSecrets, within } from "./url.js";

/**
 * A worker of Redis-backed sweeps (`ecosim worker`): BullMQ Workers take jobs from the queues of
 * running sweeps and run them on this machine's worker threads (the same piscina pool as a local
 * sweep). Each payload is validated before it runs; a rejected one fails for good and is reported.
 *
 * Locks: BullMQ renews a job's lock every lockDuration/2 while it runs (the model runs on worker
 * threads, so the event loop is free to do so). A worker killed outright stops renewing; after
 * lockDuration a live worker's stalled check (every stalledInterval) puts the job back in the
 * queue, so it is run again elsewhere.
 *
 * Stopping: `stop(graceMs)` takes no new jobs, lets running ones finish for graceMs, then hands
 * the rest back to the queue (moved to wait, not failed) and closes.
 */
export interface QueueWorkerOptions {
  url: string;
  /** Jobs run at once (worker threads). */
  concurrency: number;
  /**
   * Jobs taken ahead per thread (default 1): the next job is at hand when a thread finishes, so
   * no Redis round trip sits between two runs. A job taken ahead is locked like a running one.
   */
  prefetch?: number;
  /** Where jobs run (default: a piscina pool of `concurrency` threads). */
  executor?: Executor;
  /** Serve this queue only; by default every queue in the registry, found as sweeps start. */
  queue?: string;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Times a job may be put back after its worker died before it fails (default 2). */
  maxStalledCount?: number;
  /** How long to wait for Redis at the start (default 15 s). */
  connectTimeoutMs?: number;
  /** How often the registry is read for new sweeps (default 250 ms). */
  discoverMs?: number;
  onEvent?: (event: QueueWorkerEvent) => void;
}

export type QueueWorkerEvent =
  | { type: "serving"; queue: string }
  | { type: "left"; queue: string }
  | { type: "done"; queue: string; id: string; ms: number }
  | { type: "failed"; queue: string; id: string; error: string }
  | { type: "rejected"; queue: string; id: string; error: string }
  | { type: "returned"; queue: string; id: string }
  | { type: "connection-error"; message: string };

export interface QueueWorkerStats {
  done: number;
  failed: number;
  rejected: number;
  returned: number;
}

export interface QueueWorker {
  readonly stats: QueueWorkerStats;
  /** Queues served now. */
  queues(): string[];
  /** Stops taking jobs; running ones get graceMs to finish, then go back to the queue. */
  stop(graceMs: number): Promise<void>;
}

export const DEFAULT_LOCK_DURATION_MS = 10_000;
export const DEFAULT_STALLED_INTERVAL_MS = 5_000;
/** Queues whose coordinator has not been heard of for this long are no longer served. */
const REGISTRY_STALE_MS = 24 * 3600 * 1000;

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { url } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const prefetch = Math.max(0, Math.floor(options.prefetch ?? 1));
  const slots = new Slots(concurrency);
  const connection = connectionFor(url);
  const version = packageVersion();
  const redact = (text: string) => redactSecrets(text, url);
  const seen = new Set<string>();
  const onError = (err: unknown) => {
    const message = redact(err instanceof Error ? err.message : String(err));
    if (seen.has(message)) return;
    seen.add(message);
    options.onEvent?.({ type: "connection-error", message });
  };
  const emit = (e: QueueWorkerEvent) => options.onEvent?.(e);
  const stats: QueueWorkerStats = { done: 0, failed: 0, rejected: 0, returned: 0 };
  const ownExecutor = !options.executor;
  const executor = options.executor ?? createPool({ workers: concurrency });
  const workers = new Map<string, Worker>();
  /** Jobs running here, with the controller that hands them back on stop. */
  const running = new Map<string, AbortController>();
  let stopping = false;

  const processorFor =
    (queueName: string) =>
    async (job: Job, token?: string, signal?: AbortSignal): Promise<JobResult> => {
      const id = job.id ?? "?";
      let parsed: ReturnType<typeof parseJobPayload>;
      try {
        if (job.name !== JOB_NAME) throw new PayloadRejected(`unknown job name ${JSON.stringify(job.name)}`);
        parsed = parseJobPayload(job.data, { sweep: sweepOfQueue(queueName), version });
      } catch (err) {
        const message = `rejected job payload: ${err instanceof PayloadRejected ? err.message : errorMessage(err)}`;
        stats.rejected++;
        emit({ type: "rejected", queue: queueName, id, error: message });
        throw new UnrecoverableError(message);
      }
      const { task, timeoutMs } = parsed;
      const controller = new AbortController();
      const onCancel = () => controller.abort({ kind: "cancel" });
      signal?.addEventListener("abort", onCancel, { once: true });
      running.set(id, controller);
      let timer: NodeJS.Timeout | undefined;
      let held = false;
      try {
        // A prefetched job waits here for a thread; its time limit starts with its run.
        await slots.acquire(controller.signal);
        held = true;
        if (timeoutMs) timer = setTimeout(() => controller.abort({ kind: "timeout" }), timeoutMs);
        const t0 = performance.now();
        const buffer = await executor.run(task, controller.signal);
        stats.done++;
        emit({ type: "done", queue: queueName, id: task.jobId, ms: performance.now() - t0 });
        return encodeResult(buffer);
      } catch (err) {
        const reason = controller.signal.aborted ? (controller.signal.reason as { kind: string }).kind : null;
        if (reason === "return" && token) {
          await job.moveToWait(token);
          stats.returned++;
          emit({ type: "returned", queue: queueName, id: task.jobId });
          throw new WaitingError();
        }
        const message = reason === "timeout" ? `timed out after ${timeoutMs / 1000} s` : errorMessage(err);
        stats.failed++;
        emit({ type: "failed", queue: queueName, id: task.jobId, error: message });
        throw new Error(message);
      } finally {
        clearTimeout(timer);
        if (held) slots.release();
        signal?.removeEventListener("abort", onCancel);
        running.delete(id);
      }
    };

  const serve = async (queueName: string) => {
    if (workers.has(queueName) || stopping) return;
    const worker = new Worker(queueName, processorFor(queueName), {
      connection,
      concurrency: concurrency * (1 + prefetch),
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
      maxStalledCount: options.maxStalledCount ?? 2,
      autorun: true,
    });
    worker.on("error", onError);
    workers.set(queueName, worker);
    await worker.waitUntilReady();
    emit({ type: "serving", queue: queueName });
  };

  const registry = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  registry.on("error", onError);
  try {
    await within(registry.connect(), options.connectTimeoutMs ?? 15_000);
    await within(
      options.queue ? serve(options.queue) : Promise.resolve(),
      options.connectTimeoutMs ?? 15_000,
    );
  } catch (err) {
    registry.disconnect();
    await Promise.allSettled([...workers.values()].map((w) => w.close(true)));
    if (ownExecutor) await executor.close();
    throw new Error(`cannot reach Redis: ${redact(errorMessage(err))}`);
  }

  let timer: NodeJS.Timeout | undefined;
  const discover = async () => {
    if (stopping) return;
    try {
      const names = await registry.zrangebyscore(REGISTRY_KEY, Date.now() - REGISTRY_STALE_MS, "+inf");
      const live = new Set(names.filter((n) => QUEUE_NAME_PATTERN.test(n)));
      for (const name of live) await serve(name);
      for (const [name, worker] of workers) {
        if (live.has(name) || running.size > 0) continue;
        workers.delete(name);
        await worker.close();
        emit({ type: "left", queue: name });
      }
    } catch (err) {
      onError(err);
    } finally {
      if (!stopping) timer = setTimeout(discover, options.discoverMs ?? 250);
    }
  };
  if (!options.queue) await discover();

  return {
    stats,
    queues: () => [...workers.keys()],
    async stop(graceMs: number) {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      const closing = Promise.all([...workers.values()].map((w) => w.close()));
      const handBack = setTimeout(
        () => {
          for (const controller of running.values()) controller.abort({ kind: "return" });
        },
        Math.max(0, graceMs),
      );
      try {
        await closing;
      } finally {
        clearTimeout(handBack);
        registry.disconnect();
        if (ownExecutor) await executor.close();
      }
    },
  };
}

/** `n` slots (threads); waiters are served in order and leave on abort. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason);
      };
      this.waiting.push(grant);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
