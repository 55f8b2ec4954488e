import { enabledFlag, flag, num, section } from "../../param.js";

/** 2. R&D tax credit and super-deduction: lowers the user cost of R&D (B-index). */
export const taxCreditParams = section(
  {
    enabled: enabledFlag("R&D tax credit / super-deduction"),
    creditRate: num(0.1, 0, 1, {
      description: "Share of R&D spending credited against profit tax (the measure the switch turns on).",
      unit: "share of R&D spending",
      source:
        "assumed: a moderate volume-based credit, within the 5–20% rates surveyed by Hall & Van Reenen 2000; digest 000 §2.1 names the R&D expense deduction without a rate",
    }),
    superDeduction: num(0, 0, 3, {
      description:
        "Extra deduction of R&D spending from taxable profit (1 = 200% deduction); off unless set, so enabling the credit switches on no second measure.",
      unit: "share of R&D spending",
      source: "digest 004 §2.2.3 (China's 100% super-deduction)",
    }),
    refundable: flag(false, {
      description: "Firms without enough taxable profit get the unused benefit in cash.",
      unit: "on/off",
      source: "design choice (refundability matters for loss-making SMEs; Dechezleprêtre et al. 2016)",
    }),
    maxEmployees: num(1e6, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "design choice (general schemes cover all firms)",
    }),
  },
  "R&D tax credit and super-deduction: lower the user cost of R&D.",
);
