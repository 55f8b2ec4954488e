import { enabledFlag, int, num, section } from "../../param.js";

/** 1. SBIR-style R&D grants: a set-aside of public R&D money, two competitive phases. */
export const grantsParams = section(
  {
    enabled: enabledFlag("SBIR-style R&D grant programme"),
    publicRdBudgetPerSme: num(0.1, 0, 500, {
      description:
        "Extramural R&D budget of the agencies that must set money aside, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME per quarter",
      source:
        "digest 000 §2.1 (agencies with R&D budgets over $100M); 0.1 = 200 M a quarter at the default 2,000 SMEs (assumed size)",
    }),
    setAsideShare: num(0.0125, 0, 0.2, {
      description: "Share of the agencies' R&D budget reserved for small-firm grants.",
      unit: "share",
      source: "digest 000 §2.1 (SBIR set-aside 1.25%)",
    }),
    phase1Award: num(0.15, 0, 100, {
      description: "First-stage (feasibility) award per firm, paid over the phase.",
      unit: "M",
      source: "SBIR Phase I award size (literature: Lerner 1999), scaled",
    }),
    phase2Award: num(0.75, 0, 500, {
      description: "Second-stage (development) award per firm, paid over the phase.",
      unit: "M",
      source: "SBIR Phase II award size (literature: Lerner 1999), scaled",
    }),
    phase1Quarters: int(2, 1, 20, {
      description: "Length of the first stage.",
      unit: "quarters",
      source: "SBIR Phase I lasts about 6 months",
    }),
    phase2Quarters: int(8, 1, 40, {
      description: "Length of the second stage.",
      unit: "quarters",
      source: "SBIR Phase II lasts about 2 years",
    }),
    phase2Share: num(0.4, 0, 1, {
      description: "Share of first-stage grantees that win a second-stage award (the best by progress).",
      unit: "share",
      source: "SBIR Phase I → II transition about 40%",
    }),
    matchRate: num(0, 0, 1, {
      description: "Share of the funded project the firm must co-finance from its own money.",
      unit: "share",
      source: "design choice; 0 for SBIR (digest 000 §2.1)",
    }),
    maxEmployees: int(500, 1, 1e6, {
      description: "Size eligibility: only firms with at most this many employees may apply.",
      unit: "employees",
      source: "SBIR: fewer than 500 employees (digest 000 §2.1)",
    }),
    selectionNoise: num(0.5, 0, 5, {
      description: "Noise (s.d. of the log score) in the agency's ranking of applicants by true potential.",
      unit: "1",
      source: "calibrated (ODD §7.12)",
    }),
  },
  "R&D grants with a set-aside (SBIR): two competitive phases for small firms.",
);
