import { enabledFlag, num, section } from "../../param.js";

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
    enforcementCostPerSme: num(0.00025, 0, 5, {
      description:
        "Public cost of enforcing the cap, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME per quarter",
      source: "assumed (no paper gives it); 0.00025 = 0.5 M a quarter at the default 2,000 SMEs",
    }),
  },
  "Late-payment cap: large buyers pay SMEs within a maximum number of days.",
);
