import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild } from "./engine-helpers.js";

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-sensitivity-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const tiny = ["--ticks", "6", "--firms", "40", "--workers", "1"];
const params = ["--param", "rnd.rdPropensity=0.02:0.08", "--param", "market.demandShockSd=0.05:0.2"];

describe("ecosim sensitivity", () => {
  it("Morris: writes indices as JSON and CSV and a bar chart", () => {
    const out = join(tmp, "m");
    const r = cli([
      "sensitivity",
      "scenarios/baseline.yaml",
      "--method",
      "morris",
      "--trajectories",
      "2",
      ...params,
      "--outputs",
      "smes",
      "innovations",
      ...tiny,
      "--out",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/muStar/);
    const j = JSON.parse(readFileSync(join(out, "sensitivity.json"), "utf8"));
    expect(j.method).toBe("morris");
    expect(j.runs).toBe(2 * 3);
    expect(j.indices).toHaveLength(4);
    expect(readFileSync(join(out, "sensitivity.csv"), "utf8").split("\n")[0]).toBe(
      "output,parameter,muStar,muStarLo,muStarHi,mu,sigma",
    );
    expect(existsSync(join(out, "sensitivity-morris.svg"))).toBe(true);
    expect(existsSync(join(out, "sweep", "runs.jsonl"))).toBe(true);
  });

  it("Sobol: prints the Ishigami check and S1/ST with intervals", () => {
    const out = join(tmp, "s");
    const r = cli([
      "sensitivity",
      "scenarios/baseline.yaml",
      "--method",
      "sobol",
      "--samples",
      "2",
      ...params,
      "--outputs",
      "smes",
      "--no-charts",
      ...tiny,
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Ishigami check/);
    const j = JSON.parse(readFileSync(join(out, "sensitivity.json"), "utf8"));
    expect(j.runs).toBe(2 * 4);
    expect(Object.keys(j.indices[0])).toEqual([
      "output",
      "parameter",
      "S1",
      "S1Lo",
      "S1Hi",
      "ST",
      "STLo",
      "STHi",
    ]);
  });

  it("refuses a malformed --param with exit status 2", () => {
    const r = cli([
      "sensitivity",
      "scenarios/baseline.yaml",
      "--method",
      "morris",
      "--param",
      "rnd.rdPropensity",
      "--out",
      join(tmp, "x"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/path=lo:hi/);
  });
});
