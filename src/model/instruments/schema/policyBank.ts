import { enabledFlag, flag, num, section } from "../../param.js";

/** 7. Policy-bank loans below the commercial rate. */
export const policyBankParams = section(
  {
    enabled: enabledFlag("policy-bank lending"),
    rateDiscount: num(0.00625, 0, 0.05, {
      description: "Rate discount below the commercial rate the firm would pay.",
      unit: "per quarter",
      source: "digest 000 §2.2 (Japan: 2–3 points a year below commercial rates)",
    }),
    capacityPerSme: num(0.1, 0, 5000, {
      description:
        "Maximum outstanding policy-bank loans, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME",
      source: "assumed (no paper gives a size); 0.1 = 200 M at the default 2,000 SMEs",
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
