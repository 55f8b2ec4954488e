import { parentPort, threadId } from "node:worker_threads";
import { Piscina } from "piscina";
import { applyTestFault } from "../../engine/faults.js";
import { packJobOutput } from "../../engine/job.js";
import * as pool from "../../engine/pool.js";
import type { JobTask } from "../../engine/types.js";
import { simulate } from "../../model/index.js";
import { packMoments, runMoments } from "./moments.js";

/** A calibration task: an engine task plus the burn-in the moments are measured after. */
export interface MomentsTask extends JobTask {
  burnIn: number;
}

/** Runs one job: its moments packed in front of the engine's job output (packMoments). */
export function executeMomentsJob(task: MomentsTask): Float64Array {
  const result = simulate(task.params, task.seed, { recordFirms: true, checkBooks: task.checkBooks });
  return packMoments(runMoments(result, task.burnIn), packJobOutput(result));
}

/*
 * The worker module calibrate hands to the engine's pool (createPool({ workerFile })). It speaks
 * the pool's protocol as engine/worker.ts does where the pool sends { task, state } and waits for
 * a "loaded" message before it terminates a thread; a pool that sends the bare task gets the same.
 */
const protocol = pool as unknown as { LOADED_MESSAGE?: string; TASK_WAITING?: number; TASK_STARTED?: number };
if (protocol.LOADED_MESSAGE) parentPort?.postMessage({ type: protocol.LOADED_MESSAGE, threadId });

export default function runMomentsTask(
  message: MomentsTask | { task: MomentsTask; state: Int32Array },
): unknown {
  let task: MomentsTask;
  if ("state" in message && message.state instanceof Int32Array) {
    const waiting = protocol.TASK_WAITING ?? 0;
    if (Atomics.compareExchange(message.state, 0, waiting, protocol.TASK_STARTED ?? 1) !== waiting) {
      return new Float64Array(0);
    }
    Atomics.notify(message.state, 0);
    task = message.task;
  } else {
    task = message as MomentsTask;
  }
  applyTestFault(task, true);
  return Piscina.move(executeMomentsJob(task));
}
