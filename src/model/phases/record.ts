import { EMP_LAGS, type Firms, FLAG_SUPPORTED, KIND_SME } from "../firms.js";
import { GOVERNMENT } from "../ledger.js";
import { INSTRUMENT_NAMES } from "../params.js";
import { governmentNetPosition } from "../publicAccounts.js";
import { METRIC } from "../queries.js";
import {
  EMP,
  EMP_A,
  FIRMS,
  FRONTIER,
  PATENTS,
  RD,
  SHARE,
  SHARE_LOG_Q,
  SME_EMP,
  SME_EMP_A,
  SME_NET_WORTH,
  SME_RD,
  SMES,
  STARTUPS,
  SUPPORTED,
  TIER1,
  TIER2,
  TIER3,
} from "../recordSums.js";
import type { World } from "../world.js";

/** Slots per call of `recordBlock` (a loop run once per tick would be compiled by OSR only: see settle). */
const BLOCK = 1024;

/**
 * Phase 14, record (ODD §5), per firm, in one pass over the firms alive at the quarter's end (after
 * liquidation, late VC rounds and entry, so every flow of the quarter is in): each firm's part of
 * the tick's sums (stock metrics, the means the next tick uses), its lagged employment for the
 * firm records; then its next quarter opens (profit and the support flag cleared, phase 0).
 */
export function recordFirms(w: World): void {
  const acc = w.recordSums;
  acc.fill(0);
  const hi = w.firms.hi;
  for (let lo = 0; lo < hi; lo += BLOCK) recordBlock(acc, w.firms, lo, Math.min(lo + BLOCK, hi), w.tick);
}

/** `recordFirms` over slots [lo, end), resuming the running sums in `acc` (slot order, as one loop). */
function recordBlock(acc: Float64Array, f: Firms, lo: number, end: number, tick: number): void {
  const { alive, kind, employees, employeesLag, productivity, share, logQuality, rdSpend, patentStock } = f;
  const { entryTick, tier, flags, netWorth, profit } = f;
  const lag = tick % EMP_LAGS;
  const keepFlags = ~FLAG_SUPPORTED & 0xff;
  let nFirms = acc[FIRMS];
  let nSmes = acc[SMES];
  let startups = acc[STARTUPS];
  let tier1 = acc[TIER1];
  let tier2 = acc[TIER2];
  let tier3 = acc[TIER3];
  let empA = acc[EMP_A];
  let emp = acc[EMP];
  let frontier = acc[FRONTIER];
  let shareLogQ = acc[SHARE_LOG_Q];
  let shareSum = acc[SHARE];
  let rdSum = acc[RD];
  let patents = acc[PATENTS];
  let supported = acc[SUPPORTED];
  let smeNetWorth = acc[SME_NET_WORTH];
  let smeEmpA = acc[SME_EMP_A];
  let smeEmp = acc[SME_EMP];
  let smeRd = acc[SME_RD];
  for (let i = lo; i < end; i++) {
    if (!alive[i]) continue;
    const e = employees[i];
    const a = productivity[i];
    const s = share[i];
    const rd = rdSpend[i];
    employeesLag[i * EMP_LAGS + lag] = e;
    nFirms++;
    empA += e * a;
    emp += e;
    if (a > frontier) frontier = a;
    shareLogQ += s * logQuality[i];
    shareSum += s;
    rdSum += rd;
    patents += patentStock[i];
    if (kind[i] === KIND_SME) {
      nSmes++;
      if (tick - entryTick[i] < 20) startups++;
      const level = tier[i];
      if (level === 1) tier1++;
      else if (level === 2) tier2++;
      else if (level === 3) tier3++;
      if ((flags[i] & FLAG_SUPPORTED) !== 0) supported++;
      smeNetWorth += netWorth[i];
      smeEmpA += e * a;
      smeEmp += e;
      smeRd += rd;
    }
    profit[i] = 0;
    flags[i] &= keepFlags;
  }
  acc[FIRMS] = nFirms;
  acc[SMES] = nSmes;
  acc[STARTUPS] = startups;
  acc[TIER1] = tier1;
  acc[TIER2] = tier2;
  acc[TIER3] = tier3;
  acc[EMP_A] = empA;
  acc[EMP] = emp;
  acc[FRONTIER] = frontier;
  acc[SHARE_LOG_Q] = shareLogQ;
  acc[SHARE] = shareSum;
  acc[RD] = rdSum;
  acc[PATENTS] = patents;
  acc[SUPPORTED] = supported;
  acc[SME_NET_WORTH] = smeNetWorth;
  acc[SME_EMP_A] = smeEmpA;
  acc[SME_EMP] = smeEmp;
  acc[SME_RD] = smeRd;
}

/**
 * Phase 14, record (ODD §5): the per-firm sums (`recordFirms`), then the stock metrics, the means
 * the next tick uses (productivity, quality) and the books' residual.
 */
export function record(w: World): void {
  recordFirms(w);
  const t = w.tally;
  const acc = w.recordSums;
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
