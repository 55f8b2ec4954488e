import { balanceSheetSize, noteLeavers } from "../books.js";
import { FLAG_ROUND_DELAYED, KIND_LEAD, setLogProductivity } from "../firms.js";
import { guaranteeCall } from "../instruments/loanGuarantee.js";
import { BRIDGE_FUND, EXTERNAL, GOVERNMENT, POLICY_BANK, REVOLVING_FUND, transfer } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

export const CAUSE_INSOLVENT = 1;
export const CAUSE_SHARE = 2;
export const CAUSE_CASH = 3;
export const CAUSE_ACQUIRED = 4;

/**
 * Phase 12, exit (ODD §7.9): an SME exits after cashShortfallQuarters quarters in a row with
 * unbridged negative cash, any firm with negative net worth, an SME whose share fell below
 * minRelativeShare of the mean SME share or whose sales no longer cover its production wages and
 * the fixed (compliance) cost (a vanishing market: negative operating surplus; counted as a
 * vanishing share). Exiting firms are liquidated. Banks update bad debt and a bank with negative
 * equity is recapitalised by the government. The rule is applied in the pass of `settle`, which
 * lists the leaving firms (slot, cause) in slot order.
 */
export function exit(w: World): void {
  const f = w.firms;
  const list = w.exits;
  let size = 0; // balance sheets liquidated: the books' scale of the quarter (ODD §2.4)
  for (let k = 0; k < w.nExits; k++) {
    const i = list[2 * k];
    const cause = list[2 * k + 1];
    if (cause === CAUSE_CASH && f.vcFund[i] >= 0) w.tally[METRIC.exitsCashVc]++;
    size += balanceSheetSize(w, i);
    liquidate(w, i, cause);
  }
  if (w.nExits > 0) noteLeavers(w, size);
  w.nExits = 0;
  bankResolution(w);
}

/** Exit rule: 3 cash shortfall, 1 insolvent, 2 vanishing share, 0 stays (lead firms: insolvency only). */
export function exitCause(
  sme: boolean,
  shortfall: number,
  quarters: number,
  netWorth: number,
  share: number,
  minShare: number,
): number {
  if (sme && shortfall >= quarters) return CAUSE_CASH;
  if (netWorth < 0) return CAUSE_INSOLVENT;
  if (sme && share < minShare) return CAUSE_SHARE;
  return 0;
}

/** An SME's buyer pays its receivable; a lead firm pays all its suppliers (firm leaving). */
function settleTrade(w: World, i: number): void {
  const f = w.firms;
  if (f.kind[i] === KIND_LEAD) {
    if (f.payable[i] > 0) {
      for (let s = 0; s < f.hi; s++) {
        if (!f.alive[s] || f.buyer[s] !== i || f.receivable[s] <= 0) continue;
        const r = f.receivable[s];
        transfer(w.ledger, -1 - i, -1 - s, r);
        f.receivable[s] = 0;
        f.payable[i] -= r;
        f.buyer[s] = -1;
      }
    }
    f.payable[i] = 0;
    return;
  }
  const r = f.receivable[i];
  if (r > 0) {
    const b = f.buyer[i];
    transfer(w.ledger, -1 - b, -1 - i, r);
    f.payable[b] -= r;
    f.receivable[i] = 0;
  }
}

/**
 * Liquidation (ODD §7.9): receivables are collected, tangible capital sold at recoveryRate,
 * knowledge lost; creditors are paid in order (bank, policy bank, revolving fund, bridge fund);
 * the bank's loss on a guaranteed loan is partly covered by a guarantee call, public lenders'
 * losses are the instruments' costs; what is left goes to the owners, unpaid bills are written off
 * by the external sector.
 */
export function liquidate(w: World, i: number, cause: number): void {
  const f = w.firms;
  const L = w.ledger;
  settleTrade(w, i);
  transfer(L, EXTERNAL, -1 - i, w.p.credit.recoveryRate * f.capital[i]);
  f.capital[i] = 0;
  f.knowledge[i] = 0;
  let defaulted = false;
  // bank
  const debt = f.debt[i];
  if (debt > 0) {
    const bank = w.banks[f.bank[i]];
    const repaid = Math.min(Math.max(0, f.cash[i]), debt);
    transfer(L, -1 - i, bank.account, repaid);
    const loss = debt - repaid;
    if (loss > 1e-12) {
      defaulted = true;
      const call = guaranteeCall(w, bank.account, loss, f.guaranteed[i] / debt);
      bank.lossThisTick += loss - call;
      w.tally[METRIC.loanLosses] += loss - call;
      w.tally[METRIC.guaranteeCalls] += call;
    }
    bank.loans -= debt;
    w.programmes.guaranteeFund.guaranteed -= f.guaranteed[i];
    f.debt[i] = 0;
    f.guaranteed[i] = 0;
  }
  // public lenders: the firm's cash repays what it can; the rest is a loss booked as the
  // instrument's spending
  const pd = f.policyDebt[i];
  if (pd > 0) {
    const loss = repayPublicLoan(w, i, pd, POLICY_BANK);
    if (loss > 1e-12) defaulted = true;
    w.spend.policyBank += loss;
    w.programmes.policyBank.loans -= pd;
    f.policyDebt[i] = 0;
  }
  const rd = f.revolvingDebt[i];
  if (rd > 0) {
    w.spend.revolvingFund += repayPublicLoan(w, i, rd, REVOLVING_FUND);
    w.programmes.revolvingFund.loans -= rd;
    f.revolvingDebt[i] = 0;
  }
  const bd = f.bridgeDebt[i];
  if (bd > 0) {
    w.spend.bridgeFinancing += repayPublicLoan(w, i, bd, BRIDGE_FUND);
    w.programmes.bridgeFund.loans -= bd;
    f.bridgeDebt[i] = 0;
  }
  if (defaulted) w.tally[METRIC.defaults]++;
  // owners get the rest; unpaid bills are written off
  const c = f.cash[i];
  if (c > 0) transfer(L, -1 - i, EXTERNAL, c);
  else if (c < 0) transfer(L, EXTERNAL, -1 - i, -c);
  removeFirm(w, i, cause);
}

/**
 * A lead firm absorbs firm i (ODD §7.6): it takes over the firm's cash and assets and repays its
 * debts (injecting cash where the firm's own falls short); its technology is kept if better.
 */
export function acquireFirm(w: World, i: number, lead: number): void {
  const f = w.firms;
  const L = w.ledger;
  settleTrade(w, i);
  const debts = f.debt[i] + f.policyDebt[i] + f.revolvingDebt[i] + f.bridgeDebt[i];
  if (f.cash[i] < debts) {
    const gap = debts - f.cash[i];
    transfer(L, -1 - lead, -1 - i, gap);
    f.netWorth[lead] -= gap;
  }
  if (f.debt[i] > 0) {
    const bank = w.banks[f.bank[i]];
    transfer(L, -1 - i, bank.account, f.debt[i]);
    bank.loans -= f.debt[i];
    w.programmes.guaranteeFund.guaranteed -= f.guaranteed[i];
  }
  transfer(L, -1 - i, POLICY_BANK, f.policyDebt[i]);
  w.programmes.policyBank.loans -= f.policyDebt[i];
  transfer(L, -1 - i, REVOLVING_FUND, f.revolvingDebt[i]);
  w.programmes.revolvingFund.loans -= f.revolvingDebt[i];
  transfer(L, -1 - i, BRIDGE_FUND, f.bridgeDebt[i]);
  w.programmes.bridgeFund.loans -= f.bridgeDebt[i];
  f.debt[i] = 0;
  f.guaranteed[i] = 0;
  f.policyDebt[i] = 0;
  f.revolvingDebt[i] = 0;
  f.bridgeDebt[i] = 0;
  const cash = f.cash[i];
  transfer(L, -1 - i, -1 - lead, cash);
  f.capital[lead] += f.capital[i];
  f.knowledge[lead] += f.knowledge[i];
  f.netWorth[lead] += cash + f.capital[i] + f.knowledge[i];
  if (f.logProductivity[i] > f.logProductivity[lead]) setLogProductivity(f, lead, f.logProductivity[i]);
  if (f.logQuality[i] > f.logQuality[lead]) f.logQuality[lead] = f.logQuality[i];
  f.capital[i] = 0;
  f.knowledge[i] = 0;
  removeFirm(w, i, CAUSE_ACQUIRED);
}

/** Take a settled firm off the market: metrics, talent back to the pool, VC write-off, records. */
function removeFirm(w: World, i: number, cause: number): void {
  const f = w.firms;
  w.tally[METRIC.exits]++;
  if (cause === CAUSE_CASH) w.tally[METRIC.exitsCash]++;
  else if (cause === CAUSE_INSOLVENT) w.tally[METRIC.exitsInsolvent]++;
  else if (cause === CAUSE_SHARE) w.tally[METRIC.exitsShare]++;
  w.macro.talentPool += f.rdStaff[i];
  if (f.vcFund[i] >= 0 && cause !== CAUSE_ACQUIRED) {
    w.tally[METRIC.vcWriteOffs]++;
    w.vcFunds[f.vcFund[i]].score -= 1;
  }
  f.flags[i] &= ~FLAG_ROUND_DELAYED & 0xff;
  w.onFirmGone?.(i, w.tick, cause);
  if (f.kind[i] === KIND_LEAD) {
    const k = w.leads.indexOf(i);
    if (k >= 0) w.leads.splice(k, 1);
  }
  f.share[i] = 0;
  f.release(i);
}

/**
 * Banks' bad debt (moving average of losses per unit of loans, K+S finance) and resolution: a bank
 * whose equity turns negative is recapitalised by the government to half its initial equity.
 */
export function bankResolution(w: World): void {
  for (const bank of w.banks) {
    const ratio = bank.loans > 0 ? bank.lossThisTick / bank.loans : 0;
    bank.badDebt = 0.75 * bank.badDebt + 0.25 * ratio;
    const equity = w.ledger.balance[bank.account] + bank.loans;
    if (equity < 0) transfer(w.ledger, GOVERNMENT, bank.account, 0.5 * bank.initialEquity - equity);
  }
}

/** A liquidated firm repays a public lender from its cash; returns the unpaid part (the loss). */
function repayPublicLoan(w: World, i: number, debt: number, lender: number): number {
  const repaid = Math.min(Math.max(0, w.firms.cash[i]), debt);
  transfer(w.ledger, -1 - i, lender, repaid);
  return debt - repaid;
}
