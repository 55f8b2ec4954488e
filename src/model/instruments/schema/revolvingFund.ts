import { enabledFlag, int, num, section } from "../../param.js";

/** 5. Revolving innovation fund: grant part + subsidised loan, repayments refill the fund. */
export const revolvingFundParams = section(
  {
    enabled: enabledFlag("revolving innovation fund"),
    capitalPerSme: num(0.025, 0, 500, {
      description:
        "Initial endowment of the fund by the government, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME",
      source: "assumed (digest 000 §2.2 gives no size); 0.025 = 50 M at the default 2,000 SMEs",
    }),
    grantShare: num(0.25, 0, 1, {
      description: "Share of a project paid as a grant; the rest is a loan.",
      unit: "share",
      source: "digest 000 §2.2 (25% grant; up to 50%; 32% in the South)",
    }),
    loanRate: num(0.0025, 0, 0.1, {
      description: "Interest rate on the loan part.",
      unit: "per quarter",
      source: "design choice (subsidised, ~1% a year)",
    }),
    projectSalesShare: num(0.25, 0, 5, {
      description: "Size of a project relative to the firm's quarterly sales.",
      unit: "share of quarterly sales",
      source: "calibrated (ODD §7.13)",
    }),
    loanQuarters: int(20, 1, 80, {
      description: "Repayment period of the loan part.",
      unit: "quarters",
      source: "design choice (5-year innovation loans)",
    }),
    maxEmployees: num(300, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "digest 000 §2.2 (< 300 employees)",
    }),
  },
  "Revolving innovation fund (Italy): part grant, part loan; repayments refill the fund.",
);
