import { KIND_SME } from "../firms.js";
import { POLICY_BANK, transfer } from "../ledger.js";
import { isAware, markSupported } from "../queries.js";
import type { World } from "../world.js";

/**
 * Policy-bank loan (ODD §7.22), in the credit phase after the banks: an eligible, aware SME
 * (an R&D performer if rdOnly) rationed by its bank borrows the rest of its need at the bank
 * rate minus rateDiscount, within the policy bank's capacity. Returns the amount lent.
 */
export function policyBankLoan(w: World, i: number, need: number, bankRate: number): number {
  const b = w.p.instruments.policyBank;
  const f = w.firms;
  if (!b.enabled || need <= 0 || f.kind[i] !== KIND_SME || f.employees[i] > b.maxEmployees) return 0;
  if (b.rdOnly && f.performer[i] === 0) return 0;
  if (!isAware(w, i)) return 0;
  const loan = Math.min(need, Math.max(0, b.capacityPerSme * w.p.firms - w.programmes.policyBank.loans));
  if (loan <= 0) return 0;
  const rate = Math.max(0, bankRate - b.rateDiscount);
  const d = f.policyDebt[i];
  f.policyRate[i] = (f.policyRate[i] * d + rate * loan) / (d + loan);
  transfer(w.ledger, POLICY_BANK, -1 - i, loan);
  f.policyDebt[i] = d + loan;
  f.policyBorrowing[i] += loan;
  w.programmes.policyBank.loans += loan;
  markSupported(w, i);
  return loan;
}

/** Interest and amortisation of firm i's policy loan; the interest subsidy is the cost booked. */
export function policyBankService(w: World, i: number, loanQuarters: number): number {
  const f = w.firms;
  const d = f.policyDebt[i];
  if (d <= 0) return 0;
  const interest = f.policyRate[i] * d;
  const principal = Math.min(d, d / loanQuarters + 1e-9);
  transfer(w.ledger, -1 - i, POLICY_BANK, interest + principal);
  f.netWorth[i] -= interest;
  f.profit[i] -= interest;
  f.policyDebt[i] = d - principal;
  w.programmes.policyBank.loans -= principal;
  w.spend.policyBank += w.p.instruments.policyBank.rateDiscount * d;
  return interest;
}
