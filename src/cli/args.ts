import { expectationOf, fmt, paramAt, schemaAt } from "../scenario/paramTree.js";
import { ScenarioSchema } from "../scenario/schema.js";
import { UsageError } from "./errors.js";
import { shown } from "./usage.js";

/**
 * The checks of command-line flags that every command shares, made on the words as typed
 * (before yargs turns `--ticks abc` into NaN, `--ticks=` into 0, a repeated flag into a list, and
 * drops a flag without a value): a value where one is needed, one occurrence of a flag that takes
 * one value, numbers written as decimals, and the bounds of the flags that set a parameter, taken
 * from the parameter schema. A problem is a UsageError (exit 2) saying what to type instead.
 */

/** What a numeric flag accepts. */
export interface FlagRule {
  readonly kind: "integer" | "number";
  readonly min?: number;
  readonly max?: number;
  /** An exclusive lower bound (`> 0`). */
  readonly above?: number;
  readonly even?: boolean;
  readonly unit?: string;
}

/** The options of the command being run, as yargs' getOptions() lists them. */
export interface OptionTable {
  readonly key: Record<string, unknown>;
  readonly boolean: readonly string[];
  readonly number: readonly string[];
  readonly array: readonly string[];
}

let rules: Record<string, FlagRule> | undefined;

/** The bounds of the numeric flags that have them (same name, same meaning in every command). */
export function flagRules(): Record<string, FlagRule> {
  if (rules) return rules;
  const param = (path: string): FlagRule => {
    const p = paramAt(path);
    if (!p) throw new Error(`no parameter ${path}`);
    return { kind: p.type === "integer" ? "integer" : "number", min: p.min, max: p.max, unit: p.unit };
  };
  const scenarioKey = (path: string[]): FlagRule => {
    const node = schemaAt(ScenarioSchema, path);
    if (!node) throw new Error(`no scenario key ${path.join(".")}`);
    const e = expectationOf(node);
    return { kind: e.kind === "integer" ? "integer" : "number", min: e.min, max: e.max, unit: e.unit };
  };
  const ticks = param("ticks");
  const firms = param("firms");
  const replications = scenarioKey(["replications"]);
  const years: FlagRule = {
    kind: "integer",
    min: 1,
    max: Math.floor((ticks.max ?? 4000) / 4),
    unit: "years",
  };
  const ms: FlagRule = { kind: "number", above: 0, unit: "ms" };
  rules = {
    ticks,
    firms,
    "policy-firms": firms,
    seed: scenarioKey(["seed"]),
    replications,
    "policy-replications": replications,
    "max-replications": replications,
    samples: scenarioKey(["sobol", "samples"]),
    trajectories: { kind: "integer", min: 1, max: 100_000, unit: "trajectories" },
    levels: { kind: "integer", min: 2, max: 100, even: true, unit: "grid levels" },
    years,
    "policy-years": years,
    "burn-in": { kind: "integer", min: 0, max: ticks.max, unit: "quarters" },
    workers: { kind: "integer", min: 0, max: 1024, unit: "threads" },
    concurrency: { kind: "integer", min: 1, max: 1024, unit: "jobs at once" },
    repetitions: { kind: "integer", min: 1, max: 1000 },
    retries: { kind: "integer", min: 0, max: 100 },
    "timeout-per-run": { kind: "number", above: 0, unit: "seconds" },
    precision: { kind: "number", above: 0, max: 1, unit: "share of the baseline mean" },
    "lock-duration": ms,
    "stalled-interval": ms,
    grace: { kind: "number", min: 0, unit: "seconds" },
  };
  return rules;
}

/** `expected an integer in [1, 4000] (quarters)` and the like (as scenario messages say it). */
export function describeRule(rule: FlagRule | undefined): string {
  if (!rule) return "expected a number";
  const kind = rule.kind === "integer" ? "integer" : "number";
  const noun = rule.even ? `an even ${kind}` : kind === "integer" ? "an integer" : "a number";
  let range = "";
  if (rule.min !== undefined && rule.max !== undefined) range = ` in [${fmt(rule.min)}, ${fmt(rule.max)}]`;
  else {
    const parts: string[] = [];
    if (rule.above !== undefined) parts.push(`> ${fmt(rule.above)}`);
    if (rule.min !== undefined) parts.push(`≥ ${fmt(rule.min)}`);
    if (rule.max !== undefined) parts.push(`≤ ${fmt(rule.max)}`);
    if (parts.length > 0) range = ` ${parts.join(" and ")}`;
  }
  const unit = rule.unit && rule.unit !== "1" ? ` (${rule.unit})` : "";
  return `expected ${noun}${range}${unit}`;
}

/** Decimal notation only: 12, -3, 0.5, .5, 1e6 (not 0x10, 1_000, Infinity or an empty word). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** A word that is a negative number, which yargs reads as a flag's value, not as a flag. */
const NEGATIVE = /^-(\d|\.\d)/;

/** Checks the value typed for a numeric flag; throws a UsageError. */
export function checkNumber(
  flag: string,
  text: string,
  rule: FlagRule | undefined = flagRules()[flag],
): number {
  const expected = describeRule(rule);
  const fail = (problem: string): never => {
    throw new UsageError(`--${flag}: ${problem}: ${expected}`);
  };
  if (!DECIMAL.test(text)) fail(`${shown(text)} is not a number`);
  const x = Number(text);
  if (!Number.isFinite(x)) fail(`${text} is out of range`);
  if (!rule) return x;
  if (rule.kind === "integer" && !Number.isInteger(x)) fail(`${text} is not an integer`);
  if (
    (rule.min !== undefined && x < rule.min) ||
    (rule.max !== undefined && x > rule.max) ||
    (rule.above !== undefined && !(x > rule.above))
  ) {
    fail(`${text} is out of range`);
  }
  if (rule.even && x % 2 !== 0) fail(`${text} is odd`);
  return x;
}

/** The option `name` (as typed: check-books, checkBooks) stands for, if the command has one. */
function resolveKey(name: string, o: OptionTable): string | undefined {
  if (Object.hasOwn(o.key, name)) return name;
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (Object.hasOwn(o.key, kebab)) return kebab;
  return undefined;
}

/** Whether a word is a flag (and not a value such as a negative number). */
const isFlag = (word: string) => word.startsWith("-") && word.length > 1 && !NEGATIVE.test(word);

/**
 * Checks the words after `ecosim` against the options of the command being run: every flag that
 * takes a value has one (`--ticks` alone, `--ticks=`), a flag that takes one value is given once,
 * numbers are numbers within their flag's bounds. Unknown flags are left to yargs' strict mode.
 */
export function checkArgs(words: readonly string[], o: OptionTable): void {
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "--") break;
    if (!word.startsWith("--") || word.length === 2) continue; // positionals and short flags
    const eq = word.indexOf("=");
    const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    let key = resolveKey(name, o);
    if (key === undefined && name.startsWith("no-")) {
      const positive = resolveKey(name.slice(3), o);
      if (positive !== undefined && o.boolean.includes(positive)) key = positive;
    }
    if (key === undefined) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (o.boolean.includes(key)) continue;
    const needsValue = (): never => {
      const rule = o.number.includes(key) ? `: ${describeRule(flagRules()[key])}` : "";
      throw new UsageError(`--${key} needs a value${rule}`);
    };
    if (o.array.includes(key)) {
      if (inline === "") needsValue();
      let j = i + 1;
      while (j < words.length && !isFlag(words[j]) && words[j] !== "--") j++;
      if (inline === undefined && j === i + 1) needsValue();
      const values = inline !== undefined ? [inline] : words.slice(i + 1, j);
      if (o.number.includes(key)) for (const v of values) checkNumber(key, v);
      i = inline !== undefined ? i : j - 1;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = words[i + 1];
      if (next !== undefined && next !== "--" && !isFlag(next)) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === "") needsValue();
    if (o.number.includes(key)) checkNumber(key, value as string);
  }
  for (const [key, n] of counts) {
    if (n > 1 && !o.array.includes(key)) {
      throw new UsageError(`--${key} is given ${n === 2 ? "twice" : `${n} times`}: give it once`);
    }
  }
}
