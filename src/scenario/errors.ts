/**
 * Errors of scenario files, flags and designs. A `ScenarioError` is a user error: its message is
 * ready to print (one line per problem: `file:line:col: path: what is wrong: what was expected`)
 * and the CLI exits with code 2 without a stack trace.
 */

/** One problem in a scenario, with where it is. `file`, `line` and `col` are absent for flags. */
export interface ScenarioIssue {
  readonly file?: string;
  /** 1-based line and column of the offending node (the key for unknown keys). */
  readonly line?: number;
  readonly col?: number;
  /** Field path, e.g. `instruments.loanGuarantee.coverage`, or a flag such as `--firms`. */
  readonly path: string;
  /** What is wrong and what was expected, e.g. `1.5 is out of range: expected a number in [0, 1] (share)`. */
  readonly message: string;
}

export class ScenarioError extends Error {
  readonly exitCode = 2;
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "ScenarioError";
    this.issues = issues;
  }
}

/**
 * `file:line:col: path: message`, leaving out what is unknown: one line of plain text, whatever a
 * file holds (control characters and bidirectional overrides escaped, a long path or message cut).
 */
export function formatIssue(issue: ScenarioIssue): string {
  let where = "";
  if (issue.file !== undefined) {
    where = issue.file;
    if (issue.line !== undefined) where += `:${issue.line}:${issue.col ?? 1}`;
    where += ": ";
  }
  const path = issue.path === "" ? "" : `${shorten(issue.path, 200)}: `;
  return escapeControls(`${where}${path}${shorten(issue.message, 1000)}`);
}

/** A string cut to at most `max` characters, with … where it was cut. */
function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Characters that would act on a terminal instead of showing (C0 and C1 controls, DEL) or reorder
 * the text around them (bidirectional embeddings, overrides and isolates), and line separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE_TEXT.source, "g");

/** `text` with every UNSAFE_TEXT character written as a \uXXXX escape (newlines too). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** Levenshtein edit distance (insertions, deletions, substitutions), case-sensitive. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

/**
 * The closest candidate to `word`, if it is close enough to be a plausible typo: at most a third
 * of the word's length in edits (at least 2; a case-only difference counts half); failing that, the
 * shortest candidate that contains the word or is contained in it (setAside → setAsideShare).
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const limit = Math.max(2, Math.ceil(word.length / 3));
  for (const c of candidates) {
    // The distance is at least the difference in length: skip what cannot be close (and a long
    // word costs length × length steps).
    if (Math.abs(word.length - c.length) > limit) continue;
    const exact = levenshtein(word, c);
    const folded = levenshtein(word.toLowerCase(), c.toLowerCase());
    const score = Math.min(exact, folded + 0.5 * (exact - folded > 0 ? 1 : 0));
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (bestScore <= limit) return best;
  // A shortened or lengthened name (setAside → setAsideShare): the shortest candidate containing
  // the word, or contained in it, case-insensitively.
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  let partial: string | undefined;
  for (const c of candidates) {
    const l = c.toLowerCase();
    if (
      (l.includes(w) || (l.length >= 3 && w.includes(l))) &&
      (partial === undefined || c.length < partial.length)
    ) {
      partial = c;
    }
  }
  return partial;
}

/** `unknown key (did you mean x?)`, or the list of allowed keys when nothing is close. */
export function unknownKeyMessage(key: string, allowed: readonly string[], what = "unknown key"): string {
  const guess = didYouMean(key, allowed);
  if (guess !== undefined) return `${what} (did you mean ${guess}?)`;
  const list = allowed.length > 12 ? `${allowed.slice(0, 12).join(", ")}, …` : allowed.join(", ");
  return `${what} (expected one of: ${list})`;
}

/** A short, readable rendering of a bad value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const s = JSON.stringify(value);
    return s.length > 42 ? `${s.slice(0, 40)}…"` : s;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
