import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { endianness } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/model/simulate.js";
import {
  applyOverrides,
  applyPoint,
  crnSeed,
  defaultScenariosDir,
  designPointAt,
  loadScenario,
} from "../src/scenario/index.js";

/**
 * Golden outputs: every shipped scenario run small in-process, each tick series, spending series
 * and firm-record column hashed over its exact float64 bits, against test/golden/outputs.json.
 * Any change to what the model computes shows up here, named by scenario and series.
 * `npm run golden:update` (ECOSIM_GOLDEN_UPDATE=1) rewrites the file.
 */

const GOLDEN = join(import.meta.dirname, "golden", "outputs.json");
const UPDATE = process.env.ECOSIM_GOLDEN_UPDATE === "1";
const DIR = defaultScenariosDir();
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const SEED = 7;
const FIRMS = 300;
const TICKS = 24;
/** Shipped mixes start after a 40-quarter burn-in; pinned runs move the start into the window. */
const POLICY_START = 8;

const ABOUT =
  `Every scenarios/*.yaml at ${FIRMS} SMEs x ${TICKS} quarters, seed ${SEED} (run seed crnSeed(${SEED}, 0), ` +
  "as `ecosim run --seed 7`), firm records on; a scenario with a design runs its design point 0 " +
  `(one run); a policy start after quarter ${POLICY_START} is moved to quarter ${POLICY_START} so every ` +
  "instrument acts within the pinned run. Each value: the first 16 hex digits of the sha256 of a series' float64 values as " +
  "little-endian bytes (ticks.* per-tick metrics, spending.* per-tick public spending by instrument, " +
  "firms.* firm-record columns, integer columns widened to float64 exactly). Rewrite with " +
  "`npm run golden:update`; a commit that changes this file says in its message why the outputs moved.";

type Hashes = Record<string, string>;
interface GoldenFile {
  about: string;
  scenarios: Record<string, Hashes>;
}

const littleEndian = endianness() === "LE";

function hashFloat64(values: Float64Array): string {
  let bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (!littleEndian) bytes = Buffer.from(bytes).swap64();
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** A column as float64: Float64Array as it is (exact bits, NaN payloads included), others widened. */
function asFloat64(column: ArrayLike<number>): Float64Array {
  return column instanceof Float64Array ? column : Float64Array.from(column);
}

function sortedEntries<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The hashes of one scenario's run, keyed `ticks.<metric>`, `spending.<instrument>`, `firms.<column>`. */
function outputsOf(file: string): Hashes {
  const s = applyOverrides(loadScenario(join(DIR, file)), { seed: SEED, ticks: TICKS, firms: FIRMS });
  const params = applyPoint(s.params, designPointAt(s.design, 0));
  const g = params.government;
  if (g.policyStartQuarter > POLICY_START) params.government = { ...g, policyStartQuarter: POLICY_START };
  const result = simulate(params, crnSeed(s.seed, 0), { recordFirms: true });
  const hashes: Hashes = {};
  for (const [name, values] of sortedEntries(result.series)) hashes[`ticks.${name}`] = hashFloat64(values);
  for (const [name, values] of sortedEntries(result.spending))
    hashes[`spending.${name}`] = hashFloat64(values);
  if (!result.firms) throw new Error(`${file}: no firm records`);
  for (const [name, values] of sortedEntries(result.firms as unknown as Record<string, ArrayLike<number>>))
    hashes[`firms.${name}`] = hashFloat64(asFloat64(values));
  return hashes;
}

const UPDATE_HINT =
  "If the change is intended, run `npm run golden:update` and say in the commit message why the outputs moved.";

/** What differs between the golden hashes and this run's, as lines naming each series. */
function differences(file: string, golden: Hashes, now: Hashes): string[] {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [key, h] of Object.entries(now)) {
    if (!(key in golden)) added.push(key);
    else if (golden[key] !== h) changed.push(key);
  }
  for (const key of Object.keys(golden)) if (!(key in now)) removed.push(key);
  const lines: string[] = [];
  if (changed.length > 0) lines.push(`${file}: ${changed.length} series moved: ${changed.join(", ")}`);
  if (added.length > 0)
    lines.push(`${file}: ${added.length} series not in test/golden/outputs.json (new?): ${added.join(", ")}`);
  if (removed.length > 0)
    lines.push(
      `${file}: ${removed.length} series of test/golden/outputs.json no longer produced: ${removed.join(", ")}`,
    );
  return lines;
}

function readGolden(): GoldenFile | null {
  if (!existsSync(GOLDEN)) return null;
  return JSON.parse(readFileSync(GOLDEN, "utf8")) as GoldenFile;
}

describe.runIf(UPDATE)("golden outputs (update)", () => {
  it("rewrites test/golden/outputs.json", () => {
    const scenarios: Record<string, Hashes> = {};
    for (const file of FILES) scenarios[file] = outputsOf(file);
    const golden: GoldenFile = { about: ABOUT, scenarios };
    mkdirSync(dirname(GOLDEN), { recursive: true });
    writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 2)}\n`);
  });
});

describe.skipIf(UPDATE)("golden outputs", () => {
  const golden = readGolden();

  it("test/golden/outputs.json exists, describes its run, and lists every shipped scenario", () => {
    expect(golden, `test/golden/outputs.json is missing. ${UPDATE_HINT}`).not.toBeNull();
    expect(golden?.about, `the header of test/golden/outputs.json changed. ${UPDATE_HINT}`).toBe(ABOUT);
    const listed = Object.keys(golden?.scenarios ?? {}).sort();
    const missing = FILES.filter((f) => !listed.includes(f));
    const gone = listed.filter((f) => !FILES.includes(f));
    const problems = [
      ...missing.map((f) => `scenarios/${f} is not in test/golden/outputs.json (new scenario?)`),
      ...gone.map((f) => `test/golden/outputs.json lists ${f}, which is no longer in scenarios/`),
    ];
    if (problems.length > 0) throw new Error(`${problems.join("\n")}\n${UPDATE_HINT}`);
  });

  it.each(FILES)("%s: every series hashes as in test/golden/outputs.json", (file) => {
    const expected = golden?.scenarios[file];
    if (!expected) return; // reported by the test above
    const diffs = differences(`scenarios/${file}`, expected, outputsOf(file));
    if (diffs.length > 0) throw new Error(`golden outputs moved:\n${diffs.join("\n")}\n${UPDATE_HINT}`);
  });
});
