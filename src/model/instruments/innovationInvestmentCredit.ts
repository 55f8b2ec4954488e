import { KIND_SME } from "../firms.js";
import { firmEarn, GOVERNMENT } from "../ledger.js";
import { isAware, markSupported } from "../queries.js";
import type { World } from "../world.js";

/** Credit rate on firm i's investment in new technology (ODD §7.20): small, medium or none. */
export function innovationInvestmentCreditRate(w: World, i: number): number {
  const c = w.p.instruments.innovationInvestmentCredit;
  const e = w.firms.employees[i];
  if (!c.enabled || w.firms.kind[i] !== KIND_SME || e > c.maxEmployees || !isAware(w, i)) return 0;
  return e <= c.smallMaxEmployees ? c.rateSmall : c.rateMedium;
}

/**
 * Investment of an adopter in new equipment (ODD §7.4, §7.20): the minimum the process needs,
 * scaled by the user-cost response to the after-credit price, I = I_min·max(0.05, 1 − credit)^(−ε)
 * (Zwick & Mahon 2017). Without a credit I = I_min; the extra equipment is capital the firm
 * brings forward (it then tops up less for depreciation, §7.3).
 */
export function adoptionInvestment(minimum: number, credit: number, elasticity: number): number {
  return credit > 0 ? minimum * Math.max(0.05, 1 - credit) ** -elasticity : minimum;
}

/** Pay the credit on an adoption investment (cash from the government; booked as its cost). */
export function innovationInvestmentCreditPay(w: World, i: number, investment: number, rate: number): void {
  if (rate <= 0 || investment <= 0) return;
  const credit = rate * investment;
  firmEarn(w.ledger, i, GOVERNMENT, credit);
  w.spend.innovationInvestmentCredit += credit;
  markSupported(w, i);
}
