import {
  checkResumableDir,
  type PackedRecovery,
  PackedRunStore,
  type PlanFile,
  type ResumableDirSpec,
  type ResumableState,
  RUNS_BIN,
  RUNS_JSONL,
  runTasks,
} from "../../engine/index.js";
import type { Executor } from "../../engine/types.js";
import {
  decodeOutcome,
  evaluateValidation,
  factsTask,
  planValidation,
  type RunOutcome,
  type ValidationConfig,
  type ValidationPlan,
  type ValidationResult,
  validationExecutor,
  validationIdentity,
} from "./run.js";

/**
 * `ecosim validate --out DIR`, resumable as compare is, on the same machinery (the engine's
 * resumable.ts and packedRuns.ts):
 *   validation-plan.json   what is validated (the configuration) and its identity; status
 *                          running → interrupted/complete
 *   runs.bin               every finished run's packed outputs (its stylized facts and series),
 *                          appended and synced as it finishes: what --resume reads back
 *   runs.jsonl             one line per finished run (job, label, seed, facts)
 *   validation.json, validation.md, validation-*.vl.json|svg|png   written at the end
 * The folder is checked before any run; the end is atomic (a hidden sibling renamed into
 * place), so an interrupt while the charts render leaves the folder resumable; a resumed
 * validation runs only the missing runs and gives the table of an uninterrupted one.
 */

export const VALIDATION_PLAN = "validation-plan.json";
const PLAN_FORMAT = "ecosim-validation-plan/1";

/** Everything else a validation folder may hold: its chart files. */
const CHART_FILE = /^validation-[\w-]+\.(vl\.json|svg|png)$/;

/** The entries a validation folder may hold (names; "name/" for a folder). */
export const VALIDATION_DIR_ENTRIES: readonly string[] = [
  VALIDATION_PLAN,
  `${VALIDATION_PLAN}.tmp`,
  RUNS_BIN,
  RUNS_JSONL,
  "validation.json",
  "validation.md",
];

/** Whether a validation folder may hold this entry. */
export function isValidationEntry(entry: string): boolean {
  return VALIDATION_DIR_ENTRIES.includes(entry) || CHART_FILE.test(entry);
}

/** validation-plan.json. */
export interface ValidationPlanFile extends PlanFile {
  format: typeof PLAN_FORMAT;
  /** The configuration that decides the runs (the worker count aside). */
  config: Omit<ValidationResult["config"], "workers">;
  /** The runs of the validation. */
  runs: number;
}

function validationSpec(
  identity: string,
  options: { resume: boolean; force?: boolean; keep?: readonly string[] },
): ResumableDirSpec<ValidationPlanFile> {
  return {
    planFile: VALIDATION_PLAN,
    format: PLAN_FORMAT,
    identity,
    kind: "validate",
    owns: isValidationEntry,
    noun: "validation",
    describe: (plan) => {
      const c = plan.config;
      return (
        `a validation of another configuration (baseline ${c?.firms} firms, ${c?.burnIn} quarters burn-in + ` +
        `${c?.years} years, ${c?.replications} replications, seed ${c?.seed}` +
        (c?.policy
          ? `; policy checks ${c.policy.firms} firms, ${c.policy.years} years`
          : "; no policy checks") +
        ")"
      );
    },
    legacyMarker: "validation.json",
    resume: options.resume,
    force: options.force ?? false,
    keep: options.keep,
  };
}

/**
 * Checks `dir` as the folder of this validation before anything runs; throws OutputDirError
 * (exit 2, nothing written) saying what is there when it cannot be used: absent or empty → a
 * fresh validation; the same validation → reused with `resume`, replaced with `force`, refused
 * otherwise; anything else → refused, replaced with `force`.
 */
export function checkValidationDir(
  dir: string,
  identity: string,
  options: { resume: boolean; force?: boolean; keep?: readonly string[] },
): ResumableState {
  return checkResumableDir(dir, validationSpec(identity, options));
}

export type ValidationEvent =
  /** --resume found finished runs (and cut a torn tail, dropped unreadable records). */
  | ({ type: "resumed" } & PackedRecovery)
  /** The runs start: `toRun` of the `total` not done yet. */
  | { type: "start"; toRun: number; total: number }
  | { type: "progress"; done: number; total: number; label: string }
  | { type: "writing" };

export interface ValidationWorkflowOptions {
  config: ValidationConfig;
  /** The validation's folder. */
  out: string;
  /** Reuse the finished runs of this validation in `out`. */
  resume: boolean;
  /** Replace whatever `out` holds (deleted when the runs start). */
  force?: boolean;
  /** Files the folder must not hold (the scenario file). */
  keep?: readonly string[];
  /** Where the runs go (default: validationExecutor(config), closed at the end). */
  executor?: Executor;
  signal?: AbortSignal;
  onEvent?: (e: ValidationEvent) => void;
  /**
   * Writes the validation's own files (validation.json, validation.md, charts) into `dir`, a
   * hidden sibling of `out` that replaces it once everything is there; returns their paths.
   */
  write: (dir: string, result: ValidationResult) => Promise<string[]>;
}

export interface ValidationWorkflowOutcome {
  /** Stopped by the signal: every finished run is saved in `out` for --resume. */
  interrupted: boolean;
  /** Null when interrupted. */
  result: ValidationResult | null;
  /** Runs done by this call, and runs read back from `out`. */
  ran: number;
  reused: number;
  total: number;
  /** What was in `out` before: fresh (nothing), resume, or replace (--force). */
  state: ResumableState;
  /** Paths written (empty when interrupted). */
  files: string[];
}

/** One line of runs.jsonl. */
function runLine(plan: ValidationPlan, i: number, outcome: RunOutcome): string {
  const job = plan.jobs[i];
  return JSON.stringify({ job: i, label: job.label, seed: job.seed, facts: outcome.facts.facts });
}

export async function runValidationWorkflow(
  options: ValidationWorkflowOptions,
): Promise<ValidationWorkflowOutcome> {
  const started = performance.now();
  const { config } = options;
  const signal = options.signal ?? new AbortController().signal;
  const plan = planValidation(config);
  const identity = validationIdentity(plan);
  const total = plan.jobs.length;
  const outcomes: (RunOutcome | undefined)[] = new Array(total);
  const lines: string[] = new Array(total);
  const keep = (i: number, buffer: Float64Array): string => {
    const outcome = decodeOutcome(buffer, config.burnIn);
    outcomes[i] = outcome;
    lines[i] = runLine(plan, i, outcome);
    return lines[i];
  };
  const described: ValidationPlanFile["config"] = {
    replications: config.replications,
    firms: config.firms,
    burnIn: config.burnIn,
    years: config.years,
    seed: config.seed,
    policy: config.policy,
    ticks: plan.ticks,
    policyTicks: plan.policyTicks,
  };
  let ran = 0;
  const { store, recovery } = PackedRunStore.open<ValidationPlanFile>({
    dir: options.out,
    spec: validationSpec(identity, options),
    plan: { format: PLAN_FORMAT, identity, config: described, runs: total },
    accept: (run) => {
      if (run.index !== 0 || run.group >= total) return null;
      try {
        return keep(run.group, run.buffer);
      } catch {
        return null;
      }
    },
  });
  if (recovery.runs > 0 || recovery.tornBytes > 0 || recovery.dropped > 0) {
    options.onEvent?.({ type: "resumed", ...recovery });
  }
  const outcome = (interrupted: boolean, result: ValidationResult | null, files: string[]) => ({
    interrupted,
    result,
    ran,
    reused: recovery.runs,
    total,
    state: store.state,
    files,
  });
  const executor = options.executor ?? validationExecutor(config);
  try {
    const pending = plan.jobs.map((_, i) => i).filter((i) => !outcomes[i]);
    options.onEvent?.({ type: "start", toRun: pending.length, total });
    let done = total - pending.length;
    const stopped = await runTasks(pending, {
      executor,
      signal,
      task: (i) => factsTask(plan, i),
      onDone: (i, buffer) => {
        store.append({ group: i, index: 0, buffer }, keep(i, buffer));
        ran++;
        options.onEvent?.({ type: "progress", done: ++done, total, label: plan.jobs[i].label });
      },
      failure: (i, err) => {
        const job = plan.jobs[i];
        const why = err instanceof Error ? err.message : String(err);
        return new ValidationRunError(`run ${job.label} on seed ${job.seed} failed: ${why}`, { cause: err });
      },
    });
    if (stopped || signal.aborted) {
      store.close("interrupted");
      return outcome(true, null, []);
    }
    const result = evaluateValidation(plan, outcomes as RunOutcome[], performance.now() - started);
    options.onEvent?.({ type: "writing" });
    const order = lines.map((line, i) => ({ group: i, index: 0, line }));
    const files = await store.finish(
      order,
      (dir) => options.write(dir, result),
      () => signal.aborted,
    );
    if (files === null) {
      store.close("interrupted");
      return outcome(true, null, []);
    }
    return outcome(false, result, files);
  } catch (err) {
    store.close("interrupted");
    throw err;
  } finally {
    if (!options.executor) await executor.close();
  }
}

/** A run failed: the validation cannot be made (its finished runs are saved for --resume). */
export class ValidationRunError extends Error {
  readonly exitCode = 1;
}
