import { firmEarn, GOVERNMENT } from "../ledger.js";
import { isAware, markSupported } from "../queries.js";
import type { World } from "../world.js";

/**
 * Wage-subsidy rate of firm i this quarter (ODD §7.19): rateEarly in the first earlyYears after
 * take-up, rateLate for lateYears more, then nothing. Take-up is the first quarter an eligible,
 * aware R&D performer applies.
 */
export function wageSubsidyRate(w: World, i: number): number {
  const s = w.p.instruments.rdWageSubsidy;
  const f = w.firms;
  if (!s.enabled || f.performer[i] === 0 || f.employees[i] > s.maxEmployees) return 0;
  if (f.wageSubsidyStart[i] < 0) {
    if (!isAware(w, i)) return 0;
    f.wageSubsidyStart[i] = w.tick;
  }
  const years = (w.tick - f.wageSubsidyStart[i]) / 4;
  if (years < s.earlyYears) return s.rateEarly;
  if (years < s.earlyYears + s.lateYears) return s.rateLate;
  return 0;
}

/** Subsidy earned on this quarter's R&D wages, capped per firm-year; paid later (payment lag). */
export function wageSubsidyAccrue(w: World, i: number, rdWages: number): void {
  const rate = wageSubsidyRate(w, i);
  if (rate <= 0) return;
  const amount = Math.min(rate * rdWages, w.p.instruments.rdWageSubsidy.capPerFirmYear / 4);
  w.firms.pendingWageSubsidy[i] += amount;
}

/** Pay the due part of firm i's accrued wage subsidy (geometric lag, ODD §7.19); returns it. */
export function wageSubsidyPay(w: World, i: number): number {
  const f = w.firms;
  if (f.pendingWageSubsidy[i] <= 0) return 0;
  const paid = f.pendingWageSubsidy[i] * subsidyPaymentShare(w.p.government.paymentLagQuarters);
  f.pendingWageSubsidy[i] -= paid;
  firmEarn(w.ledger, i, GOVERNMENT, paid);
  w.spend.rdWageSubsidy += paid;
  markSupported(w, i);
  return paid;
}

/**
 * Share of an accrued subsidy paid each quarter: 1/(1 + lag), a geometric delay whose mean is
 * `paymentLagQuarters` quarters (a lag of 0 pays at once).
 */
export function subsidyPaymentShare(lagQuarters: number): number {
  return 1 / (1 + lagQuarters);
}
