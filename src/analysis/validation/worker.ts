import { Piscina } from "piscina";
import { packJobOutput } from "../../engine/job.js";
import type { JobTask } from "../../engine/types.js";
import { simulate } from "../../model/index.js";
import { packFacts, runFacts } from "./facts.js";

/** A validation task: an engine task plus the burn-in the facts are measured after. */
export interface FactsTask extends JobTask {
  burnIn: number;
}

/** Runs one validation job and returns its facts packed in front of the engine's job output. */
export function executeFactsJob(task: FactsTask): Float64Array {
  const result = simulate(task.params, task.seed, {
    recordFirms: task.recordFirms,
    checkBooks: task.checkBooks,
  });
  return packFacts(runFacts(result, { burnIn: task.burnIn }), packJobOutput(result));
}

/** The piscina worker of `validate`, run on the engine's pool (createPool with this file). */
export default function runFactsTask(task: FactsTask): ReturnType<typeof Piscina.move> {
  return Piscina.move(executeFactsJob(task));
}
