import { parentPort, threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { simulate } from "../model/index.js";
import { applyTestFault } from "./faults.js";
import { executeJob } from "./job.js";
import { LOADED_MESSAGE, type PoolTask, TASK_STARTED, TASK_WAITING } from "./pool.js";

/**
 * The piscina worker: the model is loaded once per worker thread (this module's import), and
 * each task runs one job. The result is one Float64Array, moved (not copied) to the main thread.
 * A task first marks itself started (its time limit counts from there); one the pool gave up
 * before this thread got to it is skipped.
 */
// The pool terminates a thread only once it has said that its modules are loaded.
parentPort?.postMessage({ type: LOADED_MESSAGE, threadId });

export default function runTask({ task, state }: PoolTask): ReturnType<typeof Piscina.move> {
  if (Atomics.compareExchange(state, 0, TASK_WAITING, TASK_STARTED) !== TASK_WAITING) {
    return new Float64Array(0);
  }
  Atomics.notify(state, 0);
  applyTestFault(task, true);
  return Piscina.move(executeJob(simulate, task));
}
