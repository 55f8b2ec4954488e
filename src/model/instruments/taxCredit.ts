import { firmEarn, GOVERNMENT } from "../ledger.js";
import { isAware, METRIC, markSupported } from "../queries.js";
import type { World } from "../world.js";

/** Does firm i claim the R&D tax credit (on, eligible by size, aware)? */
export function taxCreditClaims(w: World, i: number): boolean {
  const c = w.p.instruments.taxCredit;
  return c.enabled && w.firms.employees[i] <= c.maxEmployees && isAware(w, i);
}

/**
 * Tax-credit terms of the B-index numerator (ODD §7.18): τ·s + c for a claimant that can use
 * them (taxpayer, or refundable scheme), 0 otherwise.
 */
export function taxCreditUserCostTerm(w: World, i: number, taxpayer: boolean): number {
  if (!taxCreditClaims(w, i)) return 0;
  const c = w.p.instruments.taxCredit;
  if (!taxpayer && !c.refundable) return 0;
  return w.p.world.profitTaxRate * c.superDeduction + c.creditRate;
}

/**
 * Tax-credit settlement at the taxes phase (ODD §7.18): given the taxable profit without the
 * super-deduction and the quarter's R&D, returns the tax due; books the revenue forgone (and any
 * cash refund) as the instrument's cost and as public R&D support.
 */
export function taxCreditSettle(w: World, i: number, taxable: number, rd: number): number {
  const tau = w.p.world.profitTaxRate;
  const base = tau * Math.max(0, taxable);
  if (rd <= 0 || !taxCreditClaims(w, i)) return base;
  const c = w.p.instruments.taxCredit;
  const withSuper = tau * Math.max(0, taxable - c.superDeduction * rd);
  const credit = c.creditRate * rd;
  const due = Math.max(0, withSuper - credit);
  let benefit = base - due;
  if (c.refundable) {
    const unused = tau * c.superDeduction * rd + credit - benefit;
    if (unused > 0) {
      firmEarn(w.ledger, i, GOVERNMENT, unused);
      benefit += unused;
    }
  }
  if (benefit > 0) {
    w.spend.taxCredit += benefit;
    w.tally[METRIC.taxForgone] += benefit;
    w.tally[METRIC.rdPublic] += benefit;
    markSupported(w, i);
  }
  return due;
}
