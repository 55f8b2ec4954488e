import { firmEarn, GOVERNMENT } from "../ledger.js";
import { isAware, markSupported } from "../queries.js";
import type { World } from "../world.js";
import { subsidyPaymentShare } from "./rdWageSubsidy.js";

/** Is firm i in the project-subsidy programme this quarter (on, eligible, aware, performing R&D)? */
export function projectSubsidyClaims(w: World, i: number): boolean {
  const s = w.p.instruments.rdProjectSubsidy;
  return s.enabled && w.firms.performer[i] === 1 && w.firms.employees[i] <= s.maxEmployees && isAware(w, i);
}

/** Marginal subsidy rate at R&D spending rd (ODD §7.17): rate below the threshold, rateAbove above. */
export function projectSubsidyMarginalRate(w: World, i: number, rd: number): number {
  if (!projectSubsidyClaims(w, i)) return 0;
  const s = w.p.instruments.rdProjectSubsidy;
  return rd < s.threshold ? s.rate : s.rateAbove;
}

/** Subsidy earned on this quarter's R&D spending (paid later, with the payment lag). */
export function projectSubsidyAccrue(w: World, i: number, rd: number): void {
  if (rd <= 0 || !projectSubsidyClaims(w, i)) return;
  const s = w.p.instruments.rdProjectSubsidy;
  const amount = s.rate * Math.min(rd, s.threshold) + s.rateAbove * Math.max(0, rd - s.threshold);
  w.firms.pendingProjectSubsidy[i] += amount;
}

/** Pay the due part of firm i's accrued project subsidy (geometric lag); returns it. */
export function projectSubsidyPay(w: World, i: number): number {
  const f = w.firms;
  if (f.pendingProjectSubsidy[i] <= 0) return 0;
  const paid = f.pendingProjectSubsidy[i] * subsidyPaymentShare(w.p.government.paymentLagQuarters);
  f.pendingProjectSubsidy[i] -= paid;
  firmEarn(w.ledger, i, GOVERNMENT, paid);
  w.spend.rdProjectSubsidy += paid;
  markSupported(w, i);
  return paid;
}
