import { enabledFlag, int, num, section } from "../../param.js";

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
