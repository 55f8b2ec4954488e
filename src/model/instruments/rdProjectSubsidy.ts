import { enabledFlag, num, section } from "../param.js";

/** 1b. German-style R&D project subsidy: a share of R&D spending, lower above a threshold. */
export const rdProjectSubsidyParams = section(
  {
    enabled: enabledFlag("R&D project subsidy"),
    rate: num(0.2, 0, 1, {
      description: "Subsidy rate on an eligible firm's R&D spending up to the threshold.",
      unit: "share of R&D spending",
      source: "digest 000 §3.3 (Germany: 20% up to 500k DM)",
    }),
    threshold: num(0.0625, 0, 100, {
      description:
        "R&D spending per quarter up to which the full rate applies (500k DM a year, in M per quarter).",
      unit: "M per quarter",
      source: "digest 000 §3.3 (500k DM ≈ 0.25 M a year)",
    }),
    rateAbove: num(0.075, 0, 1, {
      description: "Subsidy rate on R&D spending above the threshold.",
      unit: "share of R&D spending",
      source: "digest 000 §3.3 (Germany: 7.5% above 500k DM)",
    }),
    maxEmployees: num(1000, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "German SME definition of the 1980s programmes (< 1000 employees)",
    }),
  },
  "R&D project subsidy (Germany 1983): a share of R&D cost, lower above a threshold.",
);

import { isAware } from "../queries.js";
import type { World } from "../world.js";

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

import { firmEarn, GOVERNMENT } from "../ledger.js";
import { markSupported } from "../queries.js";
import { subsidyPaymentShare } from "./rdWageSubsidy.js";
