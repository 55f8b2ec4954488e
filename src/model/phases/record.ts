import { EMP_LAGS, KIND_SME } from "../firms.js";
import { GOVERNMENT } from "../ledger.js";
import { INSTRUMENT_NAMES } from "../params.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Phase 14, record (ODD §5): one pass over the firms for the stock metrics, the means the next
 * tick uses (productivity, quality), and the lagged employment of the firm records.
 */
export function record(w: World): void {
  const f = w.firms;
  const t = w.tally;
  const lag = w.tick % EMP_LAGS;
  let firms = 0;
  let smes = 0;
  let startups = 0;
  let tier1 = 0;
  let tier2 = 0;
  let tier3 = 0;
  let empA = 0;
  let emp = 0;
  let frontier = 0;
  let shareQ = 0;
  let shareSum = 0;
  let rdTotal = 0;
  let patents = 0;
  let supported = 0;
  let smeNetWorth = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    firms++;
    const e = f.employees[i];
    f.employeesLag[i * EMP_LAGS + lag] = e;
    empA += e * f.productivity[i];
    emp += e;
    if (f.productivity[i] > frontier) frontier = f.productivity[i];
    shareQ += f.share[i] * Math.log(f.quality[i]);
    shareSum += f.share[i];
    rdTotal += f.rdSpend[i];
    patents += f.patentStock[i];
    if (f.kind[i] === KIND_SME) {
      smes++;
      if (w.tick - f.entryTick[i] < 20) startups++;
      const tier = f.tier[i];
      if (tier === 1) tier1++;
      else if (tier === 2) tier2++;
      else if (tier === 3) tier3++;
      if ((f.flags[i] & 64) !== 0) supported++;
      smeNetWorth += f.netWorth[i];
    }
  }
  const m = w.macro;
  if (emp > 0) m.meanProductivity = empA / emp;
  if (shareSum > 0) m.meanQuality = Math.exp(shareQ / shareSum);
  m.patentsInForce = patents;
  m.smes = smes;
  t[METRIC.firms] = firms;
  t[METRIC.smes] = smes;
  t[METRIC.startups] = startups;
  t[METRIC.tier1] = tier1;
  t[METRIC.tier2] = tier2;
  t[METRIC.tier3] = tier3;
  t[METRIC.productivityMean] = m.meanProductivity;
  t[METRIC.productivityFrontier] = frontier;
  t[METRIC.rdPrivate] = rdTotal - t[METRIC.rdPublic];
  let loans = 0;
  for (const bank of w.banks) loans += bank.loans;
  t[METRIC.loansOutstanding] = loans;
  t[METRIC.guaranteedVolume] = w.programmes.guaranteeFund.guaranteed;
  t[METRIC.policyLoans] = w.programmes.policyBank.loans;
  t[METRIC.revolvingLoans] = w.programmes.revolvingFund.loans;
  t[METRIC.talentPool] = m.talentPool;
  t[METRIC.supportedFirms] = supported;
  t[METRIC.smeNetWorth] = smeNetWorth;
  t[METRIC.wage] = m.wage;
  t[METRIC.governmentBalance] = w.ledger.balance[GOVERNMENT];
  let spending = 0;
  for (const name of INSTRUMENT_NAMES) spending += w.spend[name];
  t[METRIC.publicSpending] = spending;
  t[METRIC.booksResidual] = w.ledger.totalMoney() - m.initialMoney;
}
