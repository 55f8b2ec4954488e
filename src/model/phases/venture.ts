import {
  SITE_DEAL_SCREEN,
  SITE_VC_ACQUISITION,
  SITE_VC_IPO,
  SITE_VC_RAISE,
  SITE_VC_ROUND,
  SITE_VC_SIGNAL,
} from "../draws.js";
import { FLAG_GRANT_WINNER, FLAG_INNOVATED, FLAG_ROUND_DELAYED, FLAG_VC_EVER, KIND_SME } from "../firms.js";
import { openVcFund } from "../institutions.js";
import { bridgeLoan, bridgeRepay } from "../instruments/bridgeFinancing.js";
import { tierVcSignal } from "../instruments/certification.js";
import { guidanceThresholdCut } from "../instruments/guidanceFund.js";
import { capitalGainsTaxForgone, vcCommitmentFactor } from "../instruments/vcExitPolicy.js";
import { EXTERNAL, firmEquityIn, GOVERNMENT, transfer } from "../ledger.js";
import { countLiveSmes, METRIC } from "../queries.js";
import type { VcFund, World } from "../world.js";
import { acquireFirm } from "./exit.js";

/**
 * Phase 9, venture capital (ODD §7.6): funds are raised (yearly) and wound up; backed firms get
 * follow-on rounds when they meet their milestone (an innovation), possibly late (the bridge gap,
 * which bridge financing fills); funds exit by IPO when the exit window is open, or a lead firm
 * acquires the firm; then each fund screens its deal flow for seed deals.
 */
export function venture(w: World): void {
  raiseVcFunds(w);
  const f = w.firms;
  const v = w.p.vc;
  const t = w.tick;
  // no firm is founded in this pass, so the columns and `hi` stay put: read them once
  const { alive, vcFund, hi } = f;
  for (let i = 0; i < hi; i++) {
    if (!alive[i] || vcFund[i] < 0) continue;
    const fund = w.vcFunds[f.vcFund[i]];
    if (!fund.active) {
      f.vcFund[i] = -1;
      continue;
    }
    if (f.vcNext[i] >= 0 && t >= f.vcNext[i]) followOnRound(w, i, fund);
    w.rng.at(f.uid[i], SITE_VC_IPO);
    if (f.sales[i] >= v.ipoSalesThreshold && w.rng.uniform() < w.macro.exitOpenness) {
      vcExitIpo(w, i, fund);
      continue;
    }
    w.rng.at(f.uid[i], SITE_VC_ACQUISITION);
    if ((f.flags[i] & FLAG_INNOVATED) !== 0 && w.leads.length > 0 && w.rng.uniform() < v.acquisitionRate) {
      vcExitAcquisition(w, i, fund);
      continue;
    }
    // waiting for a round: due later, or late and closing at the end of this quarter (vcNext = t)
    if (f.vcNext[i] >= t && f.cash[i] < 0) bridgeLoan(w, i);
  }
  vcDealFlow(w);
  let active = 0;
  for (const fund of w.vcFunds) if (fund.active) active++;
  w.tally[METRIC.vcFunds] = active;
  w.tally[METRIC.bridgeLoans] = w.programmes.bridgeFund.loans;
}

/**
 * The most new private funds a year in expectation (ODD §7.6): the upper bound of
 * `vc.newFundsPerYear`. The commitment response (R/R0)^elasticity saturates there: at the bounds of
 * the return's parameters and of the elasticity it would reach 30^10 ≈ 6·10^14 funds a year (the
 * elasticity is estimated on changes of the return far smaller, Gompers & Lerner 1998).
 */
export const MAX_NEW_FUNDS_PER_YEAR = 100;

/**
 * Fund raising (ODD §7.6), every fourth quarter: Poisson(min(MAX_NEW_FUNDS_PER_YEAR,
 * newFundsPerYear · (R/R0)^elasticity)) new private funds of fundSize (R: after-tax exit return).
 * Funds past their life are wound up: their money goes back to the private and public limited
 * partners pro rata.
 */
export function raiseVcFunds(w: World): void {
  const t = w.tick;
  for (const fund of w.vcFunds) {
    if (!fund.active || t < fund.end) continue;
    fund.active = false;
    const cash = w.ledger.balance[fund.account];
    if (cash !== 0) {
      transfer(w.ledger, fund.account, EXTERNAL, fund.privateShare * cash);
      transfer(w.ledger, fund.account, GOVERNMENT, (1 - fund.privateShare) * cash);
    }
  }
  if (t === 0 || t % 4 !== 0) return;
  w.rng.at(0, SITE_VC_RAISE);
  const n = w.rng.poisson(Math.min(MAX_NEW_FUNDS_PER_YEAR, w.p.vc.newFundsPerYear * vcCommitmentFactor(w)));
  for (let k = 0; k < n; k++) openVcFund(w, false, w.p.vc.fundSize, 0, t);
  w.tally[METRIC.vcFundsRaised] += n;
}

/**
 * Deal flow and screening (ODD §7.6), by coordinated sampling keyed on the firm: each eligible SME
 * (a young R&D performer never backed before) draws one uniform u from its own stream this quarter;
 * with F funds in their investment period (in fund order) and N live SMEs, fund r screens the firm
 * when u ∈ [r·p, (r+1)·p), p = dealFlowPerFund / N. So each fund screens dealFlowPerFund live SMEs
 * a quarter in expectation (as many eligible ones as a random sample of that size holds), a firm
 * meets at most one fund a quarter, and whether a given firm is screened depends on its own draw,
 * not on which slot it holds: an instrument that changes entry or exit elsewhere leaves the deal
 * flow of the other firms as it was. The firm is funded with a seed round if the fund still has the
 * money and its noisy signal of the firm's potential passes the deal threshold (lower for guidance
 * sub-funds). Grant winners and certified firms give a clearer signal.
 */
export function vcDealFlow(w: World): void {
  const f = w.firms;
  const v = w.p.vc;
  const investing: number[] = []; // the funds in their investment period (a few), in fund order
  for (let k = 0; k < w.vcFunds.length; k++) {
    const fund = w.vcFunds[k];
    if (fund.active && w.tick < fund.investUntil) investing.push(k);
  }
  const nFunds = investing.length;
  if (nFunds === 0 || v.dealFlowPerFund <= 0) return;
  const n = countLiveSmes(w);
  if (n === 0) return;
  const p = v.dealFlowPerFund / n;
  const t = w.tick;
  const { alive, kind, performer, flags, entryTick, uid, hi } = f;
  const key = w.rng.key(SITE_DEAL_SCREEN);
  for (let i = 0; i < hi; i++) {
    if (!alive[i] || kind[i] !== KIND_SME || performer[i] === 0 || (flags[i] & FLAG_VC_EVER) !== 0) continue;
    if (t - entryTick[i] >= v.youngAgeQuarters) continue;
    const r = Math.floor(w.rng.pickUniform(uid[i], key) / p);
    if (r >= nFunds) continue;
    const k = investing[r];
    const fund = w.vcFunds[k];
    if (w.ledger.balance[fund.account] < v.seedRound) continue;
    const signal = vcSignal(w, i);
    if (signal < v.dealThreshold - guidanceThresholdCut(w, fund)) continue;
    f.vcFund[i] = k;
    f.vcRound[i] = 0;
    f.flags[i] |= FLAG_VC_EVER;
    vcRound(w, i, fund, v.seedRound);
  }
}

/** The fund's noisy signal of firm i's potential: potential + noise · Z, noise lower for signals. */
export function vcSignal(w: World, i: number): number {
  const v = w.p.vc;
  const f = w.firms;
  const grant = (f.flags[i] & FLAG_GRANT_WINNER) !== 0 ? v.grantSignal : 0;
  const noise = Math.max(0.05, v.screeningNoise - grant - tierVcSignal(w, i));
  w.rng.at(f.uid[i], SITE_VC_SIGNAL);
  return f.potential[i] + noise * w.rng.normal();
}

/** Invest a round of `size` in firm i (equity in), schedule the next one, repay any bridge. */
function vcRound(w: World, i: number, fund: VcFund, size: number): void {
  const f = w.firms;
  firmEquityIn(w.ledger, i, fund.account, size);
  fund.invested += size;
  f.vcInvested[i] += size;
  f.vcRound[i]++;
  f.vcNext[i] = f.vcRound[i] < w.p.vc.maxRounds ? w.tick + w.p.vc.roundIntervalQuarters : -1;
  f.flags[i] &= ~(FLAG_INNOVATED | FLAG_ROUND_DELAYED) & 0xff;
  bridgeRepay(w, i);
  w.tally[METRIC.vcDeals]++;
  w.tally[METRIC.vcInvested] += size;
}

/**
 * Follow-on round (ODD §7.6): due every roundIntervalQuarters if the milestone (an innovation since
 * the last round) is met; with probability roundDelayProbability it arrives 1–2 quarters late
 * (once); a missed milestone or an empty fund ends the fund's support. A round on time closes here;
 * a late round closes at the end of the quarter it arrives in (`closeLateRounds`, after the exit
 * rule): the firm went through that quarter without the money, so a round d quarters late leaves it
 * short at d quarter-ends, not d − 1.
 */
export function followOnRound(w: World, i: number, fund: VcFund): void {
  const f = w.firms;
  const v = w.p.vc;
  if ((f.flags[i] & FLAG_INNOVATED) === 0) {
    endSupport(w, i);
    return;
  }
  w.rng.at(f.uid[i], SITE_VC_ROUND);
  if ((f.flags[i] & FLAG_ROUND_DELAYED) === 0 && w.rng.uniform() < v.roundDelayProbability) {
    f.flags[i] |= FLAG_ROUND_DELAYED;
    f.vcNext[i] = w.tick + 1 + w.rng.int(2);
    return;
  }
  const size = roundSize(v.seedRound, v.roundGrowth, f.vcRound[i]);
  if (w.tick >= fund.investUntil + 8 || w.ledger.balance[fund.account] < size) {
    endSupport(w, i);
    return;
  }
  if ((f.flags[i] & FLAG_ROUND_DELAYED) !== 0) {
    w.lateRounds.push(i); // vcNext stays t: still waiting (bridge) until the quarter's end
    return;
  }
  fund.score += 1;
  vcRound(w, i, fund, size);
}

/**
 * Late rounds close (ODD §7.6, §3 phase 12b): after the quarter's shortfall has been counted and
 * the exit rule applied, each late round decided in this quarter's venture phase closes for a firm
 * that is still there and still backed (not floated or sold meanwhile), if its fund still holds the
 * round; the round repays any bridge.
 */
export function closeLateRounds(w: World): void {
  const list = w.lateRounds;
  const f = w.firms;
  const t = w.tick;
  for (let k = 0; k < list.length; k++) {
    const i = list[k];
    if (!f.alive[i] || f.vcFund[i] < 0 || f.vcNext[i] !== t) continue;
    const fund = w.vcFunds[f.vcFund[i]];
    const size = roundSize(w.p.vc.seedRound, w.p.vc.roundGrowth, f.vcRound[i]);
    if (w.ledger.balance[fund.account] < size) {
      endSupport(w, i);
      continue;
    }
    fund.score += 1;
    vcRound(w, i, fund, size);
  }
  list.length = 0;
}

/** Size of the round after `rounds` earlier ones: seedRound · roundGrowth^rounds. */
export function roundSize(seedRound: number, roundGrowth: number, rounds: number): number {
  return seedRound * roundGrowth ** rounds;
}

/** The fund ends its support of firm i: no next round planned (a late round is cancelled too). */
function endSupport(w: World, i: number): void {
  w.firms.vcNext[i] = -1;
  w.firms.flags[i] &= ~FLAG_ROUND_DELAYED & 0xff;
}

/**
 * Burn rate of a VC-backed firm (ODD §7.6): after its r-th round (size seedRound·roundGrowth^(r−1))
 * it spends the round over the runway, b = seedRound·roundGrowth^(r−1)/runwayQuarters a quarter,
 * on R&D staff on top of its own R&D budget, for as long as a next round is planned (also while
 * that round is late): the team is committed, so it is paid even when the firm's cash runs out.
 * runwayQuarters = 0: no burn (the round is held as cash); the default is 6, the round interval.
 */
export function vcBurn(
  rounds: number,
  seedRound: number,
  roundGrowth: number,
  runwayQuarters: number,
): number {
  return rounds > 0 && runwayQuarters > 0
    ? roundSize(seedRound, roundGrowth, rounds - 1) / runwayQuarters
    : 0;
}

/** The fund's stake after r rounds: 1 − (1 − dilutionPerRound)^r. */
export function vcStake(dilution: number, rounds: number): number {
  return 1 - (1 - dilution) ** rounds;
}

/** Exit value of firm i: valuationMultiple × annual sales. */
export function exitValue(w: World, i: number): number {
  return w.p.vc.valuationMultiple * 4 * Math.max(0, w.firms.sales[i]);
}

/** Capital-gains tax on an exit (fund → government) and the tax forgone under the exit policy. */
function taxExitGain(w: World, fund: VcFund, gain: number): void {
  if (gain <= 0) return;
  const tax = w.macro.capitalGainsTax * gain;
  transfer(w.ledger, fund.account, GOVERNMENT, tax);
  w.tally[METRIC.taxRevenue] += tax;
  capitalGainsTaxForgone(w, gain);
}

/** IPO exit: public-market buyers (external) pay the fund its stake of the exit value. */
export function vcExitIpo(w: World, i: number, fund: VcFund): void {
  const f = w.firms;
  const proceeds = vcStake(w.p.vc.dilutionPerRound, f.vcRound[i]) * exitValue(w, i);
  transfer(w.ledger, EXTERNAL, fund.account, proceeds);
  taxExitGain(w, fund, proceeds - f.vcInvested[i]);
  fund.score += 3;
  f.vcFund[i] = -1;
  f.vcNext[i] = -1;
  w.tally[METRIC.vcExitsIpo]++;
}

/** Acquisition exit: a random lead firm buys the whole firm (the fund gets its stake) and absorbs it. */
export function vcExitAcquisition(w: World, i: number, fund: VcFund): void {
  const f = w.firms;
  const lead = w.leads[w.rng.int(w.leads.length)];
  const value = exitValue(w, i);
  const proceeds = vcStake(w.p.vc.dilutionPerRound, f.vcRound[i]) * value;
  transfer(w.ledger, -1 - lead, fund.account, proceeds);
  transfer(w.ledger, -1 - lead, EXTERNAL, value - proceeds);
  f.netWorth[lead] -= value;
  taxExitGain(w, fund, proceeds - f.vcInvested[i]);
  fund.score += 3;
  w.tally[METRIC.vcExitsAcquisition]++;
  acquireFirm(w, i, lead);
}
