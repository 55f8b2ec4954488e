import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import { initialSmeSurvival } from "../src/analysis/outcomes.js";
import { effectOfDifferences, pairBySeed, pairedEffect, SeedMismatchError } from "../src/analysis/paired.js";
import { ccdf } from "../src/analysis/sizes.js";
import { kaplanMeier } from "../src/analysis/survival.js";
import { syntheticScenarios } from "./report-fixtures.js";

describe("paired differences", () => {
  it("pairs by seed, not by position", () => {
    const base = [
      { seed: 1, value: 10 },
      { seed: 2, value: 20 },
      { seed: 3, value: 30 },
    ];
    const scen = [
      { seed: 3, value: 33 },
      { seed: 1, value: 11 },
      { seed: 2, value: 22 },
    ];
    expect(pairBySeed(base, scen).diffs).toEqual([1, 2, 3]);
    const e = pairedEffect(base, scen);
    expect(e.diff.estimate).toBe(2);
    expect(e.baselineMean).toBe(20);
    expect(e.relative).toBeCloseTo(0.1, 12);
    // t interval on 3 paired seeds: 2 ± t(0.975, 2) · 1/√3 = 2 ± 2.484 (a percentile bootstrap
    // would claim [1, 3] and a significant effect)
    expect(e.diff.lo).toBeCloseTo(2 - 4.30265273 / Math.sqrt(3), 6);
    expect(e.diff.hi).toBeCloseTo(2 + 4.30265273 / Math.sqrt(3), 6);
    expect(e.significant).toBe(false);
    expect(e.pValue).toBeGreaterThan(0.05);
  });

  it("refuses samples that do not share their seeds (common random numbers broken)", () => {
    const base = [
      { seed: 1, value: 1 },
      { seed: 2, value: 2 },
    ];
    expect(() => pairBySeed(base, [{ seed: 1, value: 1 }])).toThrow(SeedMismatchError);
    expect(() =>
      pairBySeed(base, [
        { seed: 1, value: 1 },
        { seed: 9, value: 2 },
      ]),
    ).toThrow(/seed 2 has no scenario run/);
  });

  it("a paired test sees an effect that an unpaired comparison would hide in the noise", () => {
    // large seed-to-seed noise, shared by both scenarios; the scenario adds exactly 1
    const base = [100, 300, 50, 800, 420, 10];
    const e = effectOfDifferences(
      base,
      base.map((v) => v + 1),
    );
    expect(e.diff).toMatchObject({ estimate: 1, lo: 1, hi: 1 });
    expect(e.significant).toBe(true);
    const noEffect = effectOfDifferences(base, [101, 299, 52, 798, 421, 9]);
    expect(noEffect.significant).toBe(false);
  });

  it("compares scenarios seed by seed and finds no effect of a scenario against itself", () => {
    const [base, other] = syntheticScenarios(["baseline", "grants"], 4, 12);
    const c = compareScenarios([base, { ...base, name: "same" }, other]);
    for (const e of c.effects.filter((x) => x.scenario === "same")) {
      expect(e.effect.diff).toMatchObject({ estimate: 0, lo: 0, hi: 0 });
      expect(e.effect.significant).toBe(false);
    }
    expect(c.seeds).toEqual(base.runs.map((r) => r.seed));
    const shuffled = { ...other, runs: [...other.runs].reverse() };
    const c2 = compareScenarios([base, shuffled]);
    const c1 = compareScenarios([base, other]);
    expect(c2.effects).toEqual(c1.effects);
    expect(() => compareScenarios([base, { ...other, runs: other.runs.slice(1) }])).toThrow(
      SeedMismatchError,
    );
  });

  it("reports cost-effectiveness as n/a with a reason when the effect is not significant", () => {
    const [base, other] = syntheticScenarios(["baseline", "grants"], 4, 12);
    const c = compareScenarios([base, other]);
    const innov = c.costEffectiveness.find((r) => r.target === "innovations")!;
    expect(innov.effect.significant).toBe(true);
    expect(innov.ratio!.estimate).toBeCloseTo(innov.netCost.estimate / innov.effect.diff.estimate, 9);
    const self = compareScenarios([base, { ...base, name: "same" }]);
    // no gain and no cost: nothing to divide
    for (const r of self.costEffectiveness) {
      expect(r.ratio).toBeNull();
      expect(r.reason).toBe("noNetCost");
    }
  });
});

describe("the comparison's table", () => {
  it("stars only Benjamini–Hochberg discoveries across the whole table", () => {
    const runs = syntheticScenarios(["baseline", "grants", "guarantees", "funds"], 6, 12);
    const c = compareScenarios(runs);
    const effects = c.effects.map((e) => e.effect);
    expect(c.fdr).toBe(0.05);
    for (const e of effects) {
      expect(e.qValue).toBeGreaterThanOrEqual(e.pValue - 1e-15);
      if (e.discovery) expect(e.significant).toBe(true);
    }
    // BH's step-up rule: the discoveries are the k smallest p-values, p_(k) ≤ k/m · 5%
    const ps = effects
      .map((e) => e.pValue)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    let k = 0;
    ps.forEach((p, i) => {
      if (p <= ((i + 1) / ps.length) * 0.05) k = i + 1;
    });
    expect(effects.filter((e) => e.discovery).length).toBe(k);
  });

  it("evaluates counts over the policy window and says which quarters", () => {
    const [base, other] = syntheticScenarios(["baseline", "grants"], 5, 12);
    const c = compareScenarios([base, { ...other, policyStart: 4 }], { outcomes: ["innovations"] });
    expect(c.window).toEqual({ from: 5, to: 12 });
    expect(c.policyStart).toEqual({ baseline: 1, grants: 5 });
    const total = (r: (typeof base.runs)[number]) =>
      Array.from(r.series.innovations)
        .slice(4)
        .reduce((a, v) => a + v, 0);
    const diffs = other.runs.map((r, i) => total(r) - total(base.runs[i]));
    expect(c.effects[0].effect.diff.estimate).toBeCloseTo(diffs.reduce((a, v) => a + v, 0) / diffs.length, 9);
    expect(Math.min(...c.effectsOverTime.map((p) => p.tick))).toBe(5);
  });
});

describe("survival and sizes", () => {
  it("Kaplan–Meier matches a hand-computed example with censoring", () => {
    // durations 1,2+,3,3,4+,5 ('+' censored): S(1)=5/6, S(3)=5/6·(1−2/4)=5/12, S(5)=0
    const km = kaplanMeier([1, 2, 3, 3, 4, 5], [true, false, true, true, false, true]);
    expect(km.map((p) => p.time)).toEqual([0, 1, 3, 5]);
    expect(km[1].survival).toBeCloseTo(5 / 6, 12);
    expect(km[2].survival).toBeCloseTo(5 / 12, 12);
    expect(km[3].survival).toBe(0);
    expect(km[2].lo).toBeLessThan(km[2].survival);
    expect(km[2].hi).toBeGreaterThan(km[2].survival);
  });

  it("the complementary CDF is P(X ≥ x)", () => {
    expect(ccdf([1, 2, 2, 4])).toEqual([
      { size: 1, share: 1 },
      { size: 2, share: 0.75 },
      { size: 4, share: 0.25 },
    ]);
    const thin = ccdf(
      Array.from({ length: 5000 }, (_, i) => i + 1),
      50,
    );
    expect(thin.length).toBeLessThanOrEqual(51);
    expect(thin[thin.length - 1]).toEqual({ size: 5000, share: 1 / 5000 });
  });

  it("initial SME survival counts exits from the tick they happen", () => {
    const run = syntheticScenarios(["b"], 1, 10)[0].runs[0];
    const s = initialSmeSurvival(run);
    const f = run.firms!;
    let initial = 0;
    let alive = 0;
    for (let i = 0; i < f.kind.length; i++) {
      if (f.origin[i] !== 0) continue;
      initial++;
      if (f.exitTick[i] < 0) alive++;
    }
    expect(s[s.length - 1]).toBeCloseTo(alive / initial, 12);
  });
});
