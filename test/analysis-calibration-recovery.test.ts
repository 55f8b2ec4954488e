import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCalibration } from "../src/analysis/calibration/run.js";
import { syntheticTargets } from "../src/analysis/calibration/synthetic.js";
import { parseTargets } from "../src/analysis/calibration/targets.js";
import { defaultParams } from "../src/model/params.js";

/**
 * Recovery on synthetic data: the model at known parameters produces the "data" (on seeds of its
 * own, with the s.e. of a mean over 8 runs); calibrating to them must put the truth inside the
 * 90% posterior intervals for most (dataset, parameter) pairs. Tiny: 2 parameters, 16 particles,
 * 100 SMEs × 24 quarters, 2 common seeds per particle, in this thread (docs/calibration-method.md).
 */
const TARGETS = `
name: recovery
economy: { firms: 100, ticks: 24, burnIn: 8, replications: 2 }
abc: { particles: 16, generations: 6, seed: 5, predictiveDraws: 4 }
moments:
  - { id: growth.subbotinA, value: 0, se: 1 }
  - { id: turnover.exitRate, value: 0, se: 1 }
  - { id: rd.intensity, value: 0, se: 1 }
  - { id: rd.performerShare, value: 0, se: 1 }
  - { id: turnover.entryRate, value: 0, se: 1, heldOut: true }
parameters:
  - { path: market.nicheShockSd, prior: [0.05, 0.3] }
  - { path: rnd.rdPropensity, prior: [0.01, 0.15] }
`;

const TRUTHS = [
  { "market.nicheShockSd": 0.15, "rnd.rdPropensity": 0.05 },
  { "market.nicheShockSd": 0.1, "rnd.rdPropensity": 0.09 },
  { "market.nicheShockSd": 0.22, "rnd.rdPropensity": 0.03 },
];

const tmp = mkdtempSync(join(tmpdir(), "ecosim-recovery-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("calibrate recovers known parameters from synthetic data", () => {
  it("puts the truth in the 90% posterior region for most datasets", async () => {
    const started = performance.now();
    const base = parseTargets(TARGETS, join(tmp, "recovery.yaml"));
    const params = defaultParams();
    let inside = 0;
    let pairs = 0;
    const lines: string[] = [];
    for (const [d, truth] of TRUTHS.entries()) {
      const targets = syntheticTargets(base, params, { truth, dataset: d + 1, observations: 8 });
      const r = await runCalibration({
        targets,
        params,
        scenarioName: "defaults",
        dir: join(tmp, `d${d}`),
        workers: 0,
      });
      expect(r.interrupted).toBe(false);
      for (const m of r.marginals) {
        const t = truth[m.path as keyof typeof truth];
        const ok = t >= m.q05 && t <= m.q95;
        pairs++;
        if (ok) inside++;
        lines.push(
          `dataset ${d + 1} ${m.path}: truth ${t}, 90% [${m.q05.toPrecision(3)}, ${m.q95.toPrecision(3)}], sd ratio ${m.sdRatio.toFixed(2)} ${ok ? "inside" : "OUTSIDE"}`,
        );
      }
    }
    const secs = (performance.now() - started) / 1000;
    console.log(`${lines.join("\n")}\n${inside}/${pairs} inside, ${secs.toFixed(1)} s`);
    expect(inside).toBeGreaterThanOrEqual(pairs - 1);
    expect(secs).toBeLessThan(60);
  });
});
