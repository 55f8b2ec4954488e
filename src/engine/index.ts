/**
 * The engine: runs a list of jobs and keeps their results. One concept per file:
 *
 *   types.ts      SweepPlan (what a plan must offer; src/scenario's JobPlan fits, its jobs are JobSpec),
 *                 JobTask (plain data sent to a worker), RunRecord (one line of runs.jsonl),
 *                 Executor (anything that runs tasks: in-process, piscina, a remote queue)
 *   summary.ts    summarize(result) → Summary: the per-run outcomes (SUMMARY_KEYS), a pure function
 *                 of the run result; summaryValues / summaryFromValues its packed form
 *   job.ts        executeJob(simulate, task) → one Float64Array (summary + per-tick series);
 *                 decodeJobOutput(buffer) → { summary, ticks, series }
 *   worker.ts     the piscina worker: loads the model once, runs tasks, moves results back
 *   pool.ts       createPool({ workers, workerFile, maxOldGenerationSizeMb }) → Executor
 *   runfiles.ts   writeRunDirectory(target, result, manifest): the files of `ecosim run`, atomically
 *   atomicDir.ts  StagedDir, writeDirAtomically(target, fill): a folder written whole (a hidden
 *                 sibling renamed into place), so an interrupt never leaves it half-written
 *   resumable.ts  checkResumableDir, PlanFolder: the plan file of a resumable folder (compare,
 *                 validate, sensitivity) and the check of --out before any run (--resume, --force)
 *   packedRuns.ts PackedRunStore: runs.bin (each finished run's packed outputs, synced) and
 *                 runs.jsonl of a resumable folder; runTasks.ts runTasks(items, { executor, … })
 *                 runs them, stopping on an abort
 *   interrupt.ts  stopOnSignals(): SIGINT/SIGTERM abort a signal (a second one exits at once);
 *                 exitCodeFor (130, 143), commandLine (the --resume command, shell-quoted)
 *   inprocess.ts  runOnce(params, seed, options) → RunResult (for `ecosim run`);
 *                 createInProcessExecutor() → Executor (no threads)
 *   store.ts      ResultStore.open({ dir, plan, resume, describe }): manifest.json, runs.jsonl
 *                 (fsynced per job), ticks.bin sidecar, timings.jsonl; resume and crash recovery;
 *                 finalize() writes runs.csv, runs.parquet, ticks.parquet in job order
 *   sweep.ts      runSweep({ plan, store, executor | workers, timeoutMs, retries, signal,
 *                 graceMs, onProgress, onEvent }) → SweepOutcome
 *   tables.ts     the streamed CSV/Parquet writers; manifest.ts, sidecar.ts, lines.ts, format.ts
 *                 their file formats; columns.ts the per-tick columns; faults.ts test-only faults
 *   bench/        runBench(options) → BenchReport: the figures of `ecosim bench`
 *
 * A sweep in five lines:
 *   const plan = planJobs(scenario);
 *   const store = ResultStore.open({ dir, plan, resume, describe: { scenario, design, seeds } });
 *   const outcome = await runSweep({ plan, store, workers: 8, retries: 1, signal });
 *   if (outcome.interrupted) …print how to resume…
 *   if (outcome.failures.length) …exit non-zero…
 * A distributed backend supplies its own Executor (or drives ResultStore.append itself with
 * records built from decodeJobOutput) and gets the same files, byte for byte.
 * The engine prints nothing: it reports through onProgress/onEvent and its return values.
 */

export { StagedDir, swapIntoPlace, tempSiblingOf, writeDirAtomically } from "./atomicDir.js";
export { type BenchOptions, type BenchReport, runBench } from "./bench/harness.js";
export { SERIES_COLUMNS } from "./columns.js";
export { TEST_FAULTS_ENV } from "./faults.js";
export { csvRow, formatNumber } from "./format.js";
export { createInProcessExecutor, runOnce } from "./inprocess.js";
export { commandLine, exitCodeFor, type SignalStop, shellQuote, stopOnSignals } from "./interrupt.js";
export { decodeJobOutput, executeJob, packJobOutput } from "./job.js";
export {
  hostInfo,
  type Manifest,
  packageVersion,
  planHash,
  readManifest,
  writeJsonAtomic,
} from "./manifest.js";
export {
  checkOutputDir,
  OutputDirError,
  type OutputDirOptions,
  type OutputDirState,
  type ResultKind,
  RUN_DIR_ENTRIES,
  resultKindOf,
  safePathName,
} from "./outputDir.js";
export {
  type PackedRecovery,
  type PackedRun,
  PackedRunStore,
  RUNS_BIN,
  RUNS_JSONL,
} from "./packedRuns.js";
export { createPool, DEFAULT_WORKER_HEAP_MB, defaultWorkerCount, type PoolOptions } from "./pool.js";
export {
  checkResumableDir,
  type PlanFile,
  PlanFolder,
  type PlanKeys,
  type ResumableDirSpec,
  type ResumableState,
  readPlanFile,
} from "./resumable.js";
export { FIRM_CSV_COLUMNS, writeRunDirectory } from "./runfiles.js";
export { type RunTasksOptions, runTasks } from "./runTasks.js";
export { type OpenStoreOptions, type Recovery, ResultStore, StoreError, slotOf } from "./store.js";
export {
  SUMMARY_FIELDS,
  SUMMARY_KEYS,
  type Summary,
  type SummaryField,
  type SummaryKind,
  stableNumber,
  summarize,
  summaryFromValues,
  summaryValues,
} from "./summary.js";
export {
  errorMessage,
  pointColumnsOf,
  runSweep,
  type SweepEvent,
  type SweepFailure,
  type SweepOptions,
  type SweepOutcome,
  type SweepProgress,
} from "./sweep.js";
export { type PointColumn, runColumns, writeTables } from "./tables.js";
export type {
  Executor,
  JobOutput,
  JobOutputBuffer,
  JobTask,
  RunRecord,
  SweepPlan,
  TestFault,
} from "./types.js";
