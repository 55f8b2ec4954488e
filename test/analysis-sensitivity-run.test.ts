import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { morrisDesign } from "../src/analysis/sensitivity/morris.js";
import {
  factorAxes,
  morrisPoints,
  runSensitivity,
  SensitivityError,
} from "../src/analysis/sensitivity/run.js";
import { ishigamiCheck, parseFactor } from "../src/cli/commands/sensitivity.js";
import { createInProcessExecutor } from "../src/engine/inprocess.js";
import { applyOverrides, loadScenario } from "../src/scenario/index.js";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-sensitivity-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("sensitivity driver", () => {
  it("checks factors against the parameter schema and parses path=lo:hi", () => {
    expect(parseFactor("rnd.rdPropensity=0.02:0.08")).toEqual({
      path: "rnd.rdPropensity",
      lo: 0.02,
      hi: 0.08,
    });
    expect(() => parseFactor("rnd.rdPropensity=0.02")).toThrow(SensitivityError);
    expect(() => factorAxes([{ path: "rnd.nope", lo: 0, hi: 1 }])).toThrow(/not a numeric model parameter/);
    expect(() => factorAxes([{ path: "rnd.rdPropensity", lo: 0.5, hi: 2 }])).toThrow(/bounds/);
    const axes = factorAxes([{ path: "rnd.imitationCandidates", lo: 1, hi: 9 }]);
    expect(axes[0].integer).toBe(true);
    const pts = morrisPoints(morrisDesign(1, 3, 4, 1), axes);
    for (const p of pts) expect(Number.isInteger(p["rnd.imitationCandidates"])).toBe(true);
  });

  it("the estimators recover Ishigami's indices on the scenario layer's Saltelli design", () => {
    const line = ishigamiCheck(4096);
    const err = Number(/largest error ([\d.]+)/.exec(line)?.[1]);
    expect(err).toBeLessThan(0.03);
  });

  it("runs a Morris and a Sobol design as sweeps and returns indices per output", async () => {
    const scenario = applyOverrides(loadScenario("scenarios/baseline.yaml"), { ticks: 6, firms: 40 });
    const factors = [
      { path: "rnd.rdPropensity", lo: 0.02, hi: 0.08 },
      { path: "market.demandShockSd", lo: 0.05, hi: 0.2 },
    ];
    const morris = await runSensitivity({
      scenario,
      method: "morris",
      factors,
      outputs: ["innovations", "smes"],
      trajectories: 3,
      dir: join(tmp, "m"),
      executor: createInProcessExecutor(),
      bootstrap: 20,
    });
    expect(morris.runs).toBe(3 * 3);
    expect(morris.failed).toBe(0);
    expect(Object.keys(morris.morris ?? {})).toEqual(["innovations", "smes"]);
    for (const idx of morris.morris?.smes ?? []) expect(idx.muStar).toBeGreaterThanOrEqual(0);
    const sobol = await runSensitivity({
      scenario,
      method: "sobol",
      factors,
      outputs: ["smes"],
      samples: 4,
      dir: join(tmp, "s"),
      executor: createInProcessExecutor(),
      bootstrap: 20,
    });
    expect(sobol.runs).toBe(4 * 4);
    expect(sobol.sobol?.smes.map((s) => s.path)).toEqual(factors.map((f) => f.path));
    await expect(
      runSensitivity({
        scenario,
        method: "morris",
        factors,
        outputs: ["noSuchOutput"],
        trajectories: 1,
        dir: join(tmp, "bad"),
        executor: createInProcessExecutor(),
      }),
    ).rejects.toThrow(/not a summary key/);
  });
});
