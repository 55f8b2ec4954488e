import { describe, expect, it } from "vitest";
import { checkBooks, defaultParams, initialise, tick } from "../src/model/index.js";
import { materialsCost, unitRevenue } from "../src/model/phases/production.js";
import { createWorld, type World } from "../src/model/world.js";

function world(materialsShare: number, wage: number, firms = 300): World {
  const p = defaultParams();
  p.firms = firms;
  p.world.materialsShare = materialsShare;
  p.world.wage = wage;
  const w = createWorld(p, 11);
  initialise(w);
  return w;
}

function run(w: World, ticks: number): void {
  for (let t = 0; t < ticks; t++) {
    w.tick = t;
    tick(w);
    checkBooks(w);
  }
}

describe("intermediate inputs in production (ODD §7.3)", () => {
  it("splits variable cost into labour and materials: wages + materials = sales/(1 + μ)", () => {
    const wage = 0.002;
    const sigma = 0.85;
    const perWorker = unitRevenue(wage, 0.2, sigma);
    expect(perWorker).toBeCloseTo((1.2 * wage) / 0.15, 12);
    const wages = (10 * perWorker * wage) / perWorker; // 10 workers' wage bill
    expect(wages + materialsCost(wages, sigma)).toBeCloseTo((10 * perWorker) / 1.2, 12);
    expect(materialsCost(wages, 0)).toBe(0);
  });

  it("pays materials to the external sector with the books balanced every tick", () => {
    const w = world(0.85, 0.0018);
    run(w, 12);
    const f = w.firms;
    const mu = w.p.market.markup;
    let checked = 0;
    for (let i = 0; i < f.hi; i++) {
      // entrants of the last quarter have not produced yet
      if (!f.alive[i] || !(f.sales[i] > 0) || f.entryTick[i] === w.tick) continue;
      // variable cost (labour + materials) is the mark-up's complement of sales
      expect(f.productionCost[i] / (f.sales[i] / (1 + mu))).toBeCloseTo(1, 5);
      // labour is only (1 − σ) of it: production workers = sales·(1 − σ)/((1 + μ)·w)
      const workers = f.employees[i] - f.rdStaff[i];
      expect(workers / ((f.sales[i] * 0.15) / ((1 + mu) * w.macro.wage))).toBeCloseTo(1, 4);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("keeps money flows and production employment, and multiplies R&D staff per unit of R&D money by 1/(1 − σ)", () => {
    // the same economy in money: no materials at wage w, or materials share σ at wage w·(1 − σ)
    const a = world(0, 0.012);
    const b = world(0.85, 0.012 * 0.15);
    const fa = a.firms;
    const fb = b.firms;
    let staffA = 0;
    let staffB = 0;
    let empA = 0;
    let empB = 0;
    for (let i = 0; i < fa.hi; i++) {
      expect(fb.sales[i]).toBeCloseTo(fa.sales[i], 12);
      expect(fb.productionCost[i]).toBeCloseTo(fa.productionCost[i], 12);
      expect(fb.rdPlan[i]).toBeCloseTo(fa.rdPlan[i], 12);
      expect((fb.employees[i] - fb.rdStaff[i]) / (fa.employees[i] - fa.rdStaff[i])).toBeCloseTo(1, 4);
      staffA += fa.rdStaff[i];
      staffB += fb.rdStaff[i];
      empA += fa.employees[i];
      empB += fb.employees[i];
    }
    // the same setupStaff in workers is cheaper at the lower wage: more performers, each with
    // 1/(1 − σ) times the R&D staff for its money; the R&D staff share of employment rises
    expect(staffB).toBeGreaterThan(staffA / 0.15);
    expect(staffB / empB).toBeGreaterThan((3 * staffA) / empA);
  });
});

describe("university joint projects are extramural R&D within the budget (ODD §7.7)", () => {
  it("replace in-house R&D staff and scale with the firm: the university performs projectShare of the budget", () => {
    const p = defaultParams();
    p.firms = 400;
    p.universities.collaborationRate = 1;
    p.vc.runwayQuarters = 0; // a VC-backed firm's burn (ODD §7.6) is R&D on top of its plan: off here
    const w = createWorld(p, 5);
    initialise(w);
    const f = w.firms;
    const share = p.universities.projectShare;
    let collaborating = 0;
    let small = 0; // projects of performers whose R&D is below the old fixed cost of 0.1 M a quarter
    for (let t = 0; t < 40; t++) {
      w.tick = t;
      tick(w);
      checkBooks(w);
      for (let i = 0; i < f.hi; i++) {
        if (!f.alive[i] || f.kind[i] !== 0 || f.collabEnd[i] < t) continue;
        collaborating++;
        // in-house R&D wages + the project never exceed the R&D plan
        expect(f.rdSpend[i]).toBeLessThanOrEqual(f.rdPlan[i] * (1 + 1e-6) + 1e-12);
        // the project is a share of the R&D the firm pays for, not a fixed sum
        expect(f.collabCost[i]).toBeCloseTo(share * f.rdSpend[i], 6);
        if (f.rdSpend[i] > 0 && f.rdSpend[i] < 0.1) small++;
        expect(f.lastCooperationTick[i]).toBe(t);
      }
    }
    expect(collaborating).toBeGreaterThan(0);
    expect(small).toBeGreaterThan(collaborating / 2);
  });
});
