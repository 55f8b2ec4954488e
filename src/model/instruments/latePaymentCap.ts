import { enabledFlag, num, section } from "../param.js";

/** 14. Cap on the payment delay of large buyers to SMEs. */
export const latePaymentCapParams = section(
  {
    enabled: enabledFlag("late-payment cap"),
    maxDays: num(60, 0, 365, {
      description: "Maximum days a large buyer may take to pay an SME.",
      unit: "days",
      source: "EU Late Payment Directive 2011/7 (60 days); JRC 2022 (120 → 30/60 days)",
    }),
    compliance: num(0.9, 0, 1, {
      description: "Share of invoices that respect the cap.",
      unit: "share",
      source: "design choice",
    }),
    enforcementCost: num(0.5, 0, 1e3, {
      description: "Public cost of enforcing the cap.",
      unit: "M per quarter",
      source: "design choice",
    }),
  },
  "Late-payment cap: large buyers pay SMEs within a maximum number of days.",
);

import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import type { World } from "../world.js";

/** Enforcement cost of the late-payment cap (ODD §7.27); the cap itself acts on payment days. */
export function latePaymentEnforcement(w: World): void {
  const c = w.p.instruments.latePaymentCap;
  if (!c.enabled) return;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, c.enforcementCost);
  w.spend.latePaymentCap += c.enforcementCost;
}
