import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUncertainties } from "../src/analysis/calibration/uncertainty.js";
import { cli, requireBuild } from "./engine-helpers.js";

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-calibrate-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const TARGETS = `
name: tiny
economy: { firms: 40, ticks: 14, burnIn: 4, replications: 2 }
abc: { particles: 6, generations: 3, seed: 2, predictiveDraws: 2 }
moments:
  - { id: turnover.exitRate, band: [0.05, 0.15], source: BDS }
  - { id: rd.performerShare, value: 0.3, se: 0.05 }
  - { id: turnover.entryRate, band: [0.05, 0.15], heldOut: true }
parameters:
  - { path: market.nicheShockSd, prior: [0.05, 0.3] }
  - { path: rnd.rdPropensity, prior: [0.01, 0.15] }
`;

describe("ecosim calibrate", () => {
  it("documents itself", () => {
    const r = cli(["calibrate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ecosim calibrate <targets\.yaml>/);
    expect(r.stdout).toMatch(/--resume/);
  });

  it("writes the posterior, the fit, an uncertainties block and a report; --resume reuses the runs", () => {
    const file = join(tmp, "tiny.yaml");
    writeFileSync(file, TARGETS);
    const out = join(tmp, "out");
    const r = cli(["calibrate", file, "--workers", "1", "--out", out]);
    expect(r.code).toBe(0);
    for (const f of [
      "posterior.csv",
      "posterior.parquet",
      "uncertainties.yaml",
      "fit.csv",
      "calibration.json",
      "report.html",
      "1-posterior-marginals.vl.json",
      "2-moment-fit.vl.json",
      "gen-000/runs.jsonl",
      "ppc/runs.jsonl",
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    const csv = readFileSync(join(out, "posterior.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("particle,weight,market.nicheShockSd,rnd.rdPropensity,distance");
    expect(csv).toHaveLength(7);
    const spec = readUncertainties(join(out, "uncertainties.yaml"));
    expect(spec.sample?.rows).toHaveLength(6);
    const j = JSON.parse(readFileSync(join(out, "calibration.json"), "utf8"));
    expect(j.fit.map((f: { id: string }) => f.id)).toEqual([
      "turnover.exitRate",
      "rd.performerShare",
      "turnover.entryRate",
    ]);
    expect(j.marginals).toHaveLength(2);

    // without --resume the folder is refused; with it, every run comes from disk and the result is the same
    const refused = cli(["calibrate", file, "--workers", "1", "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--resume/);
    const again = cli(["calibrate", file, "--workers", "1", "--out", out, "--resume"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/from disk/);
    expect(readFileSync(join(out, "posterior.csv"), "utf8")).toBe(csv.join("\n") + "\n");
  });

  it("reports a bad targets file with exit code 2", () => {
    const file = join(tmp, "bad.yaml");
    writeFileSync(file, "moments: [{ id: nope, value: 1, se: 1 }]\nparameters: []\n");
    const r = cli(["calibrate", file, "--out", join(tmp, "bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown moment "nope"/);
  });
});
