import { KIND_SME } from "../firms.js";
import { enabledFlag, num, section } from "../param.js";

/** 4. Innovation investment tax credit (Italy 1991–93). */
export const innovationInvestmentCreditParams = section(
  {
    enabled: enabledFlag("innovation investment tax credit"),
    rateSmall: num(0.25, 0, 1, {
      description: "Credit on investment in new technology for small firms.",
      unit: "share of investment",
      source: "digest 000 §2.1 (Italy 25%)",
    }),
    rateMedium: num(0.2, 0, 1, {
      description: "Credit on investment in new technology for medium firms.",
      unit: "share of investment",
      source: "digest 000 §2.1 (Italy 20%)",
    }),
    smallMaxEmployees: num(50, 1, 1e6, {
      description: "Firms up to this size get the small-firm rate.",
      unit: "employees",
      source: "EU small-enterprise threshold",
    }),
    maxEmployees: num(300, 1, 1e6, {
      description: "Size eligibility for the credit.",
      unit: "employees",
      source: "digest 000 §2.2 (Italian SME threshold < 300 employees)",
    }),
  },
  "Innovation investment tax credit (Italy 1991): 25%/20% of investment in new technology.",
);

import { isAware } from "../queries.js";
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

import { firmEarn, GOVERNMENT } from "../ledger.js";
import { markSupported } from "../queries.js";
