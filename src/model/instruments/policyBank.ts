import { enabledFlag, flag, num, section } from "../param.js";

/** 7. Policy-bank loans below the commercial rate. */
export const policyBankParams = section(
  {
    enabled: enabledFlag("policy-bank lending"),
    rateDiscount: num(0.00625, 0, 0.05, {
      description: "Rate discount below the commercial rate the firm would pay.",
      unit: "per quarter",
      source: "digest 000 §2.2 (Japan: 2–3 points a year below commercial rates)",
    }),
    capacity: num(200, 0, 1e7, {
      description: "Maximum outstanding policy-bank loans.",
      unit: "M",
      source: "design choice",
    }),
    rdOnly: flag(true, {
      description: "Lend only to firms that perform R&D (tech SMEs).",
      unit: "on/off",
      source: "digest 000 §2.2; digest 004 §2.2.3 (SRDI loans)",
    }),
    maxEmployees: num(300, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "Japanese SME definition (300 employees in manufacturing)",
    }),
  },
  "Policy-bank loans to SMEs below the commercial rate.",
);
