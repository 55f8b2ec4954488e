import { simulate } from "../model/index.js";
import { applyTestFault } from "./faults.js";
import { executeJob } from "./job.js";
import { poolWorker } from "./workerTask.js";

/**
 * The piscina worker of sweeps: the model is loaded once per worker thread (this module's import),
 * and each task runs one job; the result is one Float64Array, moved to the main thread.
 */
export default poolWorker((task) => {
  applyTestFault(task, true);
  return executeJob(simulate, task);
});
