import { SITE_CREDIT } from "../draws.js";
import { FLAG_SUPPORTED, KIND_SME } from "../firms.js";
import { bridgeInterest } from "../instruments/bridgeFinancing.js";
import { tierCreditBoost, tierSpreadCut } from "../instruments/certification.js";
import {
  guaranteedCeiling,
  guaranteeEligible,
  guaranteeFee,
  guaranteeHeadroom,
} from "../instruments/loanGuarantee.js";
import { policyBankLoan, policyBankService } from "../instruments/policyBank.js";
import { revolvingFundService } from "../instruments/revolvingFund.js";
import { transfer } from "../ledger.js";
import { METRIC, sampleQuantiles } from "../queries.js";
import type { World } from "../world.js";

const QUARTILES = [0.25, 0.5, 0.75];
let headroom = new Float64Array(8);
const classRate = new Float64Array(4);

/**
 * Phase 8, finance (ODD §7.5). Every firm services its debts (bank loans: interest and equal
 * instalments over loanQuarters; guarantee fees; policy-bank, revolving-fund and bridge loans).
 * A firm whose cash is negative then borrows along the pecking order: its bank (credit ceiling,
 * credit class, screening, the bank's capital), with a guarantee when eligible, then the policy
 * bank. VC and bridge money come in the venture phase.
 */
export function finance(w: World): void {
  const f = w.firms;
  const p = w.p;
  const c = p.credit;
  const hi = f.hi;
  const { alive, kind, nwOverSales, cash, debt, policyDebt, revolvingDebt, bridgeDebt } = f;
  // nwOverSales holds each SME's NW/sales, and w.creditSample a coordinated sample of them, both
  // written by the sales pass of `demand`
  const bounds = w.macro.classBounds;
  const sampled = w.macro.creditSampleSize;
  if (sampled > 0) sampleQuantiles(w.creditSample, sampled, QUARTILES, bounds);
  else bounds.fill(0);
  if (headroom.length < w.banks.length) headroom = new Float64Array(w.banks.length * 2);
  for (let b = 0; b < w.banks.length; b++) {
    const bank = w.banks[b];
    const equity = w.ledger.balance[bank.account] + bank.loans;
    headroom[b] = bankCreditSupply(equity, c.capitalRatio, c.badDebtSensitivity, bank.badDebt) - bank.loans;
  }
  let smeDebt = 0;
  let smeInterest = 0;
  let rationed = 0;
  let askers = 0;
  let newLoans = 0;
  let smeNewLoans = 0;
  let smallSmeNewLoans = 0; // to SMEs within the guarantees' size standard (ODD §5)
  const sizeStandard = p.instruments.loanGuarantee.maxEmployees;
  const employees = f.employees;
  let rateVolume = 0;
  const tally = w.tally;
  for (let k = 0; k < 4; k++) classRate[k] = loanRateOfClass(w, k);
  const certOn = p.instruments.certification.enabled;
  const loanQuarters = c.loanQuarters;
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    const sme = kind[i] === KIND_SME;
    const cls = sme ? creditClass(nwOverSales[i], bounds) : 0;
    const bankRate = certOn ? classRate[cls] - tierSpreadCut(w, i) : classRate[cls];
    const interest = debt[i] > 0 ? bankDebtService(w, i, loanQuarters) : 0;
    if (sme) {
      smeDebt += debt[i] + policyDebt[i];
      smeInterest += interest + (policyDebt[i] > 0 ? policyBankService(w, i, loanQuarters) : 0);
    } else if (policyDebt[i] > 0) policyBankService(w, i, loanQuarters);
    if (revolvingDebt[i] > 0) revolvingFundService(w, i, bankRate);
    if (bridgeDebt[i] > 0) bridgeInterest(w, i, bankRate);
    let need = -cash[i];
    if (need <= 0) continue;
    askers++;
    bankLoan(w, i, need, cls, bankRate);
    const loan = lent[0];
    if (loan > 0) {
      newLoans += loan;
      rateVolume += loan * bankRate;
      if (sme) {
        smeNewLoans += loan;
        if (employees[i] <= sizeStandard) smallSmeNewLoans += loan;
      }
    }
    need -= loan;
    if (need > 1e-12) {
      rationed++;
      need -= policyBankLoan(w, i, need, bankRate);
    }
  }
  w.macro.rationedShare = askers > 0 ? rationed / Math.max(askers, 1) : 0;
  tally[METRIC.newLoans] = newLoans;
  tally[METRIC.smeNewLoans] = smeNewLoans;
  tally[METRIC.smallSmeNewLoans] = smallSmeNewLoans;
  tally[METRIC.loanRate] = newLoans > 0 ? rateVolume / newLoans : loanRateOfClass(w, 0);
  tally[METRIC.creditRationed] = rationed;
  tally[METRIC.loanRatePaid] = smeDebt > 0 ? smeInterest / smeDebt : 0;
}

/** Bank credit supply (finance K+S): NW_b / (τ_b · (1 + β_b · bad debt)). */
export function bankCreditSupply(
  equity: number,
  capitalRatio: number,
  sensitivity: number,
  badDebt: number,
): number {
  return Math.max(0, equity) / (capitalRatio * (1 + sensitivity * badDebt));
}

/** Credit class by quartile of NW/sales: 0 (top quartile) … 3 (bottom quartile, or no sales). */
export function creditClass(ratio: number, bounds: Float64Array): number {
  if (Number.isNaN(ratio)) return 3;
  if (ratio >= bounds[2]) return 0;
  if (ratio >= bounds[1]) return 1;
  if (ratio >= bounds[0]) return 2;
  return 3;
}

/** Loan rate of a credit class: r + baseSpread + class · spreadStep. */
export function loanRateOfClass(w: World, cls: number): number {
  const c = w.p.credit;
  return w.p.world.interestRate + c.baseSpread + cls * c.spreadStep;
}

/**
 * Credit ceiling (K+S, with intangibles haircut): Λ · max(NW − h · knowledge, S − W), raised by the
 * certification tier's credit boost.
 */
export function creditCeiling(w: World, i: number): number {
  const f = w.firms;
  const c = w.p.credit;
  return ceilingOf(
    c.creditMultiplier,
    c.intangibleHaircut,
    f.netWorth[i],
    f.knowledge[i],
    f.sales[i],
    f.productionCost[i],
    tierCreditBoost(w, i),
  );
}

/** The credit ceiling from its terms: Λ · max(0, NW − h·K, S − W) · (1 + boost). */
export function ceilingOf(
  multiplier: number,
  haircut: number,
  netWorth: number,
  knowledge: number,
  sales: number,
  productionCost: number,
  boost: number,
): number {
  const score = Math.max(netWorth - haircut * knowledge, sales - productionCost);
  return multiplier * Math.max(0, score) * (1 + boost);
}

/**
 * Interest and amortisation (over `loanQuarters`, the credit parameter, passed in so the pass reads
 * it once) of firm i's bank loan, and the guarantee fee; returns the interest.
 */
export function bankDebtService(w: World, i: number, loanQuarters: number): number {
  const f = w.firms;
  const d = f.debt[i];
  if (d <= 0) return 0;
  const bank = w.banks[f.bank[i]];
  const interest = f.loanRate[i] * d;
  const principal = Math.min(d, d / loanQuarters + 1e-9);
  if (f.guaranteed[i] > 0) guaranteeFee(w, i);
  transfer(w.ledger, -1 - i, bank.account, interest + principal);
  f.netWorth[i] -= interest;
  f.profit[i] -= interest;
  const g = f.guaranteed[i] * (principal / d);
  if (g !== 0) {
    f.guaranteed[i] -= g;
    w.programmes.guaranteeFund.guaranteed -= g;
  }
  f.debt[i] = d - principal;
  bank.loans -= principal;
  return interest;
}

/**
 * What `bankLoan` lent, for its caller: it returns nothing because the optimiser does not inline
 * it (too large), and a floating-point value returned from a call that is not inlined is boxed,
 * 16 bytes of garbage per borrower and quarter.
 */
export const lent = new Float64Array(1);

/**
 * Bank loan (ODD §7.5): the bank lends up to the credit ceiling, within its capital (headroom),
 * and refuses a firm of the worst class whose tangible net worth does not cover the loan with
 * probability screeningRejection. An eligible SME that
 * hits the ceiling or the refusal gets a guaranteed loan: a higher ceiling, laxer screening
 * (screeningLoss), within the fund's leverage. The amount lent is left in `lent[0]`.
 */
export function bankLoan(w: World, i: number, need: number, cls: number, rate: number): void {
  const f = w.firms;
  const c = w.p.credit;
  const b = f.bank[i];
  const ceiling = creditCeiling(w, i);
  const tangible = f.netWorth[i] - c.intangibleHaircut * f.knowledge[i];
  // the firm's credit stream: k = 0 the bank's screening, k = 1 the guarantor's (which only a
  // refused firm meets), drawn only when they can decide something (a draw's value depends on its
  // k, not on whether another was drawn)
  let refused = false;
  let uGuarantor = 0;
  if (cls === 3 && tangible < need) {
    w.rng.at(f.uid[i], SITE_CREDIT);
    refused = w.rng.uniform() < c.screeningRejection;
    if (refused) uGuarantor = w.rng.uniform();
  }
  let loan = refused ? 0 : Math.min(need, Math.max(0, ceiling - f.debt[i]));
  let guaranteed = 0;
  if (loan < need && guaranteeEligible(w, i)) {
    const g = w.p.instruments.loanGuarantee;
    const refusedG = refused && uGuarantor >= g.screeningLoss;
    if (!refusedG) {
      const room = Math.max(0, guaranteedCeiling(w, ceiling) - f.debt[i] - loan);
      guaranteed = Math.min(need - loan, room, guaranteeHeadroom(w));
      loan += guaranteed;
    }
  }
  loan = Math.min(loan, Math.max(0, headroom[b]));
  guaranteed = Math.min(guaranteed, loan);
  lent[0] = Math.max(0, loan);
  if (loan <= 0) return;
  headroom[b] -= loan;
  const bank = w.banks[b];
  const d = f.debt[i];
  f.loanRate[i] = (f.loanRate[i] * d + rate * loan) / (d + loan);
  transfer(w.ledger, bank.account, -1 - i, loan);
  f.debt[i] = d + loan;
  bank.loans += loan;
  if (guaranteed > 0) {
    f.guaranteed[i] += guaranteed;
    f.guaranteedBorrowing[i] += guaranteed;
    w.programmes.guaranteeFund.guaranteed += guaranteed;
    w.programmes.guaranteeFund.issued += guaranteed;
    f.flags[i] |= FLAG_SUPPORTED;
  }
}
