import { enabledFlag, flag, num, section } from "../param.js";

/** 2. R&D tax credit and super-deduction: lowers the user cost of R&D (B-index). */
export const taxCreditParams = section(
  {
    enabled: enabledFlag("R&D tax credit / super-deduction"),
    creditRate: num(0, 0, 1, {
      description: "Share of R&D spending credited against profit tax.",
      unit: "share of R&D spending",
      source: "digest 000 §2.1 (R&D expense deduction); Hall & Van Reenen 2000",
    }),
    superDeduction: num(1, 0, 3, {
      description: "Extra deduction of R&D spending from taxable profit (1 = 200% deduction).",
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
