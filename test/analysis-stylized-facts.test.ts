import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { FACT_KEYS, packFacts, runFacts, unpackFacts } from "../src/analysis/validation/facts.js";
import { decodeJobOutput, packJobOutput } from "../src/engine/job.js";
import { syntheticResult } from "./engine-helpers.js";

describe("per-run facts", () => {
  it("measures a synthetic economy with known tail and growth, and survives packing", () => {
    const rng = seedrandom("facts");
    const ticks = 40;
    const result = syntheticResult(7, ticks, 3000);
    const f = result.firms!;
    for (let i = 0; i < f.id.length; i++) {
      // Pareto(α = 1) sizes above 5, Laplace growth over the last year
      f.employees[i] = Math.round(5 * (1 - rng()) ** -1);
      const u = rng() - 0.5;
      f.employeesYearAgo[i] = f.employees[i] * Math.exp(0.2 * Math.sign(u) * Math.log(1 - 2 * Math.abs(u)));
      f.sales[i] = 0.05 * f.employees[i];
      if (rng() < 0.4) {
        f.rdSpending[i] = 0.05 * f.sales[i];
        f.rdQuarters[i] = ticks;
        f.lastRdTick[i] = ticks - 1;
        f.rdYearAgo[i] = 1;
      } else f.rdYearAgo[i] = 0;
    }
    const facts = runFacts(result, { burnIn: 8 });
    expect(facts.facts.paretoAlpha).toBeGreaterThan(0.85);
    expect(facts.facts.paretoAlpha).toBeLessThan(1.15);
    expect(facts.facts.subbotinB).toBeGreaterThan(0.8);
    expect(facts.facts.subbotinB).toBeLessThan(1.25);
    expect(facts.facts.rdPersistence).toBe(1);
    expect(facts.facts.entryRate).toBeGreaterThan(0);
    expect(facts.vectors.sizes.length).toBeGreaterThan(1500);

    const job = packJobOutput(result);
    const { facts: back, rest } = unpackFacts(packFacts(facts, job));
    for (const k of FACT_KEYS) expect(Object.is(back.facts[k], facts.facts[k])).toBe(true);
    expect(Array.from(back.vectors.growth)).toEqual(Array.from(facts.vectors.growth));
    expect(decodeJobOutput(rest).ticks).toBe(ticks);
    expect(Array.from(rest)).toEqual(Array.from(job));
  });

  it("gives NaN for firm facts without firm records but still the yearly rates", () => {
    const result = syntheticResult(3, 20);
    const facts = runFacts(result, { burnIn: 4 });
    expect(facts.facts.paretoAlpha).toBeNaN();
    expect(facts.facts.survival1).toBeNaN();
    expect(Number.isFinite(facts.facts.exitRate)).toBe(true);
  });
});
