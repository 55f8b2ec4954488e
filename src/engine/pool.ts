import { availableParallelism } from "node:os";
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

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

export function createPool(options: PoolOptions = {}): Executor {
  const workers = Math.max(1, Math.floor(options.workers ?? defaultWorkerCount()));
  const file = options.workerFile ?? new URL("./worker.js", import.meta.url);
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
