/**
 * ecosim as a library: `import { simulate, defaultParams, loadScenario, … } from "ecosim"`.
 * The command line (`ecosim …`, src/cli) is built on the same functions.
 *
 *   const params = defaultParams();                          // or loadScenario(file).params
 *   const run = simulate(params, 7, { recordFirms: true });   // per-quarter series, spending
 *   const outcomes = summarize(run);                          // the per-run outcomes
 *
 *   const scenario = applyOverrides(loadScenario("scenarios/guarantee-sweep.yaml"), { replications: 2 });
 *   const plan = planJobs(scenario);
 *   const describe = { scenario: describeScenario(scenario), design: scenario.design, seeds: describeSeeds(scenario) };
 *   const store = ResultStore.open({ dir, plan, resume: false, describe });
 *   const outcome = await runSweep({ plan, store, workers: 4 });
 *
 * compareScenarios(runs) turns the runs of several scenarios on common seeds into paired
 * effects, fiscal costs and cost-effectiveness. runCompareWorkflow is `ecosim compare` without
 * the command line: the runs (resumable, in batches under a precision target), then the
 * comparison; its executor's tasks return packCompareOutput(simulate(…)) buffers, as
 * dist/analysis/compareWorker.js does on createPool({ workerFile }).
 */

export { packCompareOutput } from "./analysis/compareJob.js";
export {
  type CompareJobsOptions,
  type CompareJobsResult,
  type CompareScenario,
  runCompareJobs,
} from "./analysis/compareRuns.js";
export {
  type CompareEvent,
  type CompareResult,
  CompareRunError,
  type CompareWorkflowOptions,
  type CompareWorkflowOutcome,
  runCompareWorkflow,
} from "./analysis/compareWorkflow.js";
export {
  type CeNaReason,
  type CeRow,
  type CompareOptions,
  type Comparison,
  compareScenarios,
  type EffectRow,
  type FiscalRow,
  type TimePoint,
} from "./analysis/comparison.js";
export { OUTCOMES, type OutcomeKey } from "./analysis/outcomes.js";
export type { RunOutputs, ScenarioRuns } from "./analysis/runs.js";
export { createInProcessExecutor } from "./engine/inprocess.js";
export { createPool, defaultWorkerCount, type PoolOptions } from "./engine/pool.js";
export {
  type OpenStoreOptions,
  type Recovery,
  ResultStore,
  type StoreDescription,
  StoreError,
} from "./engine/store.js";
export {
  SUMMARY_FIELDS,
  SUMMARY_KEYS,
  type Summary,
  type SummaryField,
  summarize,
} from "./engine/summary.js";
export {
  runSweep,
  type SweepEvent,
  type SweepFailure,
  type SweepOptions,
  type SweepOutcome,
  type SweepProgress,
} from "./engine/sweep.js";
export type { Executor, RunRecord, SweepPlan } from "./engine/types.js";
export {
  defaultParams,
  INSTRUMENT_NAMES,
  type InstrumentName,
  type ModelParams,
  type ModelParamsInput,
  ModelParamsSchema,
} from "./model/params.js";
export { simulate } from "./model/simulate.js";
export {
  type FirmRecords,
  type RunResult,
  type Simulate,
  type SimulateOptions,
  TICK_METRICS,
  type TickMetricName,
  type TickSeries,
} from "./model/types.js";
export { describeScenario } from "./scenario/describe.js";
export { ScenarioError, type ScenarioIssue } from "./scenario/errors.js";
export { describeSeeds, type JobPlan, type JobSpec, planJobs, type Shard } from "./scenario/jobs.js";
export { type LoadOptions, loadScenario, parseScenarioText, type ResolvedScenario } from "./scenario/load.js";
export { applyOverrides, type Overrides } from "./scenario/overrides.js";
export { listParams, type ParamInfo } from "./scenario/paramTree.js";
export { ScenarioSchema, scenarioJsonSchema } from "./scenario/schema.js";
