import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICY_CHECKS } from "../src/analysis/validation/policies.js";
import { bgvTaxCredit, INNOVATION_MARGIN, runValidation } from "../src/analysis/validation/run.js";
import { STYLIZED_TARGETS } from "../src/analysis/validation-targets.js";
import { defaultParams } from "../src/model/params.js";
import { validationCharts } from "../src/report/charts/validation.js";
import { translator } from "../src/report/i18n/index.js";
import { toVega } from "../src/report/render.js";
import { cli, requireBuild } from "./engine-helpers.js";

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-cli-validate-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("validation targets", () => {
  it("have unique ids, ordered bands, units and sources", () => {
    const ids = STYLIZED_TARGETS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    for (const t of STYLIZED_TARGETS) {
      expect(t.band[0]).toBeLessThan(t.band[1]);
      expect(t.unit.length).toBeGreaterThan(0);
      expect(t.source.length).toBeGreaterThan(10);
    }
  });

  it("sizes the tax credit to cut the user cost of R&D by 10% (B-index)", () => {
    const p = defaultParams();
    const s = bgvTaxCredit(p);
    const tau = p.world.profitTaxRate;
    const rho = (1 - tau * (1 + (s.superDeduction as number)) - (s.creditRate as number)) / (1 - tau);
    expect(rho).toBeCloseTo(0.9, 12);
  });
});

describe("runValidation in this thread (tiny configuration)", () => {
  it("measures every target and policy check, same numbers for the same seed", async () => {
    const config = {
      params: defaultParams(),
      replications: 2,
      firms: 120,
      burnIn: 4,
      years: 3,
      seed: 5,
      workers: 0,
      policy: { replications: 2, firms: 60, years: 1 },
    };
    const a = await runValidation(config);
    expect(a.rows.length).toBe(STYLIZED_TARGETS.length + POLICY_CHECKS.length + 1);
    for (const r of a.rows) {
      expect(typeof r.pass).toBe("boolean");
      expect(r.ci).toHaveLength(2);
      // a check with a noisy target runs on more common seeds (bridge financing: 2.5 times)
      const check = POLICY_CHECKS.find((c) => `policy.${c.instrument}` === r.id);
      expect(r.n).toBe(check?.seedMultiple ? Math.round(2 * check.seedMultiple) : Math.min(2, r.n));
      if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
      // innovation: a non-inferiority margin, a policy check fails when the data show innovation
      // lowered by more than INNOVATION_MARGIN, and only then on that account
      if (check) {
        expect(r.target).toContain(`≥ −${100 * INNOVATION_MARGIN}%`);
        const hi = r.detail?.innovationCiHi;
        if (typeof hi === "number" && hi < -INNOVATION_MARGIN) expect(r.pass).toBe(false);
      }
    }
    const entry = a.rows.find((r) => r.id === "turnover.entryRate");
    expect(entry?.value).not.toBeNull();
    expect(a.curves.sizes.length).toBeGreaterThan(100);
    expect(a.config.ticks).toBe(16);
    // the charts compile as Vega-Lite (rendering is the report's renderer, tested there)
    const charts = validationCharts(a.curves, a.rows, translator("en"));
    expect(charts.map((c) => c.id)).toEqual([
      "validation-size-ccdf",
      "validation-growth-rates",
      "validation-survival",
    ]);
    for (const c of charts) expect(toVega(c.spec)).toHaveProperty("marks");
    const b = await runValidation(config);
    expect(b.rows.map((r) => r.value)).toEqual(a.rows.map((r) => r.value));
  });
});

describe("ecosim validate", () => {
  it("prints the table and writes validation.json, the report and the chart specs", () => {
    const out = join(tmp, "v");
    const r = cli(["validate", "--quick", "--workers", "1", "--no-charts", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/size\.paretoAlpha/);
    expect(r.stdout).toMatch(/\d+\/\d+ targets pass/);
    const v = JSON.parse(readFileSync(join(out, "validation.json"), "utf8"));
    expect(Array.isArray(v.rows)).toBe(true);
    expect(Object.values(v).find(Array.isArray)).toBe(v.rows);
    expect(v.rows.length).toBeGreaterThanOrEqual(7);
    for (const row of v.rows) {
      for (const key of ["id", "name", "target", "value", "ci", "pass"]) expect(row).toHaveProperty(key);
      expect(typeof row.pass).toBe("boolean");
    }
    expect(v.rows.some((row: { id: string }) => row.id === "policy.loanGuarantee")).toBe(true);
    for (const f of ["validation.md", "validation-size-ccdf.vl.json", "validation-growth-rates.vl.json"]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    expect(existsSync(join(out, "validation-size-ccdf.svg"))).toBe(false);
    const spec = JSON.parse(readFileSync(join(out, "validation-survival.vl.json"), "utf8"));
    expect(spec.layer).toHaveLength(2);
  });

  it("rejects a bad flag with exit status 2", () => {
    const r = cli(["validate", "--quick", "--replications", "1", "--out", join(tmp, "bad")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--replications/);
  });
});
