import { describe, expect, it } from "vitest";
import { FIRM_COLUMNS, FLAG_TAXPAYER, KIND_SME } from "../src/model/firms.js";
import {
  createWorld,
  initialise,
  type ModelParams,
  ModelParamsSchema,
  tick,
  type World,
} from "../src/model/index.js";
import { capitaliseFunds } from "../src/model/init.js";
import { taxCreditSettle } from "../src/model/instruments/taxCredit.js";
import { EXTERNAL, firmSpend, GOVERNMENT, transfer } from "../src/model/ledger.js";
import { competitiveness, demand } from "../src/model/phases/demand.js";
import { entry } from "../src/model/phases/entry.js";
import { environment } from "../src/model/phases/environment.js";
import { exit, exitCause } from "../src/model/phases/exit.js";
import { finance } from "../src/model/phases/finance.js";
import { cashShortfall } from "../src/model/phases/liquidity.js";
import { openQuarter } from "../src/model/phases/openQuarter.js";
import { productionWorkers, unitRevenue } from "../src/model/phases/production.js";
import { programmes } from "../src/model/phases/programmes.js";
import { record } from "../src/model/phases/record.js";
import { rnd } from "../src/model/phases/rnd.js";
import { settle } from "../src/model/phases/settle.js";
import { talent } from "../src/model/phases/talent.js";
import { taxableProfit } from "../src/model/phases/taxes.js";
import { universities } from "../src/model/phases/universities.js";
import { closeLateRounds, venture } from "../src/model/phases/venture.js";
import { METRIC } from "../src/model/queries.js";
import { policySwitch } from "../src/model/world.js";

/**
 * The fusion claim of ODD §3, checked: `settle` runs phases 10 (liquidity), 11 (taxes and
 * dividends) and the exit rule of 12 in one pass over the firms. Here a reference schedule runs
 * them the slow way, one plain loop per phase in the ODD's order, each flow booked by `transfer`
 * one firm at a time, on a world stepped in lockstep with one run by `tick`. The keyed draws give
 * both the same random numbers, so the two must agree up to the order of floating-point sums.
 */

function liquidityPhase(w: World): void {
  const f = w.firms;
  for (let i = 0; i < f.hi; i++) if (f.alive[i]) f.shortfall[i] = cashShortfall(f.cash[i], f.shortfall[i]);
}

function taxesPhase(w: World): void {
  const f = w.firms;
  const p = w.p;
  let smeProfit = 0;
  let smeSales = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    const rd = f.rdSpend[i];
    const taxable = taxableProfit(f.profit[i], f.knowledgeWriteDown[i], rd);
    if (taxable > 0) f.flags[i] |= FLAG_TAXPAYER;
    else f.flags[i] &= ~FLAG_TAXPAYER & 0xff;
    const due = p.instruments.taxCredit.enabled
      ? taxCreditSettle(w, i, taxable, rd)
      : p.world.profitTaxRate * Math.max(0, taxable);
    if (due > 0) {
      firmSpend(w.ledger, i, GOVERNMENT, due);
      w.tally[METRIC.taxRevenue] += due;
    }
    const after = f.profit[i];
    const free = f.cash[i] - f.costs[i];
    if (after > 0 && free > 0) {
      const d = p.population.payoutRatio * Math.min(after, free);
      transfer(w.ledger, -1 - i, EXTERNAL, d);
      f.netWorth[i] -= d;
    }
    if (f.kind[i] === KIND_SME) {
      smeProfit += after;
      smeSales += f.sales[i];
    }
  }
  w.macro.meanProfitRate = smeSales > 0 ? smeProfit / smeSales : 0;
}

function exitRulePhase(w: World): void {
  const f = w.firms;
  const p = w.p;
  const minShare = p.market.minRelativeShare * w.macro.meanSmeShare;
  let n = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    const sme = f.kind[i] === KIND_SME;
    const vanishing = sme && f.sales[i] - f.productionCost[i] < w.macro.complianceCost ? 0 : f.share[i];
    const cause = exitCause(
      sme,
      f.shortfall[i],
      p.population.cashShortfallQuarters,
      f.netWorth[i],
      vanishing,
      minShare,
    );
    if (cause === 0) continue;
    if (2 * n + 2 > w.exits.length) {
      const grown = new Int32Array(w.exits.length * 2);
      grown.set(w.exits);
      w.exits = grown;
    }
    w.exits[2 * n] = i;
    w.exits[2 * n + 1] = cause;
    n++;
  }
  w.nExits = n;
}

type Phase = (w: World) => void;

/** The ODD's schedule (ODD §3) phase by phase, as `tick` runs it, so a test can look between phases. */
const SCHEDULE: [string, Phase][] = [
  ["policySwitch", (w) => policySwitch(w, capitaliseFunds)],
  ["openQuarter", openQuarter],
  ["environment", environment],
  ["programmes", programmes],
  ["talent", talent],
  ["universities", universities],
  ["rnd", rnd],
  ["demand", demand],
  ["finance", finance],
  ["venture", venture],
  ["settle", settle],
  ["exit", exit],
  ["closeLateRounds", closeLateRounds],
  ["entry", entry],
  ["record", record],
];

/** One quarter of the schedule, with phases replaced (`instead`) and checks run after phases (`after`). */
function quarter(
  w: World,
  options: { instead?: Record<string, Phase[]>; after?: Record<string, Phase> } = {},
): void {
  for (const [name, phase] of SCHEDULE) {
    for (const run of options.instead?.[name] ?? [phase]) run(w);
    options.after?.[name]?.(w);
  }
}

/** `tick` with `settle` replaced by one loop per phase (10, 11, 12's exit rule). */
function referenceTick(w: World): void {
  quarter(w, { instead: { settle: [liquidityPhase, taxesPhase, exitRulePhase] } });
}

function largestDifference(a: World, b: World): { where: string; relative: number } {
  let worst = { where: "", relative: 0 };
  const note = (where: string, x: number, y: number) => {
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return;
    const relative = Math.abs(x - y) / Math.max(1e-9, Math.abs(x), Math.abs(y));
    if (relative > worst.relative) worst = { where, relative };
  };
  note("firms.hi", a.firms.hi, b.firms.hi);
  for (const name of Object.keys(FIRM_COLUMNS) as (keyof typeof FIRM_COLUMNS)[]) {
    const x = a.firms[name];
    const y = b.firms[name];
    for (let i = 0; i < Math.min(x.length, y.length); i++) note(`${name}[${i}]`, x[i], y[i]);
  }
  for (let k = 0; k < a.ledger.accounts; k++) note(`balance[${k}]`, a.ledger.balance[k], b.ledger.balance[k]);
  // the books' residual is a rounding error itself (≈ 1e-13 M): relative to it, any order differs
  a.tally.forEach((v, k) => {
    if (k !== METRIC.booksResidual) note(`tally[${k}]`, v, b.tally[k]);
  });
  return worst;
}

function lockstep(p: ModelParams, seed: number): { where: string; relative: number; tick: number }[] {
  const fused = createWorld(p, seed);
  const slow = createWorld(p, seed);
  initialise(fused);
  initialise(slow);
  const worst: { where: string; relative: number; tick: number }[] = [];
  for (let t = 0; t < p.ticks; t++) {
    fused.tick = t;
    slow.tick = t;
    tick(fused);
    referenceTick(slow);
    expect(slow.firms.count, `live firms at tick ${t}`).toBe(fused.firms.count);
    worst.push({ ...largestDifference(fused, slow), tick: t });
  }
  return worst;
}

/**
 * Phase 6's first step the slow way: after the R&D pass (phase 5) has finished for every firm, a
 * plain loop counts each segment's firms and shares and computes every firm's competitiveness
 * from its final technology, as ODD §7.2 states it; the fused R&D pass did both on the fly.
 */
function competitivenessPhase(w: World): {
  e: Float64Array;
  smeE: number;
  leadE: number;
  smes: number;
  leads: number;
} {
  const f = w.firms;
  const mk = w.p.market;
  let nSme = 0;
  let nLead = 0;
  let fSme = 0;
  let fLead = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    if (f.kind[i] === KIND_SME) {
      nSme++;
      fSme += f.share[i];
    } else {
      nLead++;
      fLead += f.share[i];
    }
  }
  const meanSme = nSme > 0 ? fSme / nSme : 1;
  const meanLead = nLead > 0 ? fLead / nLead : 1;
  const e = new Float64Array(f.hi);
  let sumF0 = 0;
  let sumE0 = 0;
  let sumF1 = 0;
  let sumE1 = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    const sme = f.kind[i] === KIND_SME;
    const relative = f.share[i] / (f.niche[i] * (sme ? meanSme : meanLead));
    e[i] = competitiveness(
      mk.priceWeight,
      mk.qualityWeight,
      mk.nicheSaturation,
      f.logProductivity[i],
      f.logQuality[i],
      relative,
    );
    if (sme) {
      sumF0 += f.share[i];
      sumE0 += f.share[i] * e[i];
    } else {
      sumF1 += f.share[i];
      sumE1 += f.share[i] * e[i];
    }
  }
  return {
    e,
    smeE: sumF0 > 0 ? sumE0 / sumF0 : 0,
    leadE: sumF1 > 0 ? sumE1 / sumF1 : 0,
    smes: nSme,
    leads: nLead,
  };
}

/** After the R&D pass: its competitiveness column and segment sums against `competitivenessPhase`. */
function checkCompetitiveness(w: World): void {
  const ref = competitivenessPhase(w);
  const f = w.firms;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    // the column is float32: the fused value is the reference rounded to it
    expect(f.competitivenessScore[i]).toBe(Math.fround(ref.e[i]));
  }
  expect(w.market.smes).toBe(ref.smes);
  expect(w.market.leads).toBe(ref.leads);
  expect(w.market.smeE).toBeCloseTo(ref.smeE, 12);
  expect(w.market.leadE).toBeCloseTo(ref.leadE, 12);
}

describe("the fused R&D pass computes phase 6's competitiveness as a separate loop would", () => {
  it("every firm's E and the segments' share-weighted means, on a baseline and a policy run", () => {
    for (const input of [
      {},
      { instruments: { grants: { enabled: true }, serviceCentres: { enabled: true } } },
    ]) {
      const p = ModelParamsSchema.parse({ firms: 300, ticks: 16, ...input });
      const w = createWorld(p, 5);
      initialise(w);
      for (let t = 0; t < p.ticks; t++) {
        w.tick = t;
        quarter(w, { after: { rnd: checkCompetitiveness } });
      }
    }
  });
});

/** After the sales pass: phase 7 and the first steps of 8 and 13, each as a loop of its own. */
function checkSalesPass(w: World): void {
  const p = w.p;
  // after the whole sales pass: one loop per step, from each firm's final sales and costs
  const f = w.firms;
  const m = w.macro;
  const perWorker = unitRevenue(m.wage, p.market.markup, p.world.materialsShare);
  let smes = 0;
  let surplus = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    // 7. production: workers for the quarter's sales, plus the R&D staff
    expect(f.employees[i]).toBe(Math.fround(productionWorkers(f.sales[i], perWorker) + f.rdStaff[i]));
    if (f.kind[i] !== KIND_SME) continue;
    smes++;
    surplus += f.sales[i] - f.productionCost[i] - m.complianceCost;
    // 8. NW/sales of each selling SME, after its production costs
    const ratio = f.sales[i] > 0 ? Math.fround(f.netWorth[i] / f.sales[i]) : Number.NaN;
    expect(f.nwOverSales[i]).toBe(ratio);
  }
  // 13. what entry reads: the mean SME operating surplus in production wages (the column of
  // production costs is float32, the pass sums the exact costs: agree to float32 precision)
  const mean = surplus / (smes * m.wage);
  expect(Math.abs(m.meanSmeSurplus - mean)).toBeLessThan(1e-6 * Math.max(1, Math.abs(mean)));
}

describe("the fused sales pass runs phase 7 and the first steps of 8 and 13 as separate loops would", () => {
  it("employment, each SME's NW/sales and the mean operating surplus entry reads", () => {
    const p = ModelParamsSchema.parse({ firms: 300, ticks: 16 });
    const w = createWorld(p, 9);
    initialise(w);
    for (let t = 0; t < p.ticks; t++) {
      w.tick = t;
      quarter(w, { after: { demand: checkSalesPass } });
    }
  });
});

describe("the fused settle pass equals one loop per ODD phase", () => {
  it.each([
    ["baseline", {}],
    [
      "with a refundable tax credit and a cash-strapped economy",
      {
        instruments: { taxCredit: { enabled: true, creditRate: 0.2, superDeduction: 0.5, refundable: true } },
        population: { cashShortfallQuarters: 1, startupCash: 0.02 },
      },
    ],
  ])("%s", (_, input) => {
    const p = ModelParamsSchema.parse({ firms: 300, ticks: 20, ...input });
    const diffs = lockstep(p, 11);
    const worst = diffs.reduce((a, b) => (b.relative > a.relative ? b : a));
    // sums in another order differ in the last bits; a phase run out of order would differ by far more
    expect(worst.relative, `largest difference: ${worst.where} at tick ${worst.tick}`).toBeLessThan(1e-9);
  });
});
