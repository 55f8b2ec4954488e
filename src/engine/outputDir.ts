import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * Output folders: what may be replaced. A command writes its results into a new folder, or
 * replaces an earlier result of the same kind that ecosim wrote there; it never deletes a folder
 * (or a file) that ecosim did not create for the same kind of job unless told to with --force.
 * The checks run before any work, so a refused command has written nothing.
 */

/**
 * Kinds of results folders, as manifest.json's `kind` (`compare` folders hold comparison.json;
 * `validate` and `sensitivity` folders their plan files, see resumable.ts).
 */
export type ResultKind = "run" | "sweep" | "compare" | "validate" | "sensitivity";

/** A folder that cannot be used as the output: the user must choose another or add --force. */
export class OutputDirError extends Error {
  readonly exitCode = 2;
}

export interface OutputDirOptions {
  /** Replace whatever is there (a file, a foreign folder, a result of another kind). */
  force?: boolean;
  /**
   * Files that must outlive the command (the scenario file and its `extends` chain): a target
   * that is one of them or holds one is refused, even with `force`.
   */
  keep?: readonly string[];
  /**
   * Entries (names; "name/" for a folder) a previous result of this kind may hold; one with
   * anything else is refused without `force`. Default: the kind's own list (`run`: what
   * `ecosim run` and `ecosim report` write), any entry for the other kinds.
   */
  owned?: readonly string[];
}

/**
 * What is at the target: `absent` (nothing), `empty` (an empty folder), `previous` (an earlier
 * result of the same kind, safe to replace), `forced` (something else, replaced under `force`).
 */
export type OutputDirState = "absent" | "empty" | "previous" | "forced";

/** What `ecosim run` writes into its folder, and what `ecosim report` adds there. */
export const RUN_DIR_ENTRIES: readonly string[] = [
  "manifest.json",
  "ticks.csv",
  "firms.csv",
  "report.html",
  "charts/",
];

const DEFAULT_OWNED: Partial<Record<ResultKind, readonly string[]>> = { run: RUN_DIR_ENTRIES };

/**
 * Checks `dir` as the output of a command writing results of `kind`; returns what is there, or
 * throws OutputDirError (exit 2) saying what is there and that --force replaces it.
 */
export function checkOutputDir(
  dir: string,
  kind: ResultKind,
  options: OutputDirOptions = {},
): OutputDirState {
  const force = options.force === true;
  const target = realOrResolved(dir);
  const cwd = realOrResolved(process.cwd());
  if (isInside(cwd, target)) {
    throw new OutputDirError(
      `${dir} is ${cwd === target ? "the current folder" : `a folder above the current one (${cwd})`}; ` +
        "it is never replaced, even with --force: choose another --out",
    );
  }
  for (const file of options.keep ?? []) {
    const kept = realOrResolved(file);
    if (isInside(kept, target)) {
      throw new OutputDirError(
        `${dir} holds ${file}, which this command reads; replacing the folder would delete it, so it is ` +
          "never replaced, even with --force: choose another --out",
      );
    }
  }
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw e;
  }
  const refuse = (what: string): OutputDirState => {
    if (force) return "forced";
    throw new OutputDirError(
      `${dir} ${what}; nothing was written. Choose another --out, or add --force to replace it ` +
        "(everything in it is deleted)",
    );
  };
  if (stat.isSymbolicLink()) return refuse("is a symbolic link, not an ecosim results folder");
  if (!stat.isDirectory()) return refuse("is a file, not a folder");
  const entries = readdirSync(dir, { withFileTypes: true }).map((d) =>
    d.isDirectory() ? `${d.name}/` : d.name,
  );
  if (entries.length === 0) return "empty";
  const found = resultKindOf(dir);
  if (found === null) {
    return refuse(`is not empty (${listEntries(entries)}) and is not an ecosim ${kind} result`);
  }
  if (found !== kind) return refuse(`holds an ecosim ${found} result, not a ${kind} result`);
  const owned = options.owned ?? DEFAULT_OWNED[kind];
  if (owned) {
    const foreign = entries.filter((e) => !owned.includes(e));
    if (foreign.length > 0) {
      return refuse(
        `holds an ecosim ${kind} result and ${foreign.length === 1 ? "an entry" : "entries"} ecosim ` +
          `did not write (${listEntries(foreign)})`,
      );
    }
  }
  return "previous";
}

/**
 * The kind of ecosim results a folder holds, from its manifest.json (`format` ecosim-results/1
 * and `kind`) or comparison.json (`format` ecosim-comparison/1); null for anything else,
 * unreadable or invalid files included.
 */
export function resultKindOf(dir: string): ResultKind | null {
  const manifest = readJson(join(dir, "manifest.json"));
  if (manifest !== undefined) {
    const kind = manifest?.format === "ecosim-results/1" ? manifest.kind : undefined;
    return kind === "run" || kind === "sweep" ? kind : null;
  }
  const comparison = readJson(join(dir, "comparison.json"));
  return comparison?.format === "ecosim-comparison/1" ? "compare" : null;
}

/**
 * A name (a scenario's) made safe as one path segment: letters A–Z a–z, digits, `.`, `_`, `-`
 * and CJK letters are kept, every other character becomes `-` (runs of them one `-`); no
 * leading `.` or `-`, no `..`, at most `maxLength` characters; `fallback` when nothing is left.
 */
export function safePathName(name: string, maxLength = 64, fallback = "scenario"): string {
  let s = Array.from(name.normalize("NFC"), (c) => (KEPT.test(c) || isCjkLetter(c) ? c : "-"))
    .join("")
    .replace(/\.{2,}/g, ".")
    .replace(/-{2,}/g, "-")
    .replace(/^[.-]+/, "");
  s = Array.from(s).slice(0, maxLength).join("");
  s = s.replace(/[.-]+$/, "");
  return s === "" ? fallback : s;
}

const KEPT = /^[A-Za-z0-9._-]$/;
const LETTER = /^\p{L}$/u;
const CJK = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u;

/** A letter of a CJK script (kanji, kana with ー and 々, hangul); not CJK punctuation. */
function isCjkLetter(c: string): boolean {
  return LETTER.test(c) && CJK.test(c);
}

function readJson(path: string): Record<string, unknown> | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Whether `inner` is `outer` or inside it (both absolute). */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realOrResolved(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realOrResolved(parent), basename(abs));
  }
}

function listEntries(entries: readonly string[]): string {
  const shown = entries.slice(0, 5).map((e) => JSON.stringify(e));
  const more = entries.length - shown.length;
  return `${entries.length === 1 ? "1 entry" : `${entries.length} entries`}: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
