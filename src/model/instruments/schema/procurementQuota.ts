import { enabledFlag, num, section } from "../../param.js";

/** 8. Procurement quota: a minimum SME share of public purchases. */
export const procurementQuotaParams = section(
  {
    enabled: enabledFlag("SME procurement quota"),
    smeShare: num(0.23, 0, 1, {
      description: "Minimum share of public purchases bought from SMEs.",
      unit: "share of public purchases",
      source: "digest 000 §2.3 (US: 20% → 23% in 1997)",
    }),
    adminCostShare: num(0.02, 0, 0.5, {
      description: "Public cost of running set-asides, per M of purchases moved to SMEs by the quota.",
      unit: "share of reallocated purchases",
      source: "design choice (tendering and monitoring costs)",
    }),
  },
  "Procurement quota: a minimum share of public purchases from SMEs.",
);
