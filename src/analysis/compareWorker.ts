import { applyTestFault } from "../engine/faults.js";
import { poolWorker } from "../engine/workerTask.js";
import { simulate } from "../model/index.js";
import { packCompareOutput } from "./compareJob.js";

/**
 * The worker module `compare` hands to the engine's pool (createPool({ workerFile })): one run
 * with firm records, packed as the engine's job output plus the firm columns it needs. Test
 * faults (ECOSIM_TEST_FAULTS, never set in normal use) apply as in the sweep's worker.
 */
export default poolWorker((task) => {
  applyTestFault(task, true);
  const result = simulate(task.params, task.seed, { recordFirms: true, checkBooks: task.checkBooks });
  return packCompareOutput(result);
});
