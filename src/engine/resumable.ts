import { lstatSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeDirs } from "./makeDirs.js";
import { writeJsonAtomic } from "./manifest.js";
import { checkOutputDir, OutputDirError, type ResultKind } from "./outputDir.js";

/**
 * Resumable results folders (`compare`, `validate`, `sensitivity --out DIR`): a plan file names
 * what the folder holds (its `identity`: a hash of everything that decides the runs' outputs)
 * and how far it got (`status` running → interrupted/complete). The folder is checked before
 * any run, against the plan the command is about to run:
 * - absent or empty: a fresh start;
 * - the same plan: its finished runs are reused with --resume; without it the command is
 *   refused, or (where the command has --force) the folder is replaced under --force;
 * - anything else (a user's files, another plan, another kind of result): refused with exit 2
 *   saying what is there, or replaced under --force.
 * A refused command has written nothing.
 */

/** The fields every plan file has. */
export interface PlanFile {
  format: string;
  identity: string;
  status: "running" | "interrupted" | "complete";
  createdAt: string;
  updatedAt: string;
}

/** The fields a plan file gets from PlanFolder, not from its caller. */
export type PlanKeys = "status" | "createdAt" | "updatedAt";

/** What to do with the folder: start afresh, reuse its runs, or delete it and start afresh. */
export type ResumableState = "fresh" | "resume" | "replace";

export interface ResumableDirSpec<P extends PlanFile = PlanFile> {
  /** The plan file's name, e.g. compare-plan.json. */
  planFile: string;
  /** Its `format`, e.g. ecosim-compare-plan/1. */
  format: string;
  /** The identity of the plan about to run. */
  identity: string;
  /** The kind of result (for the messages about a folder without a plan file). */
  kind: ResultKind;
  /** Whether an entry (a name; "name/" for a folder) is one the command writes there. */
  owns: (entry: string) => boolean;
  /** What the folder holds, in words: "comparison", "validation", … */
  noun: string;
  /** Its plural (default: noun + "s"). */
  plural?: string;
  /** What the folder of another plan holds, in words: "a comparison of other scenarios (…)". */
  describe: (plan: P) => string;
  /** Said after "<dir> already holds this <noun>; " when the same plan is complete. */
  completeAdvice?: string;
  /**
   * A file that marks a result of this kind written before plan files (e.g. validation.json):
   * a folder with it and only owned entries is said to be such a result.
   */
  legacyMarker?: string;
  /** Reuse the runs of the same plan. */
  resume: boolean;
  /** Replace whatever is there; undefined where the command has no --force (not advised then). */
  force?: boolean;
  /** Files that must outlive the command (the scenario files): see checkOutputDir. */
  keep?: readonly string[];
}

/** The plan file in `dir`: undefined when there is none, null when it is unreadable. */
export function readPlanFile<P extends PlanFile>(
  dir: string,
  name: string,
  format: string,
): P | null | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, name), "utf8");
  } catch {
    return undefined;
  }
  try {
    const plan = JSON.parse(text) as P;
    return plan?.format === format && typeof plan.identity === "string" ? plan : null;
  } catch {
    return null;
  }
}

function entriesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
}

function listed(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).map((e) => JSON.stringify(e));
  return shown.join(", ") + (entries.length > 5 ? ` and ${entries.length - 5} more` : "");
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks `dir` as the folder of the plan (see the file comment); returns what to do with it, or
 * throws OutputDirError (exit 2) saying what is there and what the user may do.
 */
export function checkResumableDir<P extends PlanFile>(
  dir: string,
  spec: ResumableDirSpec<P>,
): ResumableState {
  const forceable = spec.force !== undefined;
  const advice = forceable ? ", or add --force to replace it (everything in it is deleted)" : "";
  const refuse = (message: string): ResumableState => {
    if (spec.force) return "replace";
    throw new OutputDirError(`${message}${advice}`);
  };
  const plan = readPlanFile<P>(dir, spec.planFile, spec.format);
  if (plan === undefined) {
    const entries = isDirectory(dir) ? entriesOf(dir) : [];
    const legacyMessage =
      `${dir} holds a ${spec.noun} written by an earlier ecosim (no ${spec.planFile}), which cannot be ` +
      "resumed or told apart from this one; nothing was written. Choose another --out";
    if (spec.legacyMarker !== undefined && entries.includes(spec.legacyMarker) && entries.every(spec.owns)) {
      checkOutputDir(dir, spec.kind, { keep: spec.keep, force: true });
      return refuse(legacyMessage);
    }
    let state: ReturnType<typeof checkOutputDir>;
    try {
      state = checkOutputDir(dir, spec.kind, {
        keep: spec.keep,
        force: spec.force,
        owned: entries.filter(spec.owns),
      });
    } catch (err) {
      // without --force, drop checkOutputDir's advice to add it
      if (err instanceof OutputDirError && !forceable) {
        throw new OutputDirError(err.message.replace(/, or add --force\b[^;]*$/s, ""));
      }
      throw err;
    }
    if (state === "forced") return "replace";
    if (state === "previous") return refuse(legacyMessage);
    return "fresh";
  }
  // the folder holds a plan: the folders that are never replaced are still refused
  checkOutputDir(dir, spec.kind, { keep: spec.keep, force: true });
  if (plan === null) {
    return refuse(
      `${dir}/${spec.planFile} is unreadable, so ${dir} cannot be resumed; nothing was written. Choose another --out`,
    );
  }
  if (plan.identity !== spec.identity) {
    return refuse(
      `${dir} holds ${spec.describe(plan)}; results of different ${spec.plural ?? `${spec.noun}s`} are never mixed: choose another --out`,
    );
  }
  const foreign = entriesOf(dir).filter((e) => !spec.owns(e));
  if (foreign.length > 0) {
    const them = foreign.length === 1 ? "it" : "them";
    return refuse(
      `${dir} holds this ${spec.noun} and ${foreign.length === 1 ? "an entry" : "entries"} ecosim did not ` +
        `write (${listed(foreign)}), which finishing it would delete; nothing was written. Move ${them} ` +
        "out, or choose another --out",
    );
  }
  if (!spec.resume) {
    return refuse(
      plan.status === "complete"
        ? `${dir} already holds this ${spec.noun}; ${spec.completeAdvice ?? "add --resume to reuse its runs"}, or choose another --out`
        : `${dir} holds an unfinished run of this ${spec.noun}; add --resume to continue it, or choose another --out`,
    );
  }
  return "resume";
}

/**
 * The plan file of an open resumable folder: open() checks the folder (checkResumableDir),
 * deletes it for "replace", creates it and writes the plan with status "running" (createdAt
 * kept from the plan it resumes); update() and mark() rewrite it atomically.
 */
export class PlanFolder<P extends PlanFile> {
  private constructor(
    readonly dir: string,
    readonly spec: ResumableDirSpec<P>,
    readonly state: ResumableState,
    private current: P,
  ) {}

  static open<P extends PlanFile>(
    dir: string,
    spec: ResumableDirSpec<P>,
    body: Omit<P, PlanKeys>,
  ): PlanFolder<P> {
    const state = checkResumableDir(dir, spec);
    const previous = state === "resume" ? readPlanFile<P>(dir, spec.planFile, spec.format) : undefined;
    if (state === "replace") rmSync(dir, { recursive: true, force: true });
    makeDirs(dir);
    const now = new Date().toISOString();
    const plan = { ...body, status: "running", createdAt: previous?.createdAt ?? now, updatedAt: now } as P;
    const folder = new PlanFolder(dir, spec, state, plan);
    folder.write(dir);
    return folder;
  }

  get plan(): P {
    return this.current;
  }

  /** Changes the plan and writes it into `dir` (default the folder; a staged copy before a swap). */
  update(change: Partial<P>, dir = this.dir): void {
    this.current = { ...this.current, ...change, updatedAt: new Date().toISOString() };
    this.write(dir);
  }

  private write(dir: string): void {
    writeJsonAtomic(join(dir, this.spec.planFile), this.current);
  }
}
