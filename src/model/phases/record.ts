import { EMP_LAGS, type Firms, FLAG_SUPPORTED, KIND_SME } from "../firms.js";
import { GOVERNMENT } from "../ledger.js";
import { INSTRUMENT_NAMES } from "../params.js";
import { governmentNetPosition } from "../publicAccounts.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/** Slots of `World.recordSums`: the per-firm sums behind the stock metrics. */
export const FIRMS = 0;
export const SMES = 1;
export const STARTUPS = 2;
export const TIER1 = 3;
export const TIER2 = 4;
export const TIER3 = 5;
export const EMP_A = 6;
export const EMP = 7;
export const FRONTIER = 8;
export const SHARE_LOG_Q = 9;
export const SHARE = 10;
export const RD = 11;
export const PATENTS = 12;
export const SUPPORTED = 13;
export const SME_NET_WORTH = 14;
export const SME_EMP_A = 15;
export const SME_EMP = 16;
export const SME_RD = 17;
export const RECORD_SUMS = 18;

/**
 * Phase 14, record (ODD §5), per firm: add firm i to the tick's sums (stock metrics, the means the
 * next tick uses) and store its lagged employment for the firm records. Called for the start-ups of
 * the tick from `record`; the pass of `settle` does the same for the firms that stay, written out
 * there (keep the two in step).
 */
export function recordFirm(acc: Float64Array, f: Firms, i: number, tick: number): void {
  const e = f.employees[i];
  const a = f.productivity[i];
  const s = f.share[i];
  f.employeesLag[i * EMP_LAGS + (tick % EMP_LAGS)] = e;
  acc[FIRMS]++;
  acc[EMP_A] += e * a;
  acc[EMP] += e;
  if (a > acc[FRONTIER]) acc[FRONTIER] = a;
  acc[SHARE_LOG_Q] += s * f.logQuality[i];
  acc[SHARE] += s;
  acc[RD] += f.rdSpend[i];
  acc[PATENTS] += f.patentStock[i];
  if (f.kind[i] === KIND_SME) {
    acc[SMES]++;
    if (tick - f.entryTick[i] < 20) acc[STARTUPS]++;
    const tier = f.tier[i];
    if (tier === 1) acc[TIER1]++;
    else if (tier === 2) acc[TIER2]++;
    else if (tier === 3) acc[TIER3]++;
    if ((f.flags[i] & FLAG_SUPPORTED) !== 0) acc[SUPPORTED]++;
    acc[SME_NET_WORTH] += f.netWorth[i];
    acc[SME_EMP_A] += e * a;
    acc[SME_EMP] += e;
    acc[SME_RD] += f.rdSpend[i];
  }
}

/**
 * Phase 14, record (ODD §5): the start-ups of the tick join the sums that `settle` collected over
 * the firms that stayed; then the stock metrics, the means the next tick uses (productivity,
 * quality) and the books' residual.
 */
export function record(w: World): void {
  const f = w.firms;
  const t = w.tally;
  const acc = w.recordSums;
  const entrants = w.entrants;
  for (let k = 0; k < entrants.length; k++) recordFirm(acc, f, entrants[k], w.tick);
  const m = w.macro;
  if (acc[EMP] > 0) m.meanProductivity = acc[EMP_A] / acc[EMP];
  if (acc[SHARE] > 0) m.meanQuality = Math.exp(acc[SHARE_LOG_Q] / acc[SHARE]);
  m.patentsInForce = acc[PATENTS];
  m.smes = acc[SMES];
  t[METRIC.firms] = acc[FIRMS];
  t[METRIC.smes] = acc[SMES];
  t[METRIC.startups] = acc[STARTUPS];
  t[METRIC.tier1] = acc[TIER1];
  t[METRIC.tier2] = acc[TIER2];
  t[METRIC.tier3] = acc[TIER3];
  t[METRIC.productivityMean] = m.meanProductivity;
  t[METRIC.productivityFrontier] = acc[FRONTIER];
  t[METRIC.smeProductivityMean] = acc[SME_EMP] > 0 ? acc[SME_EMP_A] / acc[SME_EMP] : 0;
  t[METRIC.rdPrivate] = acc[RD] - t[METRIC.rdPublic];
  t[METRIC.smeRd] = acc[SME_RD];
  let loans = 0;
  for (const bank of w.banks) loans += bank.loans;
  t[METRIC.loansOutstanding] = loans;
  t[METRIC.guaranteedVolume] = w.programmes.guaranteeFund.guaranteed;
  t[METRIC.policyLoans] = w.programmes.policyBank.loans;
  t[METRIC.revolvingLoans] = w.programmes.revolvingFund.loans;
  t[METRIC.talentPool] = m.talentPool;
  t[METRIC.supportedFirms] = acc[SUPPORTED];
  t[METRIC.smeNetWorth] = acc[SME_NET_WORTH];
  t[METRIC.wage] = m.wage;
  t[METRIC.governmentBalance] = w.ledger.balance[GOVERNMENT];
  t[METRIC.governmentNetPosition] = governmentNetPosition(w);
  let spending = 0;
  for (const name of INSTRUMENT_NAMES) spending += w.spend[name];
  t[METRIC.publicSpending] = spending;
  t[METRIC.booksResidual] = w.ledger.totalMoney() - m.initialMoney;
}
