import { FLAG_TAXPAYER } from "../firms.js";
import { taxCreditSettle } from "../instruments/taxCredit.js";
import { EXTERNAL, firmEquityOut, firmSpend, GOVERNMENT } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Phase 11, taxes and dividends (ODD §7.8): profit tax on the quarter's taxable profit (R&D
 * expensed, the knowledge write-down added back), net of R&D tax credits; then firms holding more
 * cash than a quarter of costs pay out payoutRatio of their after-tax profit.
 */
export function taxes(w: World): void {
  const f = w.firms;
  const payout = w.p.population.payoutRatio;
  let revenue = 0;
  let smeProfit = 0;
  let smeSales = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    const taxable = taxableProfit(f.profit[i], f.scratchB[i], f.rdSpend[i]);
    if (taxable > 0) f.flags[i] |= FLAG_TAXPAYER;
    else f.flags[i] &= ~FLAG_TAXPAYER & 0xff;
    const due = taxCreditSettle(w, i, taxable, f.rdSpend[i]);
    if (due > 0) {
      firmSpend(w.ledger, i, GOVERNMENT, due);
      revenue += due;
    }
    const after = f.profit[i];
    const free = f.cash[i] - f.costs[i];
    if (after > 0 && free > 0) firmEquityOut(w.ledger, i, EXTERNAL, payout * Math.min(after, free));
    if (f.kind[i] === 0) {
      smeProfit += after;
      smeSales += f.sales[i];
    }
  }
  w.tally[METRIC.taxRevenue] += revenue;
  w.macro.meanProfitRate = smeSales > 0 ? smeProfit / smeSales : 0;
}

/** Taxable profit: accounting profit + knowledge write-down − R&D spending (R&D expensed for tax). */
export function taxableProfit(profit: number, knowledgeWriteDown: number, rd: number): number {
  return profit + knowledgeWriteDown - rd;
}
