import { parentPort, threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { applyTestFault } from "../../engine/faults.js";
import { packJobOutput } from "../../engine/job.js";
import * as pool from "../../engine/pool.js";
import type { JobTask } from "../../engine/types.js";
import { simulate } from "../../model/index.js";
import { packFacts, runFacts } from "./facts.js";

/** A validation task: an engine task plus the burn-in the facts are measured after. */
export interface FactsTask extends JobTask {
  burnIn: number;
}

/**
 * Runs one validation job and returns its facts packed in front of the engine's job output. Test
 * faults (ECOSIM_TEST_FAULTS, never set in normal use) apply as in the sweep's worker.
 */
export function executeFactsJob(task: FactsTask, inWorker = false): Float64Array {
  applyTestFault(task, inWorker);
  const result = simulate(task.params, task.seed, {
    recordFirms: task.recordFirms,
    checkBooks: task.checkBooks,
  });
  return packFacts(runFacts(result, { burnIn: task.burnIn }), packJobOutput(result));
}

// The pool's protocol, as compareWorker.ts speaks it: where the pool sends { task, state } (a
// shared flag the thread sets when it begins the task, and that says when the pool gave the task
// up) and waits for a thread's "loaded" message before it ever terminates it, so does this
// worker; a pool that sends the bare task gets the same results.
const protocol = pool as unknown as { LOADED_MESSAGE?: string; TASK_WAITING?: number; TASK_STARTED?: number };
if (protocol.LOADED_MESSAGE) parentPort?.postMessage({ type: protocol.LOADED_MESSAGE, threadId });

/** The piscina worker of `validate`, run on the engine's pool (createPool with this file). */
export default function runFactsTask(message: FactsTask | { task: FactsTask; state: Int32Array }): unknown {
  let task: FactsTask;
  if ("state" in message && message.state instanceof Int32Array) {
    const waiting = protocol.TASK_WAITING ?? 0;
    if (Atomics.compareExchange(message.state, 0, waiting, protocol.TASK_STARTED ?? 1) !== waiting) {
      return new Float64Array(0);
    }
    Atomics.notify(message.state, 0);
    task = message.task;
  } else {
    task = message as FactsTask;
  }
  return Piscina.move(executeFactsJob(task, true));
}
