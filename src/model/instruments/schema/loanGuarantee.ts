import { enabledFlag, flag, num, section } from "../../param.js";

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
    fundCapitalPerSme: num(0.05, 0, 5000, {
      description:
        "Capital the government puts into the guarantee fund, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME",
      source:
        "assumed (digest 000 §3.1 gives $10.9 bn guaranteed in 1997, no fund size); 0.05 = 100 M at the default 2,000 SMEs",
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
    ceilingWeight: num(0.5, 0, 1, {
      description:
        "How far banks extend the credit ceiling for guaranteed SMEs: ceiling / (1 − ceilingWeight · coverage).",
      unit: "1",
      source: "design choice (ODD §7.21): the bank's own exposure is what it rations",
    }),
    lenderApplies: flag(true, {
      description:
        "The lending bank applies for the guarantee on the firm's behalf, so the firm need not know the scheme (false: only aware firms, government.awareness).",
      unit: "on/off",
      source:
        "SBA 7(a): participating lenders request the guarantee (digest 000 §3.1); OECD 2013 (guarantees are delivered through banks)",
    }),
    adminCostRate: num(0.001, 0, 0.05, {
      description: "Public administration cost per M of guaranteed loans outstanding.",
      unit: "per quarter",
      source: "design choice (OECD 2013: guarantee schemes' operating costs)",
    }),
  },
  "Loan guarantees: the fund covers a share of the bank's loss for a fee.",
);
