import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBooks,
  createWorld,
  INSTRUMENT_NAMES,
  initialise,
  type ModelParams,
  ModelParamsSchema,
  TICK_METRICS,
  tick,
} from "../src/model/index.js";
import { listParams, type ParamInfo, parseScenarioText, ScenarioError } from "../src/scenario/index.js";

/**
 * Parameters at their bounds (issue #14, "Crashes and hangs"): every value the schema allows runs,
 * in bounded time and memory, with the books balanced. The reproducers of
 * shared/reliability/extreme-params.mjs (485 runs at 60 SMEs × 20 quarters, every instrument on)
 * run here with the books checked after every quarter and the population held to the founding
 * capacity of ODD §7.3: at most N₀ = max(16, initial SMEs) firms founded a quarter (spin-offs and
 * start-ups together), never more than 10·N₀ SMEs alive. test/extremes/*.json are the corners the
 * script copied (`extends: baseline`, i.e. the defaults, dropped here).
 */

const PARAMS = listParams().filter((p) => p.path !== "ticks" && p.path !== "firms");
const NUMERIC = PARAMS.filter((p) => p.type !== "boolean");
const ENABLED = INSTRUMENT_NAMES.map((name) => `instruments.${name}.enabled`);
const metric = (name: string) => TICK_METRICS.findIndex((m) => m.name === name);
const ENTRIES = metric("entries");
const SMES = metric("smes");
const FUNDS_RAISED = metric("vcFundsRaised");

function setAt(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split(".");
  let node = obj;
  for (const seg of segs.slice(0, -1)) {
    node[seg] ??= {};
    node = node[seg] as Record<string, unknown>;
  }
  node[segs[segs.length - 1]] = value;
}

function valueAt(obj: unknown, path: string): unknown {
  let v = obj;
  for (const seg of path.split(".")) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

/** Every instrument on, as the script's "sink" (the other parameters at their defaults). */
function sink(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const path of ENABLED) setAt(raw, path, true);
  return raw;
}

/** Model parameters from a raw scenario object (no `extends`: the defaults), ticks and firms set. */
function paramsOf(raw: Record<string, unknown>, ticks: number, firms: number): ModelParams {
  const { name: _name, extends: _extends, description: _d, ...model } = raw;
  return ModelParamsSchema.parse({ ...model, ticks, firms });
}

/** A reproducer file with each number clamped into today's bounds (a bound may have moved since). */
function fixture(name: string): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(join(import.meta.dirname, "extremes", name), "utf8"));
  for (const p of NUMERIC) {
    const v = valueAt(raw, p.path);
    if (typeof v === "number") setAt(raw, p.path, Math.min(p.max as number, Math.max(p.min as number, v)));
  }
  return raw;
}

interface Outcome {
  maxFirms: number;
  maxEntries: number;
  fundsRaised: number;
}

/**
 * Runs quarter by quarter: after each, the books (checkBooks throws on a residual above its
 * tolerance or a value that is not finite), every metric finite, entries ≤ N₀ and SMEs ≤ 10·N₀.
 */
function runChecked(p: ModelParams, seed = 1): Outcome {
  const n0 = Math.max(16, p.firms);
  const w = createWorld(p, seed);
  initialise(w);
  const out: Outcome = { maxFirms: w.firms.count, maxEntries: 0, fundsRaised: 0 };
  for (let t = 0; t < p.ticks; t++) {
    w.tick = t;
    tick(w);
    checkBooks(w);
    for (let k = 0; k < TICK_METRICS.length; k++) {
      if (!Number.isFinite(w.tally[k])) throw new Error(`tick ${t}: ${TICK_METRICS[k].name} = ${w.tally[k]}`);
    }
    const entries = w.tally[ENTRIES];
    const smes = w.tally[SMES];
    if (entries > n0) throw new Error(`tick ${t}: ${entries} firms founded, above N₀ = ${n0}`);
    if (smes > 10 * n0) throw new Error(`tick ${t}: ${smes} SMEs, above 10·N₀ = ${10 * n0}`);
    out.maxFirms = Math.max(out.maxFirms, w.firms.count);
    out.maxEntries = Math.max(out.maxEntries, entries);
    out.fundsRaised = Math.max(out.fundsRaised, w.tally[FUNDS_RAISED]);
  }
  return out;
}

describe("extreme parameters: the reproducers run, bounded, with balanced books", () => {
  it("1000 institutions × 10^4 M × 100 inventions per M (was: V8 invalid size crash at 2–18 GB)", () => {
    const raw = { universities: { count: 1000, researchBudget: 1e4, inventionsPerM: 100 } };
    const r = runChecked(paramsOf(raw, 3, 60));
    expect(r.maxEntries).toBeLessThanOrEqual(60);
    expect(r.maxFirms).toBeLessThanOrEqual(600 + 10);
  });

  it("every numeric parameter at its maximum, every instrument on (was: the same crash)", () => {
    const raw = sink();
    for (const p of NUMERIC) setAt(raw, p.path, p.max);
    const r = runChecked(paramsOf(raw, 20, 60));
    expect(r.maxFirms).toBeLessThanOrEqual(600 + 1000);
  });

  it("demand per firm at max, wage min, interest and compliance cost max (was: bank 0 loans 1.66e-9 ≠ 0)", () => {
    const raw = sink();
    setAt(raw, "world", { demandPerFirm: 1000, wage: 0.0001, interestRate: 0.1, complianceCost: 10 });
    const r = runChecked(paramsOf(raw, 20, 60));
    // was 60 SMEs → 79,807 firms after the first quarter, 70 after the second, and so on
    expect(r.maxEntries).toBeLessThanOrEqual(60);
  });

  it("a 10^5 M fund life of 4 quarters (was: money not conserved, 7.4e-7 against 4.5e-9)", () => {
    const raw = sink();
    setAt(raw, "vc", {
      privateFunds: 1000,
      fundSize: 1e5,
      fundLifeQuarters: 4,
      investmentQuarters: 1,
      commitmentElasticity: 0,
    });
    runChecked(paramsOf(raw, 20, 60));
  });

  it.each(["corner-1.json", "corner-5.json", "corner-14.json", "corner-16.json"])(
    "random corner %s of extreme-params.mjs (was: books error, 225,065 firms in a quarter, allocation failure)",
    (file) => {
      const r = runChecked(paramsOf(fixture(file), 20, 60));
      expect(r.maxEntries).toBeLessThanOrEqual(60);
      expect(r.maxFirms).toBeLessThanOrEqual(600 + 1000);
    },
  );

  it("a capital-gains tax cut from 0.9 to 0 at elasticity 10 raises at most ~100 funds a year (was: 30^10 × 100)", () => {
    const raw = sink();
    setAt(raw, "vc", {
      newFundsPerYear: 100,
      commitmentElasticity: 10,
      capitalGainsTaxRate: 0.9,
      exitMarketOpenness: 0,
      fundSize: 0,
    });
    setAt(raw, "instruments.vcExitPolicy", { enabled: true, capitalGainsTaxRate: 0, exitMarketOpenness: 1 });
    const r = runChecked(paramsOf(raw, 9, 60));
    expect(r.fundsRaised).toBeGreaterThan(50); // Poisson(100) a year: the response saturates, not vanishes
    expect(r.fundsRaised).toBeLessThan(200);
  });

  it("no niche reversion is out of range; the smallest reversion with the largest niche shocks stays finite", () => {
    expect(() =>
      parseScenarioText(JSON.stringify({ name: "x", market: { nicheReversion: 0 } }), "x.json"),
    ).toThrow(ScenarioError);
    try {
      parseScenarioText('{"name": "x",\n "market": {"nicheReversion": 0}}', "x.json");
    } catch (e) {
      expect((e as Error).message).toMatch(/x\.json:2:\d+: market\.nicheReversion: 0 is out of range/);
    }
    // was (δ = 0): a niche below the smallest float32 within 5–16 quarters, then NaN shares
    const raw = sink();
    setAt(raw, "market", {
      nicheReversion: 1e-4,
      nicheShockSd: 1,
      nicheShockRate: 0.01,
      minRelativeShare: 0,
      leadFirmShare: 0.95,
    });
    setAt(raw, "world", { demandPerFirm: 1000, wage: 0.0001, materialsShare: 0.95, complianceCost: 0 });
    setAt(raw, "population", { entryRate: 0.5, leadFirms: 1000 });
    for (const seed of [1, 2, 3]) runChecked(paramsOf(raw, 20, 60), seed);
  });

  it("a leak above the tolerance still throws, naming the tolerance and the money it scales with", () => {
    const p = paramsOf(sink(), 2, 40);
    const w = createWorld(p, 3);
    initialise(w);
    w.tick = 0;
    tick(w);
    checkBooks(w);
    let live = 0;
    while (!w.firms.alive[live]) live++;
    w.firms.cash[live] += 1e-3; // money from nowhere: far above rounding at this scale
    expect(() => checkBooks(w)).toThrow(
      /money not conserved .*tolerance [\d.e+-]+ = 1e-9 × money in the economy [\d.e+-]+/,
    );
  });
});

/**
 * A value at the parameter's min or max (a corner), or at one of the eighths in between (integers
 * rounded). Not arbitrary doubles: a positive value of 1e-307 is within every [0, x] bound, but
 * no figure anyone enters, and what it breaks is reported apart (see the report of issue #14).
 */
function extreme(p: ParamInfo): fc.Arbitrary<number> {
  const min = p.min as number;
  const max = p.max as number;
  const eighth = fc.integer({ min: 1, max: 7 }).map((k) => {
    const v = min + ((max - min) * k) / 8;
    return p.type === "integer" ? Math.round(v) : v;
  });
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(min, max) }, { weight: 1, arbitrary: eighth });
}

describe("extreme parameters: property", () => {
  it("random corners within bounds (tiny economy, a few quarters) balance and stay bounded", () => {
    const corner = fc.record({
      values: fc.tuple(...NUMERIC.map(extreme)),
      switches: fc.tuple(...ENABLED.map(() => fc.boolean())),
      firms: fc.integer({ min: 1, max: 30 }),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(corner, ({ values, switches, firms, seed }) => {
        const raw: Record<string, unknown> = {};
        for (const [k, p] of NUMERIC.entries()) setAt(raw, p.path, values[k]);
        for (const [k, path] of ENABLED.entries()) setAt(raw, path, switches[k]);
        const r = runChecked(paramsOf(raw, 6, firms), seed);
        expect(r.maxEntries).toBeLessThanOrEqual(Math.max(16, firms));
      }),
      // ECOSIM_EXTREMES_RUNS / _SEED widen the search (e.g. 500 runs) without editing the test
      {
        numRuns: Number(process.env.ECOSIM_EXTREMES_RUNS ?? 12),
        seed: Number(process.env.ECOSIM_EXTREMES_SEED ?? 14),
        endOnFailure: true,
      },
    );
  });
});
