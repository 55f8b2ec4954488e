import { applyTestFault } from "../../engine/faults.js";
import { packJobOutput } from "../../engine/job.js";
import type { JobTask } from "../../engine/types.js";
import { poolWorker } from "../../engine/workerTask.js";
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

/** The worker module calibrate hands to the engine's pool (createPool({ workerFile })). */
export default poolWorker((task: MomentsTask) => {
  applyTestFault(task, true);
  return executeMomentsJob(task);
});
