import { describe, expect, it } from "vitest";
import { SITE_CREDIT_SAMPLE } from "../src/model/draws.js";
import { createWorld, initialise, ModelParamsSchema, vcDealFlow, type World } from "../src/model/index.js";
import { technologyLicences } from "../src/model/phases/universities.js";
import { sampledQuantiles } from "../src/model/queries.js";

/**
 * Coordinated sampling (ODD §6.1, §7.6, §7.7): the deal flow, licences, challenge entry and the
 * quantile samples pick firms by their own keyed draws, not by slot. Two worlds hold the same
 * firms (same uids, same states) in different slots; every sample must pick the same firms.
 */

const SHIFT = 37;

function params() {
  return ModelParamsSchema.parse({ firms: 600, ticks: 4, vc: { dealThreshold: -5, privateFunds: 8 } });
}

/** The world as `initialise` builds it, or with every firm SHIFT slots further up (same uids). */
function world(shifted: boolean): World {
  const w = createWorld(params(), 5);
  const dummies: number[] = [];
  if (shifted) {
    for (let k = 0; k < SHIFT; k++) dummies.push(w.firms.allocate(0));
    w.firms.nextId = 0; // the real firms get the same ids (and uids) as in the other world
  }
  initialise(w);
  for (const s of dummies) w.firms.release(s);
  return w;
}

/** uid → value of `column` for the live SMEs. */
function byUid(w: World, value: (i: number) => number): Map<number, number> {
  const f = w.firms;
  const out = new Map<number, number>();
  for (let i = 0; i < f.hi; i++) if (f.alive[i] && f.kind[i] === 0) out.set(f.uid[i], value(i));
  return out;
}

describe("coordinated sampling keyed on the firm", () => {
  const a = world(false);
  const b = world(true);

  it("the two worlds hold the same firms in different slots", () => {
    expect(b.firms.hi).toBe(a.firms.hi + SHIFT);
    expect(byUid(b, (i) => b.firms.sales[i])).toEqual(byUid(a, (i) => a.firms.sales[i]));
  });

  it("each fund screens (and, at a deal threshold of −5, funds) the same firms", () => {
    vcDealFlow(a);
    vcDealFlow(b);
    const fa = byUid(a, (i) => a.firms.vcFund[i]);
    const fb = byUid(b, (i) => b.firms.vcFund[i]);
    expect(fb).toEqual(fa);
    const funded = [...fa.values()].filter((k) => k >= 0);
    // 8 funds × 10 screens of 600 SMEs, the initial performers eligible: some deals, not all firms
    expect(funded.length).toBeGreaterThan(5);
    expect(funded.length).toBeLessThan(200);
    expect(new Set(funded).size).toBeGreaterThan(1);
  });

  it("licences go to the same firms", () => {
    technologyLicences(a, [0, 1, 2, 0]);
    technologyLicences(b, [0, 1, 2, 0]);
    const la = byUid(a, (i) => (a.firms.lastCooperationTick[i] === a.tick ? 1 : 0));
    const lb = byUid(b, (i) => (b.firms.lastCooperationTick[i] === b.tick ? 1 : 0));
    expect(lb).toEqual(la);
    const licensees = [...la.values()].filter((v) => v === 1).length;
    expect(licensees).toBeGreaterThanOrEqual(2);
    expect(licensees).toBeLessThanOrEqual(4);
    expect(byUid(b, (i) => b.firms.productivity[i])).toEqual(byUid(a, (i) => a.firms.productivity[i]));
  });

  it("quantile estimates are the same", () => {
    const qa = new Float64Array(3);
    const qb = new Float64Array(3);
    const na = sampledQuantiles(a, a.firms.sales, [0.25, 0.5, 0.75], qa, SITE_CREDIT_SAMPLE);
    const nb = sampledQuantiles(b, b.firms.sales, [0.25, 0.5, 0.75], qb, SITE_CREDIT_SAMPLE);
    expect(nb).toBe(na);
    expect(na).toBeGreaterThan(200);
    expect(na).toBeLessThan(320);
    expect(Array.from(qb)).toEqual(Array.from(qa));
  });
});
