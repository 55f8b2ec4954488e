import { enabledFlag, num, section } from "../../param.js";

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
