import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../src/analysis/comparison.js";
import type { RunOutputs } from "../src/analysis/runs.js";
import {
  checkBooks,
  createWorld,
  INSTRUMENT_NAMES,
  type InstrumentName,
  initialise,
  type ModelParams,
  ModelParamsSchema,
  simulate,
  tick,
  type World,
} from "../src/model/index.js";
import { EXTERNAL } from "../src/model/ledger.js";
import { guaranteeProvision } from "../src/model/publicAccounts.js";
import { listParams } from "../src/scenario/paramTree.js";

/**
 * The net public cost a comparison reports is the fall of the government's net financial
 * position against the baseline on the same seed (issue #13): nothing is added from flows by
 * hand, so no tax credit can be counted once as spending and again as lost tax. The position is
 * checked here by a second route through the books: the money that is not private (money is
 * conserved, so public money = all money − what households, firms, banks, universities and
 * private VC partners hold), plus the public loans the firms owe, less the guarantee provision.
 */

const FIRMS = 60;
const TICKS = 14;

function finalWorld(p: ModelParams, seed: number): World {
  const w = createWorld(p, seed);
  initialise(w);
  for (let t = 0; t < p.ticks; t++) {
    w.tick = t;
    tick(w);
    checkBooks(w);
  }
  return w;
}

/** Public position by the private side of the books (not the function the model records). */
function positionFromPrivateSide(w: World): number {
  const L = w.ledger;
  let privateMoney = L.balance[EXTERNAL];
  for (const bank of w.banks) privateMoney += L.balance[bank.account];
  for (const u of w.universities) privateMoney += L.balance[u.account];
  for (const fund of w.vcFunds) privateMoney += fund.privateShare * L.balance[fund.account];
  const f = w.firms;
  let publicLoans = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    privateMoney += f.cash[i];
    publicLoans += f.policyDebt[i] + f.revolvingDebt[i] + f.bridgeDebt[i];
  }
  return L.totalMoney() - privateMoney + publicLoans - guaranteeProvision(w);
}

const INSTRUMENT_FIELDS = new Map<string, ReturnType<typeof listParams>>();
for (const info of listParams()) {
  const [head, name, field] = info.path.split(".");
  if (head !== "instruments" || field === "enabled" || field === undefined) continue;
  INSTRUMENT_FIELDS.set(name, [...(INSTRUMENT_FIELDS.get(name) ?? []), info]);
}

/** An instrument's section with every field moved part of the way towards a random point of its range. */
function randomSection(name: string, u: readonly number[]): Record<string, unknown> {
  const out: Record<string, unknown> = { enabled: true };
  (INSTRUMENT_FIELDS.get(name) ?? []).forEach((info, k) => {
    const r = u[k % u.length];
    // nested fields (certification.grantByTier.tier1) go into nested objects
    const keys = info.path.split(".").slice(2);
    let node = out;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const field = keys[keys.length - 1];
    if (info.type === "boolean") node[field] = r > 0.5;
    else {
      const d = info.default as number;
      const target = (info.min ?? d) + r * ((info.max ?? d) - (info.min ?? d));
      const v = d + 0.4 * r * (target - d);
      node[field] = info.type === "integer" ? Math.round(v) : v;
    }
  });
  return out;
}

function asOutputs(p: ModelParams, seed: number): RunOutputs {
  const r = simulate(p, seed, { recordFirms: true });
  return { seed, replication: 0, ticks: r.ticks, series: r.series, spending: r.spending, firms: r.firms };
}

describe("net public cost from the books", () => {
  it.each(INSTRUMENT_NAMES as InstrumentName[])(
    "%s: compare's net cost is the fall of the net position, by either route, and its parts add up",
    (name) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          fc.integer({ min: 0, max: 4 }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
          (seed, start, u) => {
            const base = ModelParamsSchema.parse({ firms: FIRMS, ticks: TICKS });
            const mix = ModelParamsSchema.parse({
              firms: FIRMS,
              ticks: TICKS,
              government: { policyStartQuarter: start },
              instruments: { [name]: randomSection(name, u) },
            });
            const wb = finalWorld(base, seed);
            const wx = finalWorld(mix, seed);
            const byBooks = positionFromPrivateSide(wb) - positionFromPrivateSide(wx);
            const c = compareScenarios([
              { name: "baseline", runs: [asOutputs(base, seed)] },
              { name, policyStart: start, runs: [asOutputs(mix, seed)] },
            ]);
            const row = c.fiscal[0];
            const scale = 1 + Math.abs(positionFromPrivateSide(wb));
            expect(Math.abs(row.netCost.estimate - byBooks)).toBeLessThan(1e-9 * scale);
            const parts = row.spending.estimate + row.taxExpenditure.estimate + row.secondRoundTax.estimate;
            expect(Math.abs(parts - row.netCost.estimate)).toBeLessThan(1e-9 * scale);
          },
        ),
        { numRuns: 3, seed: 20261208 },
      );
    },
  );

  it("a tax credit is counted once: net cost = forgone revenue + the second-round tax change", () => {
    const base = ModelParamsSchema.parse({ firms: 300, ticks: 40 });
    const mix = ModelParamsSchema.parse({
      firms: 300,
      ticks: 40,
      instruments: { taxCredit: { enabled: true, creditRate: 0.3 } },
    });
    const b = asOutputs(base, 3);
    const x = asOutputs(mix, 3);
    const row = compareScenarios([
      { name: "baseline", runs: [b] },
      { name: "credit", runs: [x] },
    ]).fiscal[0];
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, v) => a + v, 0);
    const credit = sum(x.spending.taxCredit ?? []);
    const taxChange = sum(x.series.taxRevenue) - sum(b.series.taxRevenue);
    // the old sum (spending − tax change) counted the credit twice: it overstates the cost
    expect(credit).toBeGreaterThan(0);
    expect(row.taxExpenditure.estimate).toBeCloseTo(credit, 9);
    expect(row.netCost.estimate).toBeLessThan(credit - taxChange - 0.5 * credit);
    // a non-refundable credit moves no cash but the tax: the net cost is the fall in tax collected
    // plus whatever other public flows the changed economy moves (bank rescues, fund returns)
    const govCash = (r: RunOutputs) => r.series.governmentNetPosition[r.ticks - 1];
    expect(row.netCost.estimate).toBeCloseTo(govCash(b) - govCash(x), 9);
  });
});
