import { enabledFlag, num, section } from "../../param.js";

/** 17. Talent retention: lowers the outflow of graduates and skilled staff. */
export const talentRetentionParams = section(
  {
    enabled: enabledFlag("talent retention policy"),
    outflowReduction: num(0.5, 0, 1, {
      description: "Share by which the talent outflow rate falls.",
      unit: "share",
      source: "digest 001 §3.1 (Liaoning loses talent to the south)",
    }),
    costPerRetained: num(0.005, 0, 10, {
      description: "Public cost per retained person (housing, allowances).",
      unit: "M per person",
      source: "design choice",
    }),
  },
  "Talent retention: allowances that keep graduates in the region.",
);
