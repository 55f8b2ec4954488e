import { enabledFlag, num, section } from "../../param.js";

/** 4. Innovation investment tax credit (Italy 1991–93). */
export const innovationInvestmentCreditParams = section(
  {
    enabled: enabledFlag("innovation investment tax credit"),
    rateSmall: num(0.25, 0, 1, {
      description: "Credit on investment in new technology for small firms.",
      unit: "share of investment",
      source: "digest 000 §2.1 (Italy 25%)",
    }),
    rateMedium: num(0.2, 0, 1, {
      description: "Credit on investment in new technology for medium firms.",
      unit: "share of investment",
      source: "digest 000 §2.1 (Italy 20%)",
    }),
    smallMaxEmployees: num(50, 1, 1e6, {
      description: "Firms up to this size get the small-firm rate.",
      unit: "employees",
      source: "EU small-enterprise threshold",
    }),
    maxEmployees: num(300, 1, 1e6, {
      description: "Size eligibility for the credit.",
      unit: "employees",
      source: "digest 000 §2.2 (Italian SME threshold < 300 employees)",
    }),
  },
  "Innovation investment tax credit (Italy 1991): 25%/20% of investment in new technology.",
);
