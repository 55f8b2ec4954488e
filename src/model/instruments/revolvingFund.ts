import { KIND_SME } from "../firms.js";
import { firmEarn, REVOLVING_FUND, transfer } from "../ledger.js";
import { isAware, METRIC, markSupported } from "../queries.js";
import type { World } from "../world.js";

/**
 * Revolving-fund project (ODD §7.13), at the R&D phase: an eligible, aware R&D performer without a
 * running fund loan gets a project of projectSalesShare × its sales, grantShare as a grant and the
 * rest as a loan at loanRate, if the fund has the money. Returns the project's R&D money.
 */
export function revolvingFundProject(w: World, i: number): number {
  const r = w.p.instruments.revolvingFund;
  const f = w.firms;
  if (!r.enabled || f.kind[i] !== KIND_SME || f.performer[i] === 0 || f.revolvingDebt[i] > 0) return 0;
  if (f.employees[i] > r.maxEmployees || !isAware(w, i)) return 0;
  const project = r.projectSalesShare * f.sales[i];
  if (project <= 0 || w.ledger.balance[REVOLVING_FUND] < project) return 0;
  const grant = r.grantShare * project;
  const loan = project - grant;
  firmEarn(w.ledger, i, REVOLVING_FUND, grant);
  transfer(w.ledger, REVOLVING_FUND, -1 - i, loan);
  f.revolvingDebt[i] += loan;
  f.revolvingEnd[i] = w.tick + r.loanQuarters;
  w.programmes.revolvingFund.loans += loan;
  f.grantsReceived[i] += grant;
  w.spend.revolvingFund += grant;
  w.tally[METRIC.rdPublic] += grant;
  markSupported(w, i);
  return project;
}

/**
 * Service of a revolving-fund loan (ODD §7.13): interest at loanRate and equal principal
 * instalments over the loanQuarters after the loan's quarter, back into the fund, so the loan is
 * repaid in full and the firm can apply again; the interest subsidy against the bank rate
 * `marketRate` is booked as the instrument's cost.
 */
export function revolvingFundService(w: World, i: number, marketRate: number): void {
  const f = w.firms;
  const d = f.revolvingDebt[i];
  if (d <= 0) return;
  const r = w.p.instruments.revolvingFund;
  const interest = r.loanRate * d;
  const principal = revolvingInstalment(d, f.revolvingEnd[i] - w.tick, r.loanQuarters);
  transfer(w.ledger, -1 - i, REVOLVING_FUND, interest + principal);
  f.netWorth[i] -= interest;
  f.profit[i] -= interest;
  f.revolvingDebt[i] = d - principal;
  w.programmes.revolvingFund.loans -= principal;
  w.spend.revolvingFund += Math.max(0, marketRate - r.loanRate) * d;
}

/**
 * Principal instalment of a revolving-fund loan with `left` instalments after this one (ODD §7.13):
 * none in the quarter the loan is made, then d/(left + 1), i.e. equal instalments of the original
 * loan, the last one (left = 0) clearing the debt.
 */
export function revolvingInstalment(debt: number, left: number, loanQuarters: number): number {
  if (left >= loanQuarters) return 0;
  return left <= 0 ? debt : debt / (left + 1);
}
