import { join } from "node:path";
import {
  checkResumableDir,
  type PlanFile,
  PlanFolder,
  type ResumableDirSpec,
  type ResumableState,
  StagedDir,
} from "../../engine/index.js";
import { type SensitivityPlan, sensitivityIdentity } from "./run.js";

/**
 * The folder of `ecosim sensitivity --out DIR`, resumable on the engine's machinery:
 *   sensitivity-plan.json   what is analysed (method, scenario, design's identity); status
 *                           running → interrupted/complete (resumable.ts)
 *   sweep/                  the runs: a sweep's results folder (ResultStore, runSweep), each
 *                           run's line in sweep/runs.jsonl as it finishes: what --resume reads
 *   sensitivity.json, sensitivity.csv, sensitivity-*.vl.json|svg|png, report.html   at the end
 * The folder is checked before any run. The end is atomic: the final files and the plan marked
 * complete are written into a hidden sibling, sweep/ is moved into it, and it replaces the
 * folder, so an interrupt while the charts render leaves the folder resumable.
 */

export const SENSITIVITY_PLAN = "sensitivity-plan.json";
const PLAN_FORMAT = "ecosim-sensitivity-plan/1";
/** The subfolder of the runs. */
export const SWEEP_DIR = "sweep";

const OWN_FILE = /^sensitivity[-.][\w.-]*$/;

/** Whether a sensitivity folder may hold this entry (a name; "name/" for a folder). */
export function isSensitivityEntry(entry: string): boolean {
  return entry === `${SWEEP_DIR}/` || entry === "report.html" || OWN_FILE.test(entry);
}

/** sensitivity-plan.json. */
export interface SensitivityPlanFile extends PlanFile {
  format: typeof PLAN_FORMAT;
  method: string;
  scenario: { name: string; file?: string; hash: string };
  parameters: string[];
  runs: number;
}

function sensitivitySpec(
  identity: string,
  options: { resume: boolean; force?: boolean; keep?: readonly string[] },
): ResumableDirSpec<SensitivityPlanFile> {
  return {
    planFile: SENSITIVITY_PLAN,
    format: PLAN_FORMAT,
    identity,
    kind: "sensitivity",
    owns: isSensitivityEntry,
    noun: "sensitivity analysis",
    plural: "analyses",
    describe: (plan) =>
      `a sensitivity analysis of another design (${plan.method} of ${plan.scenario?.name}: ` +
      `${(plan.parameters ?? []).length} parameters, ${plan.runs} runs)`,
    legacyMarker: "sensitivity.json",
    resume: options.resume,
    force: options.force ?? false,
    keep: options.keep,
  };
}

/**
 * Checks `dir` as the folder of this analysis before anything runs; throws OutputDirError
 * (exit 2, nothing written) saying what is there when it cannot be used: absent or empty → a
 * fresh analysis; the same analysis → reused with `resume`, replaced with `force`, refused
 * otherwise; anything else → refused, replaced with `force`.
 */
export function checkSensitivityDir(
  dir: string,
  planned: SensitivityPlan,
  options: { resume: boolean; force?: boolean; keep?: readonly string[] },
): ResumableState {
  return checkResumableDir(dir, sensitivitySpec(sensitivityIdentity(planned), options));
}

/** An open sensitivity folder: the runs go to `sweepDir`, the final files through stage(). */
export class SensitivityFolder {
  private constructor(private readonly folder: PlanFolder<SensitivityPlanFile>) {}

  /**
   * Checks the folder (checkSensitivityDir), deletes it for --force, creates it and writes
   * sensitivity-plan.json. Runs nothing.
   */
  static open(options: {
    dir: string;
    planned: SensitivityPlan;
    resume: boolean;
    force?: boolean;
    keep?: readonly string[];
  }): SensitivityFolder {
    const { planned } = options;
    const identity = sensitivityIdentity(planned);
    const s = planned.scenario;
    const folder = PlanFolder.open(options.dir, sensitivitySpec(identity, options), {
      format: PLAN_FORMAT,
      identity,
      method: planned.method,
      scenario: { name: s.name, file: s.file, hash: s.hash },
      parameters: planned.axes.map((a) => a.path),
      runs: planned.plan.count,
    });
    return new SensitivityFolder(folder);
  }

  get dir(): string {
    return this.folder.dir;
  }

  /** fresh, resume (the runs in sweep/ are reused) or replace (--force). */
  get state(): ResumableState {
    return this.folder.state;
  }

  get sweepDir(): string {
    return join(this.folder.dir, SWEEP_DIR);
  }

  /** Marks the plan interrupted (the runs in sweep/ stay for --resume). */
  interrupted(): void {
    this.folder.update({ status: "interrupted" });
  }

  /** A hidden sibling to write the final files into; commit() puts it in place. */
  stage(): StagedDir {
    return new StagedDir(this.folder.dir);
  }

  /**
   * Finishes the folder: the plan, marked complete, goes into the staged folder, sweep/ moves
   * into it, and it replaces the folder. Returns false, the folder untouched (and marked
   * interrupted), when `aborted()` is true.
   */
  commit(staged: StagedDir, aborted: () => boolean): boolean {
    if (aborted()) {
      staged.discard();
      this.interrupted();
      return false;
    }
    this.folder.update({ status: "complete" }, staged.dir);
    return staged.commit({ carry: [SWEEP_DIR] });
  }
}
