import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { ishigamiFromUnit, ishigamiIndices } from "../src/analysis/sensitivity/ishigami.js";
import { morrisDesign, morrisIndices } from "../src/analysis/sensitivity/morris.js";
import { sobolIndices } from "../src/analysis/sensitivity/sobol.js";

/** Saltelli blocks (A, B, AB^(1..k)) from seeded uniform samples, in the scenario design's layout. */
function saltelliBlocks(k: number, n: number, seed: string): number[][] {
  const rng = seedrandom(seed);
  const points: number[][] = [];
  for (let j = 0; j < n; j++) {
    const a = Array.from({ length: k }, () => rng());
    const b = Array.from({ length: k }, () => rng());
    points.push(a, b);
    for (let i = 0; i < k; i++) points.push(a.map((v, c) => (c === i ? b[i] : v)));
  }
  return points;
}

describe("Sobol indices (Saltelli 2010 / Jansen) on the Ishigami function", () => {
  const truth = ishigamiIndices();

  it("has the textbook analytical values", () => {
    expect(truth.S1[0]).toBeCloseTo(0.3139, 3);
    expect(truth.S1[1]).toBeCloseTo(0.4424, 3);
    expect(truth.ST[0]).toBeCloseTo(0.5576, 3);
    expect(truth.ST[2]).toBeCloseTo(0.2437, 3);
  });

  it("estimates S1 and ST within 0.05 and its intervals cover the truth", () => {
    const y = saltelliBlocks(3, 8192, "ishigami").map((u) => ishigamiFromUnit(u));
    const idx = sobolIndices(y, 3, { bootstrap: 200, seed: 1 });
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(idx[i].S1 - truth.S1[i])).toBeLessThan(0.05);
      expect(Math.abs(idx[i].ST - truth.ST[i])).toBeLessThan(0.05);
      expect(idx[i].S1Ci[0]).toBeLessThan(truth.S1[i] + 0.02);
      expect(idx[i].S1Ci[1]).toBeGreaterThan(truth.S1[i] - 0.02);
      expect(idx[i].STCi[0]).toBeLessThan(truth.ST[i] + 0.02);
      expect(idx[i].STCi[1]).toBeGreaterThan(truth.ST[i] - 0.02);
      expect(idx[i].STCi[1]).toBeGreaterThan(idx[i].STCi[0]);
    }
  });

  it("gives exact shares on an additive function and rejects a wrong layout", () => {
    const y = saltelliBlocks(2, 4096, "additive").map((u) => u[0] + 2 * u[1]);
    const idx = sobolIndices(y, 2, { bootstrap: 50 });
    // Var = 1/12 + 4/12: shares 0.2 and 0.8, additive so S1 = ST
    expect(idx[0].S1).toBeCloseTo(0.2, 1);
    expect(idx[1].ST).toBeCloseTo(0.8, 1);
    expect(() => sobolIndices([1, 2, 3], 2)).toThrow(RangeError);
  });
});

describe("Morris elementary effects", () => {
  it("designs r trajectories of k+1 grid points that move one factor by ±Δ per step", () => {
    const d = morrisDesign(5, 10, 4, 3);
    expect(d.points).toHaveLength(10 * 6);
    expect(d.delta).toBeCloseTo(2 / 3, 12);
    for (let t = 0; t < d.r; t++) {
      const moved = new Set<number>();
      for (let s = 1; s <= d.k; s++) {
        const p = d.points[t * 6 + s - 1];
        const q = d.points[t * 6 + s];
        const changed = q.map((v, i) => (Math.abs(v - p[i]) > 1e-12 ? i : -1)).filter((i) => i >= 0);
        expect(changed).toHaveLength(1);
        expect(Math.abs(q[changed[0]] - p[changed[0]])).toBeCloseTo(d.delta, 12);
        moved.add(changed[0]);
        for (const v of q) expect(v >= 0 && v <= 1).toBe(true);
      }
      expect(moved.size).toBe(d.k);
    }
  });

  it("recovers the coefficients of a linear function with sigma 0", () => {
    const coef = [3, -2, 0, 0.5];
    const d = morrisDesign(4, 12, 4, "linear");
    const y = d.points.map((x) => x.reduce((s, v, i) => s + coef[i] * v, 1));
    const idx = morrisIndices(d, y, { bootstrap: 100 });
    idx.forEach((m, i) => {
      expect(m.mu).toBeCloseTo(coef[i], 10);
      expect(m.muStar).toBeCloseTo(Math.abs(coef[i]), 10);
      expect(m.sigma).toBeCloseTo(0, 10);
    });
  });

  it("ranks Ishigami's factors and flags the interaction of x3 by sigma", () => {
    const d = morrisDesign(3, 60, 4, "ishigami-morris");
    const idx = morrisIndices(
      d,
      d.points.map((u) => ishigamiFromUnit(u)),
    );
    // x3 has no first-order effect but interacts with x1: mean EE near 0, large spread
    expect(Math.abs(idx[2].mu)).toBeLessThan(idx[2].sigma);
    expect(idx[2].sigma).toBeGreaterThan(1);
    expect(() => morrisIndices(d, [1, 2])).toThrow(RangeError);
  });
});
