import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UncertainComparison } from "../src/analysis/calibration/uncertainty.js";
import { cli, requireBuild } from "./engine-helpers.js";

/**
 * `compare --uncertainty`: every mix on the same draws of the uncertain parameters and the same
 * seeds, two intervals per effect (seed noise only; seed noise and parameters) and rank stability.
 */
let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cmp-unc-"));
  writeFileSync(join(tmp, "base.yaml"), "name: base\nextends: baseline\n");
  writeFileSync(
    join(tmp, "grants.yaml"),
    "name: grants\nextends: baseline\ngovernment: { policyStartQuarter: 2 }\ninstruments: { grants: { enabled: true, setAsideShare: 0.05 } }\n",
  );
  writeFileSync(
    join(tmp, "unc.yaml"),
    "uncertainties:\n  parameters:\n    rnd.zetaInnovation: { uniform: [0.02, 0.09] }\n    market.nicheShockSd: { uniform: [0.1, 0.2] }\n",
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small = ["--firms", "80", "--ticks", "12", "--replications", "3", "--workers", "1"];

describe("compare --uncertainty", () => {
  it("a missing uncertainty file is refused with exit 2 before any run", () => {
    const out = join(tmp, "bad");
    const r = cli([
      "compare",
      join(tmp, "base.yaml"),
      join(tmp, "grants.yaml"),
      ...small,
      "--out",
      out,
      "--uncertainty",
      join(tmp, "nope.yaml"),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.yaml");
    expect(existsSync(out)).toBe(false);
  });

  it("reports both bands; the parameter band is never narrower than the seed-only one", () => {
    const out = join(tmp, "ok");
    const r = cli([
      "compare",
      join(tmp, "base.yaml"),
      join(tmp, "grants.yaml"),
      ...small,
      "--out",
      out,
      "--uncertainty",
      join(tmp, "unc.yaml"),
      "--draws",
      "3",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("seeds + parameters");
    const u = JSON.parse(readFileSync(join(out, "uncertainty.json"), "utf8")) as UncertainComparison;
    expect(u.draws).toHaveLength(3);
    expect(u.runs).toBe(2 * 3 * 3);
    for (const e of u.effects) {
      expect(e.seedAndParameter[0]).toBeLessThanOrEqual(e.seedOnly[0] + 1e-12);
      expect(e.seedAndParameter[1]).toBeGreaterThanOrEqual(e.seedOnly[1] - 1e-12);
      expect(e.probBeatsBaseline).toBeGreaterThanOrEqual(0);
      expect(e.probBeatsBaseline).toBeLessThanOrEqual(1);
    }
    // the draws differ in the uncertain parameters and stay within their ranges
    for (const d of u.draws) {
      expect(d["rnd.zetaInnovation"]).toBeGreaterThanOrEqual(0.02);
      expect(d["rnd.zetaInnovation"]).toBeLessThanOrEqual(0.09);
    }
    expect(new Set(u.draws.map((d) => d["rnd.zetaInnovation"])).size).toBe(3);
  });
});
