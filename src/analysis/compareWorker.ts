import { parentPort, threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { applyTestFault } from "../engine/faults.js";
import * as pool from "../engine/pool.js";
import type { JobTask } from "../engine/types.js";
import { simulate } from "../model/index.js";
import { packCompareOutput } from "./compareJob.js";

/**
 * The worker module `compare` hands to the engine's pool (createPool({ workerFile })): one run
 * with firm records, packed as the engine's job output plus the firm columns it needs. Test
 * faults (ECOSIM_TEST_FAULTS, never set in normal use) apply as in the sweep's worker.
 *
 * It speaks the pool's protocol as engine/worker.ts does: where the pool sends { task, state }
 * (a shared flag the thread sets when it begins the task, and that says when the pool gave the
 * task up) and waits for a thread's "loaded" message before it ever terminates it, so does this
 * worker; a pool that sends the bare task gets the same results.
 */
const protocol = pool as unknown as { LOADED_MESSAGE?: string; TASK_WAITING?: number; TASK_STARTED?: number };
if (protocol.LOADED_MESSAGE) parentPort?.postMessage({ type: protocol.LOADED_MESSAGE, threadId });

/** One run; returns its packed outputs, moved to the main thread (or nothing for a task given up). */
export default function runCompareTask(message: JobTask | { task: JobTask; state: Int32Array }): unknown {
  let task: JobTask;
  if ("state" in message && message.state instanceof Int32Array) {
    const waiting = protocol.TASK_WAITING ?? 0;
    if (Atomics.compareExchange(message.state, 0, waiting, protocol.TASK_STARTED ?? 1) !== waiting) {
      return new Float64Array(0);
    }
    Atomics.notify(message.state, 0);
    task = message.task;
  } else {
    task = message as JobTask;
  }
  applyTestFault(task, true);
  const result = simulate(task.params, task.seed, { recordFirms: true, checkBooks: task.checkBooks });
  return Piscina.move(packCompareOutput(result));
}
