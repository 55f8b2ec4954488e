import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkBooks,
  createWorld,
  defaultParams,
  INSTRUMENT_NAMES,
  initialise,
  KeyedRng,
  type ModelParams,
  ModelParamsSchema,
  simulate,
  TICK_METRICS,
  tick,
} from "../src/model/index.js";
import { METRIC } from "../src/model/queries.js";
import { EMP } from "../src/model/recordSums.js";

function small(firms = 400, ticks = 24): ModelParams {
  const p = defaultParams();
  p.firms = firms;
  p.ticks = ticks;
  return p;
}

function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe("simulate: contract and determinism", () => {
  it("returns every metric and instrument series with the run's length", () => {
    const r = simulate(small(), 1);
    for (const m of TICK_METRICS) {
      expect(r.series[m.name], m.name).toBeInstanceOf(Float64Array);
      expect(r.series[m.name].length).toBe(24);
      for (const v of r.series[m.name]) expect(Number.isFinite(v), m.name).toBe(true);
    }
    for (const name of INSTRUMENT_NAMES) expect(r.spending[name].length).toBe(24);
    expect(r.stateBytesPerFirm).toBeGreaterThan(100);
    expect(r.stateBytesPerFirm).toBeLessThanOrEqual(512);
  });

  it("same params and seed give byte-identical series; another seed differs", () => {
    const p = small();
    const a = simulate(p, 7);
    const b = simulate(p, 7);
    const c = simulate(p, 8);
    let differs = false;
    for (const m of TICK_METRICS) {
      expect(bytes(a.series[m.name]).equals(bytes(b.series[m.name])), m.name).toBe(true);
      if (!bytes(a.series[m.name]).equals(bytes(c.series[m.name]))) differs = true;
    }
    expect(differs).toBe(true);
  });

  it("the baseline is a living economy: firms survive, innovate, borrow, enter and exit", () => {
    const r = simulate(small(600, 40), 3, { checkBooks: true });
    const s = r.series;
    const sum = (k: keyof typeof s) => s[k].reduce((a, b) => a + b, 0);
    expect(s.smes[39]).toBeGreaterThan(300);
    expect(sum("innovations")).toBeGreaterThan(0);
    expect(sum("imitations")).toBeGreaterThan(0);
    expect(sum("entries")).toBeGreaterThan(0);
    expect(sum("exits")).toBeGreaterThan(0);
    expect(sum("newLoans")).toBeGreaterThan(0);
    expect(s.productivityMean[39]).toBeGreaterThan(s.productivityMean[0]);
    expect(sum("publicSpending")).toBe(0);
    for (const name of INSTRUMENT_NAMES) expect(r.spending[name].every((v) => v === 0)).toBe(true);
  });

  it("firm records cover every firm that ever lived", () => {
    const r = simulate(small(300, 24), 5, { recordFirms: true });
    const recs = r.firms!;
    const n = recs.id.length;
    expect(n).toBe(300 + 10 + r.series.entries.reduce((a, b) => a + b, 0));
    for (let k = 1; k < n; k++) expect(recs.id[k]).toBeGreaterThan(recs.id[k - 1]);
    const alive = recs.exitTick.filter((t) => t === -1).length;
    expect(alive).toBe(r.series.firms[23]);
  });
});

/** A random valid parameter set: instruments on/off at random, some values anywhere in bounds. */
const paramsArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    on: fc.array(fc.boolean(), { minLength: INSTRUMENT_NAMES.length, maxLength: INSTRUMENT_NAMES.length }),
    u: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
  })
  .map(({ seed, on, u }) => {
    const input: Record<string, unknown> = { firms: 150, ticks: 16 };
    const instruments: Record<string, unknown> = {};
    INSTRUMENT_NAMES.forEach((name, k) => {
      instruments[name] = { enabled: on[k] };
    });
    (instruments.taxCredit as Record<string, unknown>).refundable = u[0] > 0.5;
    (instruments.taxCredit as Record<string, unknown>).creditRate = u[1] * 0.5;
    (instruments.loanGuarantee as Record<string, unknown>).coverage = u[2];
    (instruments.grants as Record<string, unknown>).matchRate = u[3] * 0.9;
    (instruments.guidanceFund as Record<string, unknown>).horseRace = u[4] > 0.5;
    (instruments.policyBank as Record<string, unknown>).rdOnly = u[5] > 0.5;
    input.instruments = instruments;
    input.market = { paymentDays: u[6] * 365, b2bShare: u[7], demandShockSd: u[8] * 0.5 };
    input.credit = { screeningRejection: u[9], capitalRatio: 0.01 + u[10] * 0.3, recoveryRate: u[11] };
    input.vc = { exitMarketOpenness: u[12], acquisitionRate: u[13] * 0.3, dealThreshold: -1 + u[14] * 2 };
    input.population = { leadFirms: Math.floor(u[15] * 12) };
    return { params: ModelParamsSchema.parse(input), seed };
  });

describe("books", () => {
  it("balance at every tick on random valid parameter sets", () => {
    fc.assert(
      fc.property(paramsArb, ({ params, seed }) => {
        const r = simulate(params, seed, { checkBooks: true });
        for (const v of r.series.booksResidual) expect(Math.abs(v)).toBeLessThan(1e-6);
      }),
      { numRuns: 12, seed: 42 },
    );
  });
});

describe("random stream", () => {
  /** CDF of Beta(a, b) for integers: P(at least a of a+b−1 uniforms fall below x). */
  function betaCdf(a: number, b: number, x: number): number {
    const n = a + b - 1;
    let p = 0;
    let c = 1; // C(n, j)
    for (let j = 0; j <= n; j++) {
      if (j >= a) p += c * x ** j * (1 - x) ** (n - j);
      c = (c * (n - j)) / (j + 1);
    }
    return p;
  }

  it("Beta draws follow the Beta distribution (KS test against the exact CDF)", () => {
    const rng = new KeyedRng(2024);
    rng.at(0, 1); // one long keyed stream: draws k = 0, 1, 2, … of firm 0, site 1
    const n = 20000;
    for (const [a, b] of [
      [2, 4],
      [3, 3],
      [1, 1],
    ]) {
      const xs = new Float64Array(n);
      for (let k = 0; k < n; k++) xs[k] = rng.beta(a, b);
      xs.sort();
      let d = 0;
      for (let k = 0; k < n; k++) {
        const F = betaCdf(a, b, xs[k]);
        d = Math.max(d, Math.abs(F - k / n), Math.abs(F - (k + 1) / n));
      }
      expect(d, `Beta(${a}, ${b})`).toBeLessThan(1.63 / Math.sqrt(n)); // 1% critical value
    }
    // non-integer shapes: mean and variance
    let m = 0;
    let v = 0;
    const ys = new Float64Array(n);
    for (let k = 0; k < n; k++) ys[k] = rng.beta(2.5, 4);
    for (const y of ys) m += y / n;
    for (const y of ys) v += (y - m) ** 2 / n;
    expect(Math.abs(m - 2.5 / 6.5)).toBeLessThan(0.005);
    expect(Math.abs(v - (2.5 * 4) / (6.5 ** 2 * 7.5))).toBeLessThan(0.001);
  });
});

describe("state kept twice and sums carried across blocks of slots", () => {
  // 1,500 SMEs: more slots than one block of `settle` (1,024), so its sums are carried over blocks;
  // open challenges and guidance funds on, so licences, challenges, VC exits by acquisition,
  // innovation, imitation and entry all move firms' technology
  const p = ModelParamsSchema.parse({
    firms: 1500,
    ticks: 40,
    instruments: { openChallenges: { enabled: true }, guidanceFund: { enabled: true } },
  });
  const w = createWorld(p, 3);
  initialise(w);
  const f = w.firms;
  let mismatches = 0;
  let countErrors = 0;
  let worstEmployment = 0;
  let technologyMoved = 0;
  const before = new Float64Array(f.capacity);
  for (let t = 0; t < p.ticks; t++) {
    for (let i = 0; i < f.hi; i++) before[i] = f.logProductivity[i];
    w.tick = t;
    tick(w);
    let live = 0;
    let smes = 0;
    let employment = 0;
    for (let i = 0; i < f.hi; i++) {
      if (!f.alive[i]) continue;
      live++;
      if (f.kind[i] === 0) smes++;
      employment += f.employees[i];
      // the level is exp of the log state, rounded to its Float32 column
      if (f.productivity[i] !== Math.fround(Math.exp(f.logProductivity[i]))) mismatches++;
      if (f.logProductivity[i] !== before[i]) technologyMoved++;
    }
    if (w.tally[METRIC.firms] !== live || w.tally[METRIC.smes] !== smes) countErrors++;
    const recorded = w.recordSums[EMP];
    worstEmployment = Math.max(worstEmployment, Math.abs(employment - recorded) / employment);
  }

  it("every firm's productivity level is exp(log productivity) after every tick", () => {
    expect(technologyMoved).toBeGreaterThan(1500 * 20); // diffusion, innovation, imitation, licences ran
    expect(mismatches).toBe(0);
  });

  it("the record's counts and sums, carried across blocks, match a recount of the live firms", () => {
    expect(f.hi).toBeGreaterThan(1024); // more than one block
    expect(countErrors).toBe(0);
    expect(worstEmployment).toBeLessThan(1e-9);
  });
});

describe("niche shocks at the edge of their bounds", () => {
  it("keep every niche and share positive and the books balanced when a hit's s.d. exceeds √2", () => {
    // nicheShockSd 1 at rate 0.01: a hit's log-s.d. is 10, where E[exp(σX)] is infinite and the
    // continuous normaliser 1 − σ²/2 is negative (before the atoms, niches and shares went negative
    // and the economy collapsed to a few dozen firms)
    const p = ModelParamsSchema.parse({
      firms: 400,
      ticks: 30,
      market: { nicheShockSd: 1, nicheShockRate: 0.01 },
    });
    const w = createWorld(p, 3);
    initialise(w);
    const f = w.firms;
    let negative = 0;
    for (let t = 0; t < p.ticks; t++) {
      w.tick = t;
      tick(w);
      checkBooks(w);
      for (let i = 0; i < f.hi; i++) if (f.alive[i] && (!(f.niche[i] > 0) || !(f.share[i] >= 0))) negative++;
    }
    expect(negative).toBe(0);
    expect(f.count).toBeGreaterThan(200);
  });
});
