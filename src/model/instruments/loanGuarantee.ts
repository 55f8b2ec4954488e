import { KIND_SME } from "../firms.js";
import { enabledFlag, flag, num, section } from "../param.js";

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
        "assumed (digest 000 §3.1 gives $10.9 bn guaranteed in 1997, no fund size); 0.05 = the former 100 M at the default 2,000 SMEs",
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

import { EXTERNAL, GOVERNMENT, GUARANTEE_FUND, transfer } from "../ledger.js";
import type { ModelParams } from "../params.js";
import { isAware } from "../queries.js";
import type { World } from "../world.js";

/**
 * May firm i get a guaranteed loan now (on, SME, within the size standard, and either its bank
 * applies for the guarantee or the firm knows the scheme)?
 */
export function guaranteeEligible(w: World, i: number): boolean {
  const g = w.p.instruments.loanGuarantee;
  return (
    g.enabled &&
    w.firms.kind[i] === KIND_SME &&
    w.firms.employees[i] <= g.maxEmployees &&
    (g.lenderApplies || isAware(w, i))
  );
}

/** The guarantee fund's capital (M): per initial SME times the initial SMEs. */
export function guaranteeFundCapital(p: ModelParams): number {
  return p.instruments.loanGuarantee.fundCapitalPerSme * p.firms;
}

/** Principal the fund can still guarantee: leverage × capital ≥ coverage × guaranteed principal. */
export function guaranteeHeadroom(w: World): number {
  const g = w.p.instruments.loanGuarantee;
  if (g.coverage <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(
    0,
    (g.leverage * guaranteeFundCapital(w.p)) / g.coverage - w.programmes.guaranteeFund.guaranteed,
  );
}

/** Credit ceiling banks grant a guaranteed SME (ODD §7.21): ceiling / (1 − ceilingWeight · coverage). */
export function guaranteedCeiling(w: World, ceiling: number): number {
  const g = w.p.instruments.loanGuarantee;
  return ceiling / Math.max(0.05, 1 - g.ceilingWeight * g.coverage);
}

/** Quarterly fee on the guaranteed principal (firm → fund) and the scheme's administration cost. */
export function guaranteeFee(w: World, i: number): void {
  const g = w.p.instruments.loanGuarantee;
  const gp = w.firms.guaranteed[i];
  if (gp <= 0) return;
  const fee = g.feeRate * gp;
  transfer(w.ledger, -1 - i, GUARANTEE_FUND, fee);
  w.firms.netWorth[i] -= fee;
  w.firms.profit[i] -= fee;
  // the scheme's staff are paid: a real outlay, so the books see it
  const admin = g.adminCostRate * gp;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, admin);
  w.spend.loanGuarantee += admin;
}

/**
 * Guarantee call on a defaulted loan (ODD §7.21): the fund pays the bank coverage × the loss on
 * the guaranteed share of the loan; the government refills the fund if it runs dry. Returns the
 * call.
 */
export function guaranteeCall(w: World, bankAccount: number, loss: number, guaranteedShare: number): number {
  const call = w.p.instruments.loanGuarantee.coverage * loss * guaranteedShare;
  if (call <= 0) return 0;
  const fundCash = w.ledger.balance[GUARANTEE_FUND];
  if (fundCash < call) transfer(w.ledger, GOVERNMENT, GUARANTEE_FUND, call - Math.max(0, fundCash));
  transfer(w.ledger, GUARANTEE_FUND, bankAccount, call);
  w.spend.loanGuarantee += call;
  w.programmes.guaranteeFund.calls += call;
  w.programmes.guaranteeFund.callsTotal += call;
  return call;
}
