import {
  type Job,
  type JobJson,
  type Processor,
  UnrecoverableError,
  WaitingError,
  Worker,
  type WorkerOptions,
} from "bullmq";
import { Redis } from "ioredis";
import { packageVersion } from "../manifest.js";
import { createPool, RunTimedOut, timesItsRuns } from "../pool.js";
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
 * Redis restarts: BullMQ's connections reconnect by themselves and its Workers go on taking
 * jobs. A queue is left (its Worker closed) only once it has been missing from the registry for
 * LEAVE_AFTER_MS: a Redis restarted empty holds no registry until the coordinator's next
 * heartbeat (every 3 s), and closing a Worker then would drop the sweep's queue for good.
 *
 * Stopping: `stop(graceMs)` takes no new jobs, lets running ones finish for graceMs, then hands
 * the rest back to the queue (moved to wait, not failed) and closes. BullMQ's close waits for its
 * connections to say they closed, which one that is reconnecting never does (Redis down or just
 * restarted): after graceMs + CLOSE_SLACK_MS such connections are cut instead, and a job that
 * could not be handed back returns to the queue through another worker's stalled check.
 *
 * A job whose hash in Redis cannot be read (its data or options are not JSON: written by hand or
 * by something else than BullMQ) would never reach the processor: BullMQ's parse fails after the
 * job was moved to active, so it would cycle active → stalled → active forever. GuardedWorker
 * hands the processor a stand-in for it, which fails it for good with the reason.
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
/** A queue missing from the registry for this long (ten coordinator heartbeats) is left. */
export const LEAVE_AFTER_MS = 30_000;
/** How long stop() waits past the grace for BullMQ to close before it cuts the connections. */
const CLOSE_SLACK_MS = 5_000;
/** How long stop() waits for a Worker's clients before it gives up cutting them. */
const CUT_WAIT_MS = 1_000;

/** Stand-ins for jobs that could not be read, with the reason (see GuardedWorker). */
const unreadableJobs = new WeakMap<Job, string>();

/**
 * A BullMQ Worker that fails for good a job whose data or options are not JSON. BullMQ moves the
 * job to active and locks it with this worker's token, then fails to parse it (a SyntaxError) and
 * never processes it. The job is found again by its lock (the token), its unreadable fields are
 * emptied (so that whatever reads the failed job later can), and a stand-in with the same id and
 * token goes to the processor, which rejects it (UnrecoverableError): BullMQ then moves the job
 * to failed, with the reason, like any rejected payload.
 */
class GuardedWorker extends Worker {
  constructor(
    name: string,
    processor: Processor,
    opts: WorkerOptions,
    private readonly redis: Redis,
  ) {
    super(name, processor, { ...opts, autorun: false });
  }

  protected override async moveToActive(token: string, name?: string): Promise<Job> {
    try {
      return await super.moveToActive(token, name);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      const job = await this.standInFor(token);
      if (!job) throw err;
      return job;
    }
  }

  private async standInFor(token: string): Promise<Job | null> {
    const active = await this.redis.lrange(this.keys.active, 0, -1);
    if (active.length === 0) return null;
    const locks = await this.redis.mget(active.map((id) => `${this.toKey(id)}:lock`));
    const id = active[locks.indexOf(token)];
    if (id === undefined) return null;
    const key = this.toKey(id);
    const values = await this.redis.hmget(key, "name", ...JSON_FIELDS.map((f) => f.field));
    const bad: string[] = [];
    const fixed: Record<string, string> = {};
    const dropped: string[] = [];
    JSON_FIELDS.forEach(({ field, name, empty }, i) => {
      const text = values[i + 1];
      if (text === null) return;
      try {
        JSON.parse(text);
      } catch (err) {
        // The parser's message quotes the text; only its position is kept (never echo a payload).
        const at = /at position (\d+)/.exec(errorMessage(err))?.[1];
        const verb = name === "options" ? "are" : "is";
        bad.push(`the job's ${name} ${verb} not JSON${at ? ` (at position ${at})` : ""}`);
        if (empty === null) dropped.push(field);
        else fixed[field] = empty;
      }
    });
    if (bad.length === 0) return null;
    // Readable again (emptied), so that whatever reads the failed job later can.
    if (Object.keys(fixed).length > 0) await this.redis.hset(key, fixed);
    if (dropped.length > 0) await this.redis.hdel(key, ...dropped);
    const json: JobJson = {
      id,
      name: values[0] ?? "",
      data: "{}",
      opts: {},
      progress: 0,
      attemptsMade: 0,
      attemptsStarted: 1,
      timestamp: Date.now(),
      failedReason: "",
      returnvalue: "",
      stalledCounter: 0,
    };
    const job = this.createJob(json, id);
    job.token = token;
    unreadableJobs.set(job, bad.join("; "));
    return job;
  }
}

/** The fields of a job's hash that BullMQ parses as JSON, and what stands for them once emptied. */
const JSON_FIELDS = [
  { field: "data", name: "data", empty: "{}" },
  { field: "opts", name: "options", empty: "{}" },
  { field: "progress", name: "progress", empty: "0" },
  { field: "parent", name: "parent", empty: null },
] as const;

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
  const timedPool = ownExecutor && timesItsRuns(executor) ? executor : null;
  const workers = new Map<string, Worker>();
  /** Queues served here that the registry did not list at the last look, since when (ms). */
  const missingSince = new Map<string, number>();
  /** Workers of queues left, still closing. */
  const leaving = new Set<Worker>();
  /** Jobs running here, with the controller that hands them back on stop. */
  const running = new Map<string, AbortController>();
  let stopping = false;
  let stopped: Promise<void> | null = null;
  /** While stopping: ends the grace now. */
  let hurry: (() => void) | null = null;

  const processorFor =
    (queueName: string) =>
    async (job: Job, token?: string, signal?: AbortSignal): Promise<JobResult> => {
      const id = job.id ?? "?";
      let parsed: ReturnType<typeof parseJobPayload>;
      try {
        const unreadable = unreadableJobs.get(job);
        if (unreadable) throw new PayloadRejected(unreadable);
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
        // A prefetched job waits here for a thread; its time limit starts with its run (the
        // pool's clock starts when a thread begins it, after the thread's start-up).
        await slots.acquire(controller.signal);
        held = true;
        if (timeoutMs && !timedPool)
          timer = setTimeout(() => controller.abort({ kind: "timeout" }), timeoutMs);
        const t0 = performance.now();
        const buffer =
          timeoutMs && timedPool
            ? await timedPool.runWithin(task, controller.signal, timeoutMs)
            : await executor.run(task, controller.signal);
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
        const message =
          reason === "timeout" || err instanceof RunTimedOut
            ? `timed out after ${timeoutMs / 1000} s`
            : errorMessage(err);
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

  const registry = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  registry.on("error", onError);

  /** Starts serving a queue; resolves once its Worker is connected. */
  const serve = (queueName: string): Promise<void> => {
    if (workers.has(queueName) || stopping) return Promise.resolve();
    const worker = new GuardedWorker(
      queueName,
      processorFor(queueName),
      {
        connection,
        concurrency: concurrency * (1 + prefetch),
        lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
        stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
        maxStalledCount: options.maxStalledCount ?? 2,
      },
      registry,
    );
    worker.on("error", onError);
    worker.run().catch(onError);
    workers.set(queueName, worker);
    return worker.waitUntilReady().then(() => emit({ type: "serving", queue: queueName }));
  };

  /** Closes a queue's Worker without waiting for it (a close may hang while Redis is away). */
  const leave = (name: string, worker: Worker) => {
    workers.delete(name);
    missingSince.delete(name);
    leaving.add(worker);
    worker.close().then(
      () => {
        leaving.delete(worker);
        emit({ type: "left", queue: name });
      },
      (err: unknown) => {
        leaving.delete(worker);
        onError(err);
      },
    );
  };
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
      for (const name of live) {
        missingSince.delete(name);
        serve(name).catch(onError);
      }
      const now = Date.now();
      for (const [name, worker] of workers) {
        if (live.has(name)) continue;
        const since = missingSince.get(name) ?? now;
        missingSince.set(name, since);
        if (running.size > 0 || now - since < LEAVE_AFTER_MS) continue;
        leave(name, worker);
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
    stop(graceMs: number): Promise<void> {
      // A second call (a second signal) hands the running jobs back now.
      if (stopping) {
        hurry?.();
        return stopped ?? Promise.resolve();
      }
      stopping = true;
      clearTimeout(timer);
      stopped = (async () => {
        const all = [...workers.values(), ...leaving];
        const closing = Promise.allSettled(all.map((w) => w.close()));
        const returnAll = () => {
          for (const controller of running.values()) controller.abort({ kind: "return" });
        };
        let handBack: NodeJS.Timeout | undefined;
        let deadline: NodeJS.Timeout | undefined;
        try {
          const closed = await Promise.race([
            closing.then(() => true),
            new Promise<false>((resolve) => {
              const arm = (graceMs: number) => {
                clearTimeout(handBack);
                clearTimeout(deadline);
                handBack = setTimeout(returnAll, graceMs);
                deadline = setTimeout(() => resolve(false), graceMs + CLOSE_SLACK_MS);
              };
              arm(Math.max(0, graceMs));
              hurry = () => arm(0);
            }),
          ]);
          if (!closed) {
            let cut: NodeJS.Timeout | undefined;
            await Promise.race([
              Promise.allSettled(all.map(cutConnections)),
              new Promise((resolve) => {
                cut = setTimeout(resolve, CUT_WAIT_MS);
              }),
            ]);
            clearTimeout(cut);
          }
        } finally {
          clearTimeout(handBack);
          clearTimeout(deadline);
          hurry = null;
          registry.disconnect();
          if (ownExecutor) await executor.close();
        }
      })();
      return stopped;
    },
  };
}

/** Drops a Worker's Redis connections at once, reconnection included (close() can hang). */
async function cutConnections(worker: Worker): Promise<void> {
  const clients = await Promise.allSettled([worker.backend.client, worker.backend.blockingClient]);
  for (const c of clients) {
    if (c.status === "fulfilled" && c.value) (c.value as unknown as { disconnect(): void }).disconnect();
  }
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
