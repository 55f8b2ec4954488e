import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { Piscina } from "piscina";
import type { Executor, JobOutputBuffer, JobTask } from "./types.js";

/**
 * A piscina pool of worker threads, each loading the model once. A task that throws rejects
 * with its error; one that kills its worker (process.exit, heap exhaustion past the
 * resource limit) rejects with the worker's exit; an aborted task terminates its worker.
 * Piscina replaces lost workers, so the pool keeps its size.
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

export function createPool(options: PoolOptions = {}): Executor {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkerCount()));
  const file = options.workerFile ?? new URL("./worker.js", import.meta.url);
  configureWorkerHeaps();
  const pool = new Piscina<JobTask, JobOutputBuffer>({
    filename: file.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DEFAULT_WORKER_HEAP_MB },
  });
  let closed = false;
  return {
    concurrency: workers,
    run(task, signal) {
      return pool.run(task, { signal });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}
