import { enabledFlag, int, num, section } from "../param.js";

/** 3. R&D-staff wage subsidy by year since take-up (German 1983 scheme). */
export const rdWageSubsidyParams = section(
  {
    enabled: enabledFlag("R&D-staff wage subsidy"),
    rateEarly: num(0.4, 0, 1, {
      description: "Share of R&D wages paid in the first years after take-up.",
      unit: "share of R&D wages",
      source: "digest 000 §3.3 (40% for 5 years)",
    }),
    earlyYears: int(5, 0, 50, {
      description: "Years at the early rate.",
      unit: "years",
      source: "digest 000 §3.3",
    }),
    rateLate: num(0.25, 0, 1, {
      description: "Share of R&D wages paid after the early years.",
      unit: "share of R&D wages",
      source: "digest 000 §3.3 (25% in years 6–7)",
    }),
    lateYears: int(2, 0, 50, {
      description: "Years at the late rate; afterwards the firm receives nothing.",
      unit: "years",
      source: "digest 000 §3.3",
    }),
    capPerFirmYear: num(0.06, 0, 100, {
      description: "Maximum subsidy per firm and year (120k DM).",
      unit: "M per year",
      source: "digest 000 §3.3 (cap 120k DM per firm-year)",
    }),
    maxEmployees: num(1000, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "German SME definition of the 1980s programmes",
    }),
  },
  "R&D-staff wage subsidy (Germany 1983): 40% then 25% of R&D wages, capped.",
);

import { isAware } from "../queries.js";
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

import { firmEarn, GOVERNMENT } from "../ledger.js";
import { markSupported } from "../queries.js";
