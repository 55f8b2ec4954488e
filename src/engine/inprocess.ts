import { simulate } from "../model/index.js";
import type { RunResult, SimulateOptions } from "../model/types.js";
import { applyTestFault } from "./faults.js";
import { executeJob } from "./job.js";
import type { Executor } from "./types.js";

/**
 * Runs jobs on the calling thread. `runOnce` is what `ecosim run` uses (it needs the whole
 * RunResult, firm records included); `createInProcessExecutor` runs a sweep's tasks one at a
 * time without workers (no timeouts or crash isolation: a hung job hangs the caller).
 */
export function runOnce(
  params: Parameters<typeof simulate>[0],
  seed: number,
  options?: SimulateOptions,
): RunResult {
  return simulate(params, seed, options);
}

export function createInProcessExecutor(): Executor {
  return {
    concurrency: 1,
    async run(task, signal) {
      if (signal.aborted) throw signal.reason;
      // Let an abort that arrived while the task was queued win over starting it.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) throw signal.reason;
      applyTestFault(task, false);
      return executeJob(simulate, task);
    },
    async close() {},
  };
}
