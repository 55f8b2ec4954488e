import { enabledFlag, num, section } from "../param.js";

/** 6. Public credit guarantees on SME bank loans. */
export const loanGuaranteeParams = section(
  {
    enabled: enabledFlag("loan guarantee scheme"),
    coverage: num(0.8, 0, 1, {
      description: "Share of a guaranteed loan's loss the guarantee fund pays the bank.",
      unit: "share of loss",
      source: "SBA 7(a): 85% ≤ $150k, 75% above (MODEL_REFERENCES §2.5); digest 000 §3.1",
    }),
    feeRate: num(0.005, 0, 0.05, {
      description: "Fee the firm pays on the guaranteed amount.",
      unit: "share per quarter",
      source: "SBA guarantee fees of 2–3.75% up-front, spread over the loan",
    }),
    fundCapital: num(100, 0, 1e7, {
      description: "Capital the government puts into the guarantee fund.",
      unit: "M",
      source: "design choice (digest 000 §3.1: $10.9 bn guaranteed in 1997)",
    }),
    leverage: num(10, 1, 50, {
      description: "Maximum guaranteed volume per unit of fund capital.",
      unit: "1",
      source: "typical guarantee-fund leverage of 5–20 (OECD 2013)",
    }),
    screeningLoss: num(0.3, 0, 1, {
      description:
        "How much less banks screen a guaranteed loan (moral hazard): share of the score penalty dropped.",
      unit: "share",
      source: "MODEL_REFERENCES §2.5 (FdG, SOFARIS evidence: defaults rise under guarantees)",
    }),
    maxEmployees: num(500, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "SBA size standard (digest 000 §3.1)",
    }),
  },
  "Loan guarantees: the fund covers a share of the bank's loss for a fee.",
);
