import { enabledFlag, num, section } from "../../param.js";

/** 18. Lower regulatory burden (fixed compliance cost) for SMEs. */
export const regulatoryReliefParams = section(
  {
    enabled: enabledFlag("regulatory relief"),
    burdenReduction: num(0.5, 0, 1, {
      description: "Share by which the fixed compliance cost of SMEs falls.",
      unit: "share",
      source: "digest frictions (regulatory burden); OECD SME policy index",
    }),
    adminCostPerFirm: num(0.0005, 0, 1, {
      description: "Public cost per SME and quarter of running the simplified regime.",
      unit: "M per firm-quarter",
      source: "design choice",
    }),
  },
  "Regulatory relief: lower fixed compliance cost for SMEs.",
);
