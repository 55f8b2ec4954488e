import {
  checkResumableDir,
  type PackedRecovery,
  PackedRunStore,
  type ResumableDirSpec,
  RUNS_BIN,
  RUNS_JSONL,
} from "../engine/index.js";
import { hashOf } from "../scenario/index.js";
import type { CompareScenario } from "./compareRuns.js";

/**
 * The folder of a comparison (`compare --out DIR`), resumable like a sweep's:
 *   compare-plan.json  what is compared (scenarios, parameters' hashes, base seed) and the
 *                      comparison's identity; status running → interrupted/complete
 *   runs.bin           every finished run's packed outputs (summary, per-tick series, the firm
 *                      columns the charts need: packCompareOutput), one checksummed record per
 *                      run, appended and synced as each run finishes: what --resume reads back
 *   runs.jsonl         one line per finished run (scenario, replication, seed, summary),
 *                      appended as runs finish, rewritten in order at the end
 *   comparison.json, comparison.csv, charts/, report.html   written at the end
 * The end is atomic: the finished folder is assembled in a hidden sibling and renamed into
 * place, so an interrupt while the charts are written leaves the folder as it was (resumable).
 * The machinery is the engine's (resumable.ts, packedRuns.ts), shared with `validate`.
 */

export const COMPARE_PLAN = "compare-plan.json";
const PLAN_FORMAT = "ecosim-compare-plan/1";

/** Everything a comparison folder may hold (what compare and `ecosim report` write there). */
export const COMPARE_DIR_ENTRIES: readonly string[] = [
  COMPARE_PLAN,
  `${COMPARE_PLAN}.tmp`,
  RUNS_BIN,
  RUNS_JSONL,
  "comparison.json",
  "comparison.csv",
  "report.html",
  "charts/",
];

/** compare-plan.json. */
export interface ComparePlanFile {
  format: typeof PLAN_FORMAT;
  /** Hash of the base seed and of every scenario's name and parameters, in order. */
  identity: string;
  status: "running" | "interrupted" | "complete";
  baseSeed: number;
  scenarios: { name: string; file?: string; paramsHash: string }[];
  /** Replications the comparison last asked for (a --precision run raises it batch by batch). */
  replications: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The identity of a comparison: what decides its runs' outputs (the base seed of the common
 * random numbers and each scenario's parameters) and their names. Replications are not part of
 * it: a resumed or more precise comparison adds seeds to the same sequence crnSeed(seed, r).
 */
export function compareIdentity(scenarios: readonly CompareScenario[], baseSeed: number): string {
  return hashOf([baseSeed, scenarios.map((s) => [s.name, hashOf(s.params)])]).slice(0, 16);
}

/** What a comparison folder holds before any run: nothing to reuse, or runs of this comparison. */
export type CompareDirState = "fresh" | "resume";

function compareSpec(
  identity: string,
  options: { resume: boolean; keep?: readonly string[] },
): ResumableDirSpec<ComparePlanFile> {
  return {
    planFile: COMPARE_PLAN,
    format: PLAN_FORMAT,
    identity,
    kind: "compare",
    owns: (entry) => COMPARE_DIR_ENTRIES.includes(entry),
    noun: "comparison",
    describe: (plan) =>
      `a comparison of other scenarios or seeds (${(plan.scenarios ?? []).map((s) => s.name).join(", ")}; ` +
      `base seed ${plan.baseSeed})`,
    completeAdvice: "add --resume to reuse its runs (and add seeds with --replications or --precision)",
    resume: options.resume,
    keep: options.keep,
  };
}

/**
 * Checks `dir` as the folder of this comparison before anything runs; throws OutputDirError
 * (exit 2, nothing written) saying what is there when it cannot be used:
 * - absent or empty: a fresh comparison;
 * - a comparison of the same scenarios and seed (compare-plan.json): its finished runs are
 *   reused with `resume`, refused without;
 * - anything else (a user's files, another comparison, a run or sweep): refused.
 * compare has no --force: nothing is ever replaced.
 */
export function checkCompareDir(
  dir: string,
  identity: string,
  options: { resume: boolean; keep?: readonly string[] },
): CompareDirState {
  return checkResumableDir(dir, compareSpec(identity, options)) === "resume" ? "resume" : "fresh";
}

/** One finished run as the store keeps it: the packed outputs of packCompareOutput. */
export interface StoredRun {
  scenario: number;
  replication: number;
  buffer: Float64Array;
}

/** What opening a folder for --resume found. */
export type CompareRecovery = PackedRecovery;

/** The comparison's runs: the engine's PackedRunStore, a run named by (scenario, replication). */
export class CompareStore {
  private constructor(private readonly store: PackedRunStore<ComparePlanFile>) {}

  get dir(): string {
    return this.store.dir;
  }

  /**
   * Opens `dir` for the comparison (checkCompareDir first): creates it, or reads back its finished
   * runs for --resume, cutting a torn tail off runs.bin and rewriting runs.jsonl from it. `accept`
   * receives every run read back and returns its runs.jsonl line, or null to drop it (a record
   * that does not decode, or a duplicate: the run is done again).
   */
  static open(options: {
    dir: string;
    scenarios: readonly CompareScenario[];
    baseSeed: number;
    replications: number;
    resume: boolean;
    keep?: readonly string[];
    accept: (run: StoredRun) => string | null;
  }): { store: CompareStore; recovery: CompareRecovery } {
    const { scenarios, baseSeed } = options;
    const identity = compareIdentity(scenarios, baseSeed);
    const { store, recovery } = PackedRunStore.open<ComparePlanFile>({
      dir: options.dir,
      spec: compareSpec(identity, options),
      plan: {
        format: PLAN_FORMAT,
        identity,
        baseSeed,
        scenarios: scenarios.map((s) => ({ name: s.name, file: s.file, paramsHash: hashOf(s.params) })),
        replications: options.replications,
      },
      accept: (run) =>
        run.group < scenarios.length
          ? options.accept({ scenario: run.group, replication: run.index, buffer: run.buffer })
          : null,
    });
    return { store: new CompareStore(store), recovery };
  }

  has(scenario: number, replication: number): boolean {
    return this.store.has(scenario, replication);
  }

  /**
   * Records one finished run: its outputs go to runs.bin and are synced before this returns (so
   * a later --resume finds them), its summary line to runs.jsonl.
   */
  append(run: StoredRun, summaryLine: string): void {
    this.store.append({ group: run.scenario, index: run.replication, buffer: run.buffer }, summaryLine);
  }

  /** Notes the replications the comparison now asks for (compare-plan.json). */
  setReplications(replications: number): void {
    if (replications === this.store.plan.replications) return;
    this.store.updatePlan({ replications });
  }

  /**
   * Writes the finished folder atomically: a hidden sibling gets runs.bin and runs.jsonl with
   * the runs `order` lists (in that order), whatever `write` puts there (comparison.json, charts,
   * report.html) and compare-plan.json marked complete; then it replaces `dir`. Returns the
   * paths written (in `dir`), or null when `aborted()` turned true before the swap (the folder is then
   * as it was, and the sibling removed).
   */
  finish(
    order: readonly { scenario: number; replication: number; line: string }[],
    write: (tmp: string) => Promise<string[]>,
    aborted: () => boolean,
  ): Promise<string[] | null> {
    return this.store.finish(
      order.map((o) => ({ group: o.scenario, index: o.replication, line: o.line })),
      write,
      aborted,
    );
  }

  /** Closes the files, marking the plan (e.g. "interrupted"); safe to call twice. */
  close(status: "interrupted" | null = null): void {
    this.store.close(status);
  }
}
