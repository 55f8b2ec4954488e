import { applyTestFault } from "../../engine/faults.js";
import { packJobOutput } from "../../engine/job.js";
import type { JobTask } from "../../engine/types.js";
import { poolWorker } from "../../engine/workerTask.js";
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

/** The piscina worker of `validate`, run on the engine's pool (createPool with this file). */
export default poolWorker((task: FactsTask) => executeFactsJob(task, true));
