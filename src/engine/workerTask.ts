import { parentPort, threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { LOADED_MESSAGE, TASK_STARTED, TASK_WAITING } from "./pool.js";
import type { JobTask } from "./types.js";

/**
 * The worker side of the pool's protocol, for every worker module (sweep, compare, validate,
 * calibrate): the thread says once that its modules are loaded (the pool terminates only loaded
 * threads), and each task first marks itself started (its time limit counts from there); a task
 * the pool gave up before this thread reached it is skipped. `run` computes the result.
 */
export function poolWorker<T extends JobTask>(
  run: (task: T) => Float64Array,
): (message: { task: T; state: Int32Array }) => unknown {
  parentPort?.postMessage({ type: LOADED_MESSAGE, threadId });
  return ({ task, state }) => {
    if (Atomics.compareExchange(state, 0, TASK_WAITING, TASK_STARTED) !== TASK_WAITING) {
      return new Float64Array(0);
    }
    Atomics.notify(state, 0);
    return Piscina.move(run(task));
  };
}
