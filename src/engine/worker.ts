import { Piscina } from "piscina";
import { simulate } from "../model/index.js";
import { applyTestFault } from "./faults.js";
import { executeJob } from "./job.js";
import type { JobTask } from "./types.js";

/**
 * The piscina worker: the model is loaded once per worker thread (this module's import), and
 * each task runs one job. The result is one Float64Array, moved (not copied) to the main thread.
 */
export default function runTask(task: JobTask): ReturnType<typeof Piscina.move> {
  applyTestFault(task, true);
  return Piscina.move(executeJob(simulate, task));
}
