import { KIND_SME } from "../firms.js";
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
