import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  abcSmc,
  distanceOf,
  ess,
  nextEpsilon,
  type Particle,
  reflect,
  reweight,
  systematicResample,
  weightedMoments,
  weightedQuantile,
} from "../src/analysis/calibration/abc.js";
import { MOMENT_IDS, packMoments, unpackMoments } from "../src/analysis/calibration/moments.js";
import { parseTargets } from "../src/analysis/calibration/targets.js";
import {
  compareWithUncertainty,
  drawUncertainParameters,
  readUncertainties,
  twoBandEffects,
} from "../src/analysis/calibration/uncertainty.js";
import { createInProcessExecutor } from "../src/engine/inprocess.js";
import { defaultParams } from "../src/model/params.js";

const tmp = mkdtempSync(join(tmpdir(), "ecosim-calibration-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("ABC-SMC building blocks", () => {
  it("systematic resampling follows the weights", () => {
    const idx = systematicResample([0.5, 0.25, 0.25, 0], 8, 0.3);
    expect(idx.filter((i) => i === 0)).toHaveLength(4);
    expect(idx.filter((i) => i === 3)).toHaveLength(0);
  });
  it("reflection keeps proposals in the prior box", () => {
    expect(reflect(1.2, 0, 1)).toBeCloseTo(0.8);
    expect(reflect(-0.3, 0, 1)).toBeCloseTo(0.3);
    expect(reflect(2.4, 0, 1)).toBeCloseTo(0.4);
  });
  it("the next tolerance keeps alpha of the ESS, and never goes below epsMin", () => {
    const particles: Particle[] = Array.from({ length: 50 }, (_, i) => ({
      theta: [i],
      moments: [],
      distance: 0.2 * i,
    }));
    const pop = { particles, weights: particles.map(() => 1 / 50), epsilon: Infinity };
    const eps = nextEpsilon(pop, 0.5, 0.01);
    expect(ess(reweight(pop, eps))).toBeCloseTo(25, 0);
    expect(nextEpsilon(pop, 0.5, 100)).toBe(100);
  });
  it("weighted moments and quantiles", () => {
    const { mean, cov } = weightedMoments([[0], [2]], [0.5, 0.5]);
    expect(mean[0]).toBe(1);
    expect(cov[0][0]).toBe(1);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.3, 0.5], 0.5)).toBe(2);
  });
  it("recovers the conjugate posterior of a Gaussian mean (ε stops at the noise level)", async () => {
    // y ~ N(θ, 1), y = 0.7, prior U(−5, 5): posterior ≈ N(0.7, 1)
    const spec = { targets: [0.7], scales: [1] };
    const result = await abcSmc({
      priors: [{ path: "x", lo: -5, hi: 5 }],
      particles: 400,
      generations: 30,
      finalMoves: 6,
      seed: 4,
      simulate: async (_g, thetas) =>
        thetas.map((theta) => ({ theta, moments: [theta[0]], distance: distanceOf([theta[0]], spec) })),
    });
    expect(result.converged).toBe(true);
    const thetas = result.population.particles.map((p) => p.theta);
    const { mean, cov } = weightedMoments(thetas, result.population.weights);
    expect(mean[0]).toBeCloseTo(0.7, 0);
    expect(Math.abs(mean[0] - 0.7)).toBeLessThan(0.2);
    expect(Math.sqrt(cov[0][0])).toBeGreaterThan(0.8);
    expect(Math.sqrt(cov[0][0])).toBeLessThan(1.2);
  });
  it("is deterministic for a seed", async () => {
    const run = () =>
      abcSmc({
        priors: [
          { path: "a", lo: 0, hi: 1 },
          { path: "b", lo: 0, hi: 1 },
        ],
        particles: 20,
        generations: 4,
        seed: 9,
        simulate: async (_g, thetas) =>
          thetas.map((theta) => ({
            theta,
            moments: theta,
            distance: distanceOf(theta, { targets: [0.3, 0.6], scales: [0.05, 0.05] }),
          })),
      });
    const a = await run();
    const b = await run();
    expect(a.population.particles.map((p) => p.theta)).toEqual(b.population.particles.map((p) => p.theta));
  });
});

describe("moments and targets files", () => {
  it("packs and unpacks moments in front of a job output", () => {
    const m = Float64Array.from(MOMENT_IDS.map((_, i) => i + 0.5));
    const { moments, rest } = unpackMoments(packMoments(m, Float64Array.from([7, 8])));
    expect(Array.from(moments)).toEqual(Array.from(m));
    expect(Array.from(rest)).toEqual([7, 8]);
  });
  it("reads bands as value ± 2 s.e. and checks ids and paths", () => {
    const t = parseTargets(
      [
        "moments:",
        "  - { id: survival.year1, band: [0.75, 0.85], source: BDS }",
        "  - { id: turnover.exitRate, value: 0.09, se: 0.01, heldOut: true }",
        "parameters:",
        "  - { path: market.nicheShockSd, prior: [0.05, 0.3] }",
      ].join("\n"),
      "t.yaml",
    );
    expect(t.moments[0].value).toBeCloseTo(0.8);
    expect(t.moments[0].se).toBeCloseTo(0.025);
    expect(t.moments[1].heldOut).toBe(true);
    expect(t.parameters[0]).toMatchObject({ path: "market.nicheShockSd", lo: 0.05, hi: 0.3 });
    expect(() =>
      parseTargets(
        "moments: [{ id: nope, value: 1, se: 1 }]\nparameters: [{ path: x.y, prior: [0, 1] }]",
        "b.yaml",
      ),
    ).toThrow(/unknown moment "nope"[\s\S]*x\.y/);
  });
});

describe("levers vs uncertainties", () => {
  it("draws from a weighted sample and from uniform ranges, deterministically", () => {
    const csv = join(tmp, "posterior.csv");
    writeFileSync(
      csv,
      "particle,weight,market.nicheShockSd,distance\n0,0.75,0.1,1\n1,0.25,0.2,2\n1,0,0.3,2\n",
    );
    const file = join(tmp, "u.yaml");
    writeFileSync(
      file,
      "uncertainties:\n  sample: posterior.csv\n  parameters:\n    rnd.rdPropensity: { uniform: [0.02, 0.08] }\n",
    );
    const spec = readUncertainties(file);
    const draws = drawUncertainParameters(spec, 8, 3);
    expect(draws).toEqual(drawUncertainParameters(spec, 8, 3));
    expect(draws.filter((d) => d["market.nicheShockSd"] === 0.1)).toHaveLength(6);
    expect(draws.some((d) => d["market.nicheShockSd"] === 0.3)).toBe(false);
    for (const d of draws) expect(d["rnd.rdPropensity"]).toBeGreaterThanOrEqual(0.02);
    // a Latin hypercube: one draw per eighth of the range
    const strata = draws.map((d) => Math.floor(((d["rnd.rdPropensity"] - 0.02) / 0.06) * 8)).sort();
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
  it("separates seed noise from parameter uncertainty (law of total variance)", () => {
    // baseline 0; mix A: effect 1 + draw-specific shift ±2, small seed noise; mix B: effect 0.5, no shift
    const k = 10;
    const r = 4;
    const noise = (d: number, s: number) => 0.1 * Math.sin(7 * d + 3 * s);
    const base = Array.from({ length: k }, () => Array.from({ length: r }, () => 0));
    const a = Array.from({ length: k }, (_, d) =>
      Array.from({ length: r }, (_, s) => 1 + (d % 2 ? 2 : -2) + noise(d, s)),
    );
    const b = Array.from({ length: k }, (_, d) => Array.from({ length: r }, (_, s) => 0.5 + noise(d + 1, s)));
    const { effects, rank } = twoBandEffects(["base", "A", "B"], "innovations", [base, a, b]);
    const ea = effects[0];
    expect(ea.mean).toBeCloseTo(1, 1);
    expect(ea.seedOnly[1] - ea.seedOnly[0]).toBeLessThan(0.3);
    expect(ea.seedAndParameter[1] - ea.seedAndParameter[0]).toBeGreaterThan(6);
    expect(ea.parameterShare).toBeGreaterThan(0.95);
    expect(ea.probBeatsBaseline).toBe(0.5);
    expect(effects[1].probBeatsBaseline).toBe(1);
    expect(rank.find((x) => x.a === "A" && x.b === "B")?.probABeatsB).toBe(0.5);
  });
  it("runs the nested design: every mix on the same draws and seeds, seed band inside the total band", async () => {
    const base = { ...defaultParams(), firms: 40, ticks: 8 };
    const grant = structuredClone(base);
    grant.instruments.grants.enabled = true;
    const r = await compareWithUncertainty({
      baseline: { name: "baseline", params: base },
      mixes: [{ name: "grant", params: grant }],
      uncertainty: { uniform: { "rnd.rdPropensity": [0.03, 0.08] } },
      draws: 3,
      replications: 2,
      seed: 1,
      outcomes: ["rdIntensity"],
      executor: createInProcessExecutor(),
    });
    expect(r.runs).toBe(12);
    const e = r.effects[0];
    expect(e.seedAndParameter[0]).toBeLessThanOrEqual(e.seedOnly[0]);
    expect(e.seedAndParameter[1]).toBeGreaterThanOrEqual(e.seedOnly[1]);
    expect(e.probBeatsBaseline).toBeGreaterThanOrEqual(0);
  });
});
