import { Piscina } from "piscina";
import type { JobTask } from "../engine/types.js";
import { simulate } from "../model/index.js";
import { packCompareOutput } from "./compareJob.js";

/**
 * The worker module `compare` hands to the engine's pool (createPool({ workerFile })): one run
 * with firm records, packed as the engine's job output plus the firm columns it needs.
 */
export default function runCompareTask(task: JobTask) {
  const result = simulate(task.params, task.seed, { recordFirms: true, checkBooks: task.checkBooks });
  return Piscina.move(packCompareOutput(result));
}
