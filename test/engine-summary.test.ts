import { describe, expect, it } from "vitest";
import { SERIES_COLUMNS } from "../src/engine/columns.js";
import { decodeJobOutput, packJobOutput } from "../src/engine/job.js";
import { SUMMARY_FIELDS, SUMMARY_KEYS, stableNumber, summarize } from "../src/engine/summary.js";
import { INSTRUMENT_NAMES } from "../src/model/params.js";
import { TICK_METRICS } from "../src/model/types.js";
import { syntheticResult } from "./engine-helpers.js";

describe("summarize", () => {
  it("has every key in a fixed order, final values and sums over the run", () => {
    const r = syntheticResult(42, 5, 30);
    const s = summarize(r);
    expect(Object.keys(s)).toEqual([...SUMMARY_KEYS]);
    expect(new Set(SUMMARY_KEYS).size).toBe(SUMMARY_KEYS.length);
    expect(s.firms).toBe(r.series.firms[4]);
    expect(s.productivityFrontier).toBe(r.series.productivityFrontier[4]);
    const innovations = Array.from(r.series.innovations).reduce((a, b) => a + b, 0);
    expect(s.innovations).toBeCloseTo(innovations, 12);
    expect(s["cost.grants"]).toBe(1.25);
    expect(s["cost.loanGuarantee"]).toBe(0);
    expect(s.ticks).toBe(5);
    // 30 initial SMEs, every third (10) exited; the start-up and the lead firm do not count
    expect(s.smeSurvival).toBeCloseTo(20 / 30, 12);
    expect(s.booksMaxResidual).toBe(0);
  });

  it("counts the spending of every instrument but not the instruments section's `source` note", () => {
    expect(INSTRUMENT_NAMES).not.toContain("source");
    expect(INSTRUMENT_NAMES.length).toBeGreaterThanOrEqual(20);
    for (const name of INSTRUMENT_NAMES) expect(SUMMARY_KEYS).toContain(`cost.${name}`);
    expect(SUMMARY_FIELDS.filter((f) => f.kind === "cost").length).toBe(INSTRUMENT_NAMES.length);
  });

  it("is JSON-stable: no -0, NaN and infinities become null, no firm records → null survival", () => {
    const r = syntheticResult(7, 3);
    r.series.loanRate[2] = -0;
    r.series.talentPool[2] = Number.NaN;
    r.series.vcFunds[2] = Number.POSITIVE_INFINITY;
    const s = summarize(r);
    expect(Object.is(s.loanRate, 0)).toBe(true);
    expect(s.talentPool).toBeNull();
    expect(s.vcFunds).toBeNull();
    expect(s.smeSurvival).toBeNull();
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity|-0[,}]/);
    expect(JSON.stringify(summarize(syntheticResult(7, 3)))).toBe(
      JSON.stringify(summarize(syntheticResult(7, 3))),
    );
    expect(stableNumber(-0)).toBe(0);
    expect(Object.is(stableNumber(-0), -0)).toBe(false);
  });

  it("round-trips through the packed job buffer (summary and series, tick-major)", () => {
    const r = syntheticResult(11, 4, 6);
    const out = decodeJobOutput(packJobOutput(r));
    expect(out.summary).toEqual(summarize(r));
    expect(out.ticks).toBe(4);
    const cols = SERIES_COLUMNS.length;
    expect(out.series.length).toBe(4 * cols);
    const k = TICK_METRICS.findIndex((m) => m.name === "output");
    for (let t = 0; t < 4; t++) expect(out.series[t * cols + k]).toBe(r.series.output[t]);
    const g = SERIES_COLUMNS.indexOf("cost.grants");
    expect(out.series[3 * cols + g]).toBe(0.25);
    expect(() => decodeJobOutput(new Float64Array(3))).toThrow(/malformed/);
  });
});
