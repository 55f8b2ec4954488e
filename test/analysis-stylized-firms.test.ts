import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { aliveSizes, logGrowthRates } from "../src/analysis/stylized/growth.js";
import { innovationSurvey } from "../src/analysis/stylized/innovationSurvey.js";
import { littleGiantProfile } from "../src/analysis/stylized/littleGiants.js";
import { rdPersistence } from "../src/analysis/stylized/rdPersistence.js";
import { rdAndSize } from "../src/analysis/stylized/rdSize.js";
import { cohortSurvival, kaplanMeier } from "../src/analysis/stylized/survival.js";
import { entryExitRates } from "../src/analysis/stylized/turnover.js";
import { EXIT_CAUSES } from "../src/model/types.js";

describe("cohort survival (Kaplan–Meier)", () => {
  it("matches a hand computation with right-censoring", () => {
    // durations in ticks; false = censored. Hand KM at the event times 2, 4, 4, 8:
    // t=2: 6 at risk, 1 exit → 5/6; t=4: 5 at risk, 2 exits → 5/6·3/5 = 1/2;
    // censored at 5; t=8: 2 at risk, 1 exit → 1/4; censored at 9.
    const km = kaplanMeier([2, 4, 4, 5, 8, 9], [true, true, true, false, true, false]);
    expect(km.at(1).s).toBe(1);
    expect(km.at(2).s).toBeCloseTo(5 / 6, 12);
    expect(km.at(4).s).toBeCloseTo(1 / 2, 12);
    expect(km.at(7).s).toBeCloseTo(1 / 2, 12);
    expect(km.at(8).s).toBeCloseTo(1 / 4, 12);
    expect(km.at(9).s).toBeCloseTo(1 / 4, 12);
    expect(km.at(10).s).toBeNaN();
    // Greenwood at t = 4: S²·(1/(6·5) + 2/(5·3))
    expect(km.at(4).se).toBeCloseTo(0.5 * Math.sqrt(1 / 30 + 2 / 15), 12);
  });

  it("pools cohorts after the burn-in, censors survivors and acquisitions, skips initial firms", () => {
    const acquired = EXIT_CAUSES.indexOf("acquired");
    const insolvent = EXIT_CAUSES.indexOf("insolvent");
    const firms = {
      // firm 0 is an initial firm (ignored); firm 1 entered in the burn-in (ignored)
      origin: [0, 1, 1, 1, 2, 1, 1],
      entryTick: [0, 2, 10, 10, 12, 14, 16],
      exitTick: [5, 9, 13, -1, 20, 30, -1],
      exitCause: [insolvent, insolvent, insolvent, 0, insolvent, acquired, 0],
    };
    const curve = cohortSurvival(firms, { endTick: 24, fromTick: 8, ticksPerYear: 4 });
    expect(curve.entrants).toBe(5);
    // durations: 3 (exit), 14 (censored), 8 (exit), 16 (acquired → censored), 8 (censored)
    // year 1 (t=4): one exit of 5 at risk at t=3 → 0.8
    // year 2 (t=8): exit at 8 with 4 at risk → 0.8·3/4 = 0.6
    expect(curve.survival[0]).toBe(1);
    expect(curve.survival[1]).toBeCloseTo(0.8, 12);
    expect(curve.survival[2]).toBeCloseTo(0.6, 12);
    expect(curve.survival[4]).toBeCloseTo(0.6, 12);
    expect(curve.years.at(-1)).toBe(4);
    const asExit = cohortSurvival(firms, { endTick: 24, fromTick: 8, acquisitionIsExit: true });
    // the acquisition at 16 is now an exit with 1 at risk → S(4 years) = 0
    expect(asExit.survival[4]).toBe(0);
  });
});

describe("entry and exit rates", () => {
  it("divides yearly flows by the stock at the start of each year, after the burn-in", () => {
    const ticks = 13;
    const smes = new Float64Array(ticks).fill(100);
    const entries = new Float64Array(ticks).fill(2);
    const exits = new Float64Array(ticks).fill(3);
    smes[4] = 200; // stock at the start of the year beginning at tick 5
    const r = entryExitRates({ smes, entries, exits }, { fromTick: 1 });
    expect(r.yearlyEntry).toEqual([0.08, 0.04, 0.08]);
    expect(r.yearlyExit).toEqual([0.12, 0.06, 0.12]);
    expect(r.netRate).toBeCloseTo((0.2 - 0.3) / 3, 12);
    expect(entryExitRates({ smes, entries, exits }, { fromTick: 5 }).yearlyEntry).toEqual([0.04, 0.08]);
  });
});

function records(n: number) {
  return {
    id: new Int32Array(n),
    kind: new Uint8Array(n),
    origin: new Uint8Array(n),
    entryTick: new Int32Array(n),
    exitTick: new Int32Array(n).fill(-1),
    exitCause: new Uint8Array(n),
    employees: new Float64Array(n),
    sales: new Float64Array(n),
    rdSpending: new Float64Array(n),
    rdStaff: new Float64Array(n),
    tier: new Uint8Array(n),
    innovations: new Int32Array(n),
    rdQuarters: new Int32Array(n),
    cooperated: new Uint8Array(n),
    employeesYearAgo: new Float64Array(n).fill(Number.NaN),
    rdYearAgo: new Int8Array(n).fill(-1),
    lastRdTick: new Int32Array(n).fill(-1),
    lastInnovationTick: new Int32Array(n).fill(-1),
    lastCooperationTick: new Int32Array(n).fill(-1),
  };
}

describe("firm-level facts from FirmRecords", () => {
  it("log growth of survivors older than a year, optionally demeaned", () => {
    const f = records(4);
    f.employees.set([10, 20, 5, 8]);
    f.employeesYearAgo.set([5, Number.NaN, 5, 2]);
    f.exitTick.set([-1, -1, -1, 7]);
    const g = logGrowthRates(f);
    expect(g.length).toBe(2);
    expect(g[0]).toBeCloseTo(Math.log(2), 12);
    expect(g[1]).toBe(0);
    expect(logGrowthRates(f, { demean: true })[0]).toBeCloseTo(Math.log(2) / 2, 12);
    expect(Array.from(aliveSizes(f))).toEqual([10, 20, 5]);
  });

  it("R&D participation rises with size while intensity does not", () => {
    const rng = seedrandom("rd-size");
    const n = 4000;
    const f = records(n);
    for (let i = 0; i < n; i++) {
      const e = Math.round(Math.exp(1 + 3 * rng())) + 1;
      f.employees[i] = e;
      f.sales[i] = 0.05 * e;
      const p = 1 / (1 + Math.exp(-(-3 + 0.8 * Math.log(e))));
      if (rng() < p) f.rdSpending[i] = f.sales[i] * 0.05 * Math.exp(0.5 * (rng() - 0.5));
    }
    const r = rdAndSize(f);
    expect(Math.abs(r.participation.slope - 0.8)).toBeLessThan(4 * r.participation.slopeSe);
    expect(r.shareByQuartile[3]).toBeGreaterThan(r.shareByQuartile[0]);
    expect(Math.abs(r.intensity.slope)).toBeLessThan(0.05);
    expect(r.performers).toBeLessThan(r.firms);
  });

  it("R&D persistence: 1 when status never changes, the unconditional share when random", () => {
    const n = 1000;
    const steady = records(n);
    for (let i = 0; i < n; i++) {
      const does = i % 3 === 0;
      steady.rdSpending[i] = does ? 1 : 0;
      steady.rdYearAgo[i] = does ? 1 : 0;
    }
    steady.rdYearAgo[1] = -1; // too young: ignored
    const s = rdPersistence(steady);
    expect(s.persistence).toBe(1);
    expect(s.firms).toBe(n - 1);
    const rng = seedrandom("persistence");
    const random = records(n);
    for (let i = 0; i < n; i++) {
      random.rdYearAgo[i] = rng() < 0.3 ? 1 : 0;
      random.rdSpending[i] = rng() < 0.3 ? 1 : 0;
    }
    const r = rdPersistence(random);
    expect(Math.abs(r.persistence - r.unconditional)).toBeLessThan(0.06);
    // exited firms do not count
    random.exitTick.fill(5);
    expect(rdPersistence(random).persistence).toBeNaN();
  });

  it("little-giant profile averages over tier-3 survivors only", () => {
    const f = records(3);
    f.tier.set([3, 3, 2]);
    f.exitTick.set([-1, -1, -1]);
    f.sales.set([1, 2, 1]);
    f.rdSpending.set([0.06, 0.14, 0.5]);
    f.employees.set([10, 20, 10]);
    f.rdStaff.set([2, 6, 9]);
    const r = littleGiantProfile(f);
    expect(r.firms).toBe(2);
    expect(r.rdIntensity).toBeCloseTo(0.065, 12);
    expect(r.rdStaffShare).toBeCloseTo(0.25, 12);
    expect(littleGiantProfile(records(0)).rdIntensity).toBeNaN();
  });

  it("innovation-active share over three years and university cooperation among the active", () => {
    const f = records(6);
    const end = 40;
    // 0: R&D in the last tick; 1: innovated at tick 28 (first tick of the window); 2: R&D at 27 only
    // (outside); 3: never; 4: exited; 5: R&D at 35, cooperated at 20 (outside the window)
    f.exitTick.set([-1, -1, -1, -1, 20, -1]);
    f.lastRdTick.set([39, -1, 27, -1, 19, 35]);
    f.lastInnovationTick.set([-1, 28, 10, -1, 19, -1]);
    f.lastCooperationTick.set([30, -1, 27, -1, 19, 20]);
    const r = innovationSurvey(f, end);
    expect(r.smes).toBe(5);
    expect(r.innovationActive).toBe(3);
    expect(r.innovationActiveShare).toBe(0.6);
    expect(r.universityCooperationShare).toBeCloseTo(1 / 3, 12);
  });
});
