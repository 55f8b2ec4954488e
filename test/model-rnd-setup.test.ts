import { describe, expect, it } from "vitest";
import { defaultParams } from "../src/model/index.js";
import { firmRdSetup } from "../src/model/phases/founding.js";
import { createWorld } from "../src/model/world.js";

describe("firm-specific minimum R&D team (ODD §7.4 firmRdSetup)", () => {
  it("is logistic in logs around setupStaff with scale setupStaffDispersion", () => {
    const p = defaultParams();
    p.rnd.setupStaff = 0.4;
    p.rnd.setupStaffDispersion = 1;
    const w = createWorld(p, 7);
    const n = 20000;
    const logs: number[] = [];
    for (let uid = 1; uid <= n; uid++) logs.push(Math.log(firmRdSetup(w, uid) / 0.4));
    logs.sort((a, b) => a - b);
    // median ln(c/setup) = 0; logistic quartiles ±ln 3 at s = 1
    expect(Math.abs(logs[n / 2])).toBeLessThan(0.05);
    expect(logs[n / 4]).toBeCloseTo(-Math.log(3), 1);
    expect(logs[(3 * n) / 4]).toBeCloseTo(Math.log(3), 1);
  });

  it("is a keyed draw (same firm, same quarter, same value) and setupStaff when s = 0", () => {
    const p = defaultParams();
    const w = createWorld(p, 3);
    expect(firmRdSetup(w, 42)).toBe(firmRdSetup(w, 42));
    p.rnd.setupStaffDispersion = 0;
    expect(firmRdSetup(w, 42)).toBe(p.rnd.setupStaff);
  });
});
