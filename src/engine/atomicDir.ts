import { lstatSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { makeDirs } from "./makeDirs.js";

/**
 * Folders written whole. A command's final files go into a hidden sibling of its output folder
 * (`.<name>.tmp-<pid>`), which takes the folder's place only once everything is there: an
 * interrupt, a crash or an error while the files (charts, reports) are written leaves the folder
 * as it was. `ecosim run`, `compare`, `validate` and `sensitivity` finish this way.
 */

/** The hidden sibling that a folder's new contents are written into. */
export function tempSiblingOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts the folder `staged` in place of `target`. An existing target is moved aside and deleted
 * only once the new folder is in place (moved back if that fails). `carry` names entries of the
 * old target ("sweep", not "sweep/") that move into the new folder first, unchanged (moved back
 * if the swap fails): the finished runs of a command that keeps them in a subfolder.
 */
export function swapIntoPlace(staged: string, target: string, carry: readonly string[] = []): void {
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  const replacing = exists(target);
  const carried: string[] = [];
  try {
    if (replacing) {
      for (const name of carry) {
        if (!exists(join(target, name))) continue;
        rmSync(join(staged, name), { recursive: true, force: true });
        renameSync(join(target, name), join(staged, name));
        carried.push(name);
      }
      renameSync(target, old);
    }
    try {
      renameSync(staged, target);
    } catch (err) {
      if (replacing) renameSync(old, target);
      throw err;
    }
  } catch (err) {
    for (const name of carried) renameSync(join(staged, name), join(target, name));
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * A folder being written: `dir` (the hidden sibling of `target`, created empty) receives the
 * files; commit() puts it in place of `target`, discard() removes it. Until commit, `target`
 * is untouched. A process that exits before either (an error, a second Ctrl-C) removes it too.
 */
export class StagedDir {
  readonly dir: string;
  private readonly onExit = () => rmSync(this.dir, { recursive: true, force: true });

  constructor(readonly target: string) {
    this.dir = tempSiblingOf(target);
    makeDirs(dirname(target));
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir);
    process.once("exit", this.onExit);
  }

  /**
   * Puts the written folder in place of the target (swapIntoPlace, with `carry`); returns false
   * without touching the target, the written folder discarded, when `aborted()` is true (an
   * interrupt arrived while the files were written).
   */
  commit(options: { aborted?: () => boolean; carry?: readonly string[] } = {}): boolean {
    if (options.aborted?.()) {
      this.discard();
      return false;
    }
    try {
      swapIntoPlace(this.dir, this.target, options.carry);
    } catch (err) {
      this.discard();
      throw err;
    }
    process.off("exit", this.onExit);
    return true;
  }

  /** Removes the written folder (safe to call twice, and after commit). */
  discard(): void {
    process.off("exit", this.onExit);
    this.onExit();
  }
}

/**
 * Writes a folder whole: `fill` writes into the hidden sibling, which then replaces `target`.
 * Returns fill's value, or null when `aborted()` turned true meanwhile (target untouched). An
 * error of `fill` removes the sibling and is rethrown.
 */
export async function writeDirAtomically<T>(
  target: string,
  fill: (dir: string) => Promise<T> | T,
  options: { aborted?: () => boolean; carry?: readonly string[] } = {},
): Promise<T | null> {
  const staged = new StagedDir(target);
  let value: T;
  try {
    value = await fill(staged.dir);
  } catch (err) {
    staged.discard();
    throw err;
  }
  return staged.commit(options) ? value : null;
}
