import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { Piscina } from "piscina";
import type { Executor, JobOutputBuffer, JobTask } from "./types.js";

/**
 * A piscina pool of worker threads, each loading the model once. A task that throws rejects
 * with its error; one that kills its worker (process.exit, heap exhaustion past the
 * resource limit) rejects with the worker's exit; an aborted or timed-out task that has begun
 * terminates its worker. Piscina replaces lost workers, so the pool keeps its size.
 */
export interface PoolOptions {
  /** Worker threads (default: available parallelism). */
  workers?: number;
  /** The worker module (default: worker.js next to this file). Tests pass the built one. */
  workerFile?: URL;
  /** Heap limit of each worker in MB: a job past it fails instead of taking the machine down. */
  maxOldGenerationSizeMb?: number;
}

/** Default heap limit of a worker: generous, since one run of 10^6 firms needs a few GB. */
export const DEFAULT_WORKER_HEAP_MB = 8192;

/**
 * Initial old-generation size of each worker's heap (MB). A job's world outlives a few scavenges,
 * so about 1 MB of it is promoted per job; with V8's small default starting size the old
 * generation then reached its limit every second job of ~100 ms, and each of those mark-compacts
 * ran concurrent marking and sweeping on V8's helper threads, which with one worker per core
 * compete with the workers (measured per thread from /proc: 0.42 CPU-s of helper time per 32
 * jobs of 10^4 firms x 20 ticks with the default, 18 mark-compacts; 0.07 CPU-s and 2 with 32 MB).
 */
export const WORKER_INITIAL_OLD_SPACE_MB = 32;

let workerHeapConfigured = false;

/**
 * Sets the initial old-space size for isolates created from now on (the worker threads). V8 reads
 * it when it configures a new heap, so this process's own heap keeps its size.
 */
function configureWorkerHeaps(): void {
  if (workerHeapConfigured) return;
  workerHeapConfigured = true;
  setFlagsFromString(`--initial-old-space-size=${WORKER_INITIAL_OLD_SPACE_MB}`);
}

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** What the pool sends a worker thread: the task and the flag that says it has started. */
export interface PoolTask {
  task: JobTask;
  /**
   * Int32 on shared memory: 0 while the task waits, 1 once its thread has begun it (the thread
   * sets it), 2 when the pool gave it up before it began (the thread then skips it).
   */
  state: Int32Array;
}

export const TASK_WAITING = 0;
export const TASK_STARTED = 1;
export const TASK_CANCELLED = 2;

/** The message a worker thread posts once its modules are loaded (see worker.ts). */
export const LOADED_MESSAGE = "ecosim-worker-loaded";

/** An attempt that ran past its time limit (counted from the moment its thread began it). */
export class RunTimedOut extends Error {
  override readonly name = "RunTimedOut";
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s`);
  }
}

/**
 * An executor that enforces a time limit itself, counting only the run: not the wait for a
 * thread, nor a new thread's start-up (loading the model takes 1-2 s on a busy machine).
 */
export interface TimedExecutor extends Executor {
  /** Like run; rejects with RunTimedOut when the run takes longer than `timeoutMs`. */
  runWithin(task: JobTask, signal: AbortSignal, timeoutMs: number): Promise<JobOutputBuffer>;
}

export function timesItsRuns(executor: Executor): executor is TimedExecutor {
  return typeof (executor as Partial<TimedExecutor>).runWithin === "function";
}

/** Most worker threads a pool may have here: 4 per core (more only add memory and switching). */
export function maxWorkerCount(): number {
  return 4 * defaultWorkerCount();
}

/** How long close() waits for threads that are still loading their modules. */
const LOAD_WAIT_MS = 30_000;

type WaitAsync = (
  cell: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

/** Resolves once `state` leaves TASK_WAITING. */
function whenNotWaiting(state: Int32Array): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
  const r = waitAsync(state, 0, TASK_WAITING);
  return r.async ? r.value.then(() => undefined) : Promise.resolve();
}

function abortError(reason: unknown): Error {
  const err = new Error("The task has been aborted", { cause: reason });
  err.name = "AbortError";
  return err;
}

/**
 * Threads are terminated only once they have loaded their modules: Node aborts the whole
 * process ("v8::Module::IsGraphAsync must be used on an instantiated module") when a worker
 * thread is terminated while it is still loading them. A task aborted, or timed out, after its
 * thread began it terminates that thread (piscina starts another); a task given up before it
 * began is marked cancelled, and its thread skips it when it gets there. close() lets threads
 * that are still loading finish first.
 */
export function createPool(options: PoolOptions = {}): TimedExecutor {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkerCount()));
  const file = options.workerFile ?? new URL("./worker.js", import.meta.url);
  configureWorkerHeaps();
  const pool = new Piscina<PoolTask, JobOutputBuffer>({
    filename: file.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DEFAULT_WORKER_HEAP_MB },
  });
  const loaded = new Set<number>();
  pool.on("message", (message: unknown) => {
    const m = message as { type?: unknown; threadId?: unknown } | null;
    if (m?.type === LOADED_MESSAGE && typeof m.threadId === "number") loaded.add(m.threadId);
  });
  // Piscina emits 'error' when a result arrives for a task that was aborted meanwhile ("Unexpected
  // message from Worker": the run had finished as its abort was sent), and when a thread fails
  // while it has no task. Neither belongs to a task still waited for (tasks reject on their own),
  // and without a listener the event would kill the process.
  pool.on("error", () => {});
  let closed = false;

  const runWithin = (task: JobTask, signal: AbortSignal, timeoutMs: number) =>
    new Promise<JobOutputBuffer>((resolve, reject) => {
      if (closed) return reject(new Error("the worker pool is closed"));
      if (signal.aborted) return reject(abortError(signal.reason));
      const state = new Int32Array(new SharedArrayBuffer(4));
      const inner = new AbortController();
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      };
      /** Gives the task up: skipped if its thread has not begun it, else its thread is terminated. */
      const giveUp = () => {
        if (Atomics.compareExchange(state, 0, TASK_WAITING, TASK_CANCELLED) === TASK_WAITING) {
          Atomics.notify(state, 0);
        } else inner.abort();
      };
      const onAbort = () => {
        if (settled) return;
        settle();
        reject(abortError(signal.reason));
        giveUp();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      void whenNotWaiting(state).then(() => {
        if (settled || timeoutMs <= 0 || Atomics.load(state, 0) !== TASK_STARTED) return;
        timer = setTimeout(() => {
          if (settled) return;
          settle();
          reject(new RunTimedOut(timeoutMs));
          giveUp();
        }, timeoutMs);
      });
      pool.run({ task, state }, { signal: inner.signal }).then(
        (result) => {
          if (settled) return;
          settle();
          resolve(result);
        },
        (err: unknown) => {
          // Never begun (the pool was destroyed, its thread died loading): release the waiter.
          if (Atomics.compareExchange(state, 0, TASK_WAITING, TASK_CANCELLED) === TASK_WAITING)
            Atomics.notify(state, 0);
          if (settled) return;
          settle();
          reject(err);
        },
      );
    });

  return {
    concurrency: workers,
    run: (task, signal) => runWithin(task, signal, 0),
    runWithin,
    async close() {
      if (closed) return;
      closed = true;
      const t0 = performance.now();
      while (pool.threads.some((t) => !loaded.has(t.threadId)) && performance.now() - t0 < LOAD_WAIT_MS) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await pool.destroy();
    },
  };
}
