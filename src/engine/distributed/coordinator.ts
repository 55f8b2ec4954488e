import { type Job, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { packageVersion } from "../manifest.js";
import type { Executor, JobOutputBuffer, JobTask } from "../types.js";
import { bullJobId, JOB_NAME, REGISTRY_KEY } from "./names.js";
import { decodeResult, jobPayload } from "./payload.js";
import { connectionFor, redactSecrets, within } from "./url.js";

/**
 * The coordinator's side of a Redis-backed sweep: an Executor whose `run` enqueues one attempt
 * of a job as a BullMQ job and resolves with the result a worker returned. runSweep drives it
 * like the local pool, so retries, progress, runs.jsonl and the tables are the local ones.
 *
 * Completion is learnt from BullMQ's QueueEvents, with a periodic reconciliation as a backstop:
 * it asks the state of every job in flight, collects what finished unseen, and re-enqueues what
 * Redis no longer holds (Redis restarted empty). Jobs already in the queue when a coordinator
 * starts (a restart with --resume) are not enqueued twice: the BullMQ job id is deterministic,
 * a finished one is collected at once, and a failure left by an earlier session is cleared so
 * the job runs again. Collected jobs are removed from Redis; `finish(true)` removes the queue.
 */
export interface QueueExecutorOptions {
  url: string;
  /** The sweep's queue (see names.ts). */
  queueName: string;
  /** The sweep's plan hash (in job ids and payloads). */
  sweep: string;
  /** Jobs kept enqueued at once (default 1000). */
  depth?: number;
  /** Per-attempt limit enforced by the worker, in ms (0: none). */
  timeoutMs?: number;
  /** How often jobs in flight are reconciled with Redis and the heartbeat is sent (default 3000 ms). */
  reconcileMs?: number;
  /** How long to wait for Redis at the start (default 15 s). */
  connectTimeoutMs?: number;
  onEvent?: (event: QueueExecutorEvent) => void;
}

export type QueueExecutorEvent =
  | { type: "reenqueued"; count: number }
  | { type: "connection-error"; message: string };

export interface QueueExecutor extends Executor {
  readonly queueName: string;
  /** Closes the connections; with `complete`, also deletes the queue and its registry entry. */
  finish(complete: boolean): Promise<void>;
}

interface Pending {
  task: JobTask;
  resolve: (buffer: JobOutputBuffer) => void;
  reject: (err: unknown) => void;
}

/** Opens the queue, its events and the registry entry; resolves once Redis answers. */
export async function createQueueExecutor(options: QueueExecutorOptions): Promise<QueueExecutor> {
  const { url, queueName, sweep } = options;
  const depth = Math.max(2, Math.floor(options.depth ?? 1000));
  const timeoutMs = options.timeoutMs ?? 0;
  const reconcileMs = options.reconcileMs ?? 3000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
  const version = packageVersion();
  const connection = connectionFor(url);
  const redact = (text: string) => redactSecrets(text, url);
  const errors = new Set<string>();
  const onError = (err: unknown) => {
    const message = redact(err instanceof Error ? err.message : String(err));
    // Report each distinct connection problem once, not at every reconnection attempt.
    if (errors.has(message)) return;
    errors.add(message);
    options.onEvent?.({ type: "connection-error", message });
  };

  // Events are trimmed at about 500: a result is read from its event or, failing that, from its job.
  const queue = new Queue(queueName, { connection, streams: { events: { maxLen: 500 } } });
  const events = new QueueEvents(queueName, { connection });
  const registry = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  queue.on("error", onError);
  events.on("error", onError);
  registry.on("error", onError);
  try {
    await within(
      (async () => {
        await registry.connect();
        await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
        await registry.zadd(REGISTRY_KEY, Date.now(), queueName);
      })(),
      connectTimeoutMs,
    );
  } catch (err) {
    await Promise.allSettled([queue.close(), events.close()]);
    registry.disconnect();
    throw new Error(`cannot reach Redis: ${redact(err instanceof Error ? err.message : String(err))}`);
  }

  // A queue that holds no job yet (a new sweep, not a restart) needs no look for earlier jobs.
  let fresh = false;
  try {
    const counts = await queue.getJobCounts();
    fresh = Object.values(counts).every((n) => n === 0);
  } catch (err) {
    onError(err);
  }

  const pending = new Map<string, Pending>();
  let closed = false;

  const settle = (id: string, outcome: { result: unknown } | { failedReason: string }) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if ("failedReason" in outcome) p.reject(new Error(outcome.failedReason || "the job failed"));
    else {
      try {
        p.resolve(decodeResult(outcome.result, p.task.params.ticks));
      } catch (err) {
        p.reject(err);
      }
    }
    // The record is the coordinator's now: drop the job from Redis (best effort).
    queue.remove(id).catch(() => {});
  };

  events.on("completed", ({ jobId, returnvalue }) => {
    if (pending.has(jobId)) settle(jobId, { result: returnvalue });
  });
  events.on("failed", ({ jobId, failedReason }) => {
    if (pending.has(jobId)) settle(jobId, { failedReason });
  });

  const add = (id: string, task: JobTask) =>
    queue.add(JOB_NAME, jobPayload(task, sweep, version, timeoutMs), {
      jobId: id,
      attempts: 1,
      removeOnComplete: false,
      removeOnFail: false,
    });

  /** Looks at one job in flight; collects it if it finished, re-enqueues it if Redis lost it. */
  const reconcileOne = async (id: string): Promise<boolean> => {
    const state = await queue.getJobState(id);
    const p = pending.get(id);
    if (!p) return false;
    if (state === "unknown") {
      await add(id, p.task);
      return true;
    }
    if (state !== "completed" && state !== "failed") return false;
    const job = (await queue.getJob(id)) as Job | undefined;
    if (!job || !pending.has(id)) return false;
    if (job.failedReason) settle(id, { failedReason: job.failedReason });
    else settle(id, { result: job.returnvalue });
    return false;
  };

  let timer: NodeJS.Timeout | undefined;
  let reconciling = false;
  const reconcile = async () => {
    if (closed || reconciling) return;
    reconciling = true;
    try {
      await registry.zadd(REGISTRY_KEY, Date.now(), queueName);
      const ids = [...pending.keys()];
      let readded = 0;
      for (let i = 0; i < ids.length && !closed; i += 50) {
        const batch = await Promise.all(ids.slice(i, i + 50).map(reconcileOne));
        readded += batch.filter(Boolean).length;
      }
      if (readded > 0) options.onEvent?.({ type: "reenqueued", count: readded });
    } catch (err) {
      onError(err);
    } finally {
      reconciling = false;
      if (!closed) timer = setTimeout(reconcile, reconcileMs);
    }
  };
  timer = setTimeout(reconcile, reconcileMs);

  const enqueue = async (id: string, task: JobTask, entry: Pending) => {
    const existing = fresh ? undefined : ((await queue.getJob(id)) as Job | undefined);
    if (existing?.finishedOn) {
      if (existing.failedReason) {
        // A failure left by an earlier session: run the job again.
        await existing.remove();
      } else if (existing.returnvalue != null) {
        pending.set(id, entry);
        settle(id, { result: existing.returnvalue });
        return;
      }
    }
    pending.set(id, entry);
    await add(id, task);
  };

  const executor: QueueExecutor = {
    queueName,
    concurrency: Math.ceil(depth / 2),
    run(task, signal) {
      return new Promise<JobOutputBuffer>((resolve, reject) => {
        if (closed) return reject(new Error("the queue executor is closed"));
        if (signal.aborted) return reject(signal.reason);
        const id = bullJobId(sweep, task.jobId, task.attempt);
        const onAbort = () => {
          // Interrupted: the job stays queued; a coordinator resumed later collects it.
          if (pending.get(id)?.task === task) pending.delete(id);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        const entry: Pending = {
          task,
          resolve: (b) => {
            signal.removeEventListener("abort", onAbort);
            resolve(b);
          },
          reject: (e) => {
            signal.removeEventListener("abort", onAbort);
            reject(e);
          },
        };
        enqueue(id, task, entry).catch((err: unknown) => {
          pending.delete(id);
          entry.reject(
            new Error(`cannot enqueue ${task.jobId}: ${redact(String((err as Error)?.message ?? err))}`),
          );
        });
      });
    },
    async close() {
      await executor.finish(false);
    },
    async finish(complete: boolean) {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(new Error("the queue executor was closed"));
      pending.clear();
      try {
        if (complete) {
          await queue.obliterate({ force: true });
          await registry.zrem(REGISTRY_KEY, queueName);
        }
      } finally {
        await Promise.allSettled([events.close(), queue.close()]);
        registry.disconnect();
      }
    },
  };
  return executor;
}
