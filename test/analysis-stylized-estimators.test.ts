import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { logitFit, meanCi, olsFit, tQuantile975 } from "../src/analysis/stylized/numeric.js";
import { empiricalCcdf, fitParetoTail } from "../src/analysis/stylized/pareto.js";
import { fitSubbotin } from "../src/analysis/stylized/subbotin.js";

function normal(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

describe("Pareto tail (Clauset et al. MLE with KS choice of x_min)", () => {
  it("gives back alpha of a pure continuous Pareto sample", () => {
    const rng = seedrandom("pareto-1");
    for (const alpha of [0.8, 1.06, 1.5]) {
      const xs = Array.from({ length: 5000 }, () => 2 * (1 - rng()) ** (-1 / alpha));
      const fit = fitParetoTail(xs, { discrete: false });
      expect(fit.alpha).toBeGreaterThan(alpha - 4 * fit.alphaSe);
      expect(fit.alpha).toBeLessThan(alpha + 4 * fit.alphaSe);
      expect(Math.abs(fit.alpha - alpha)).toBeLessThan(0.12);
      expect(fit.ks).toBeLessThan(0.05);
    }
  });

  it("finds the threshold above a lognormal body and the tail exponent beyond it", () => {
    const rng = seedrandom("pareto-2");
    // 70% lognormal body below 20, 30% Pareto(alpha = 1) tail above 20
    const xs: number[] = [];
    for (let i = 0; i < 20000; i++) {
      if (rng() < 0.7) xs.push(Math.min(19.9, Math.exp(1.2 + 0.6 * normal(rng))));
      else xs.push(20 * (1 - rng()) ** -1);
    }
    const fit = fitParetoTail(xs, { discrete: false });
    expect(fit.xmin).toBeGreaterThan(10);
    expect(fit.xmin).toBeLessThan(60);
    expect(Math.abs(fit.alpha - 1)).toBeLessThan(0.1);
  });

  it("handles integer head counts with the half-integer correction", () => {
    const rng = seedrandom("pareto-3");
    const alpha = 1.1;
    // discrete power law by rounding a continuous Pareto on [4.5, ∞) to integers ≥ 5
    const xs = Array.from({ length: 8000 }, () => Math.round(4.5 * (1 - rng()) ** (-1 / alpha)));
    const fit = fitParetoTail(xs);
    expect(fit.discrete).toBe(true);
    expect(Math.abs(fit.alpha - alpha)).toBeLessThan(0.12);
  });

  it("rejects too little data and builds a decreasing CCDF", () => {
    expect(fitParetoTail([1, 2, 3]).alpha).toBeNaN();
    const c = empiricalCcdf([1, 1, 2, 3, 10]);
    expect(c.map((p) => p.ccdf)).toEqual([1, 0.6, 0.4, 0.2]);
  });
});

describe("Subbotin fit by maximum likelihood", () => {
  it("gives b near 1 on a Laplace sample, with the scale and location", () => {
    const rng = seedrandom("laplace");
    const xs = Array.from({ length: 4000 }, () => {
      const u = rng() - 0.5;
      return 0.3 - 0.2 * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    });
    const fit = fitSubbotin(xs);
    expect(fit.b).toBeGreaterThan(0.9);
    expect(fit.b).toBeLessThan(1.1);
    expect(fit.a).toBeCloseTo(0.2, 1);
    expect(fit.mu).toBeCloseTo(0.3, 1);
    expect(fit.logLik).toBeGreaterThan(fit.logLikGaussian);
  });

  it("gives b near 2 on a Gaussian sample, with a = sigma", () => {
    const rng = seedrandom("gauss");
    const xs = Array.from({ length: 4000 }, () => -1 + 0.5 * normal(rng));
    const fit = fitSubbotin(xs);
    expect(fit.b).toBeGreaterThan(1.8);
    expect(fit.b).toBeLessThan(2.25);
    expect(fit.a).toBeCloseTo(0.5, 1);
    expect(fit.mu).toBeCloseTo(-1, 1);
  });

  it("gives a small b on fat-tailed data (Student t with 3 d.f.)", () => {
    const rng = seedrandom("student");
    const xs = Array.from({ length: 4000 }, () => {
      const z = normal(rng);
      const chi = normal(rng) ** 2 + normal(rng) ** 2 + normal(rng) ** 2;
      return z / Math.sqrt(chi / 3);
    });
    expect(fitSubbotin(xs).b).toBeLessThan(1.3);
  });

  it("is undefined on constant data", () => {
    expect(fitSubbotin(new Array(50).fill(1)).b).toBeNaN();
  });
});

describe("numerical helpers", () => {
  it("OLS recovers a line and logit recovers its coefficients", () => {
    const rng = seedrandom("reg");
    const x = Array.from({ length: 4000 }, () => 3 * rng());
    const y = x.map((v) => 1 + 2 * v + 0.1 * normal(rng));
    const ols = olsFit(x, y);
    expect(ols.slope).toBeCloseTo(2, 1);
    expect(ols.intercept).toBeCloseTo(1, 1);
    const yb = x.map((v) => (rng() < 1 / (1 + Math.exp(-(-2 + 1.5 * v))) ? 1 : 0));
    const lg = logitFit(x, yb);
    expect(lg.converged).toBe(true);
    expect(Math.abs(lg.slope - 1.5)).toBeLessThan(4 * lg.slopeSe);
    expect(Math.abs(lg.intercept + 2)).toBeLessThan(0.4);
    expect(logitFit(x, new Array(x.length).fill(1)).slope).toBeNaN();
  });

  it("t intervals: quantiles and a mean over replications", () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(1000)).toBeCloseTo(1.962, 2);
    const m = meanCi([1, 2, 3, Number.NaN]);
    expect(m.n).toBe(3);
    expect(m.mean).toBe(2);
    expect(m.ci[0]).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 3);
  });
});
