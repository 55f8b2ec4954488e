import { EMP_LAGS, FLAG_SUPPORTED, FLAG_TAXPAYER } from "../firms.js";
import { taxCreditSettle } from "../instruments/taxCredit.js";
import { EXTERNAL, GOVERNMENT } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";
import { exitCause } from "./exit.js";
import { cashShortfall } from "./liquidity.js";
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
} from "./record.js";
import { taxableProfit } from "./taxes.js";

/**
 * Phases 10–12 and the per-firm half of phase 14 in one pass over the firms (ODD §3): for each
 * firm, in slot order, the unbridged cash shortfall (liquidity, §7.9), profit tax and dividends
 * (taxes, §7.8), the exit rule (§7.9) and, for the firms that stay, the record sums (§5). The
 * leaving firms are only listed here; `exit` liquidates them afterwards in slot order. This is the
 * same as running the phases one after the other: each step reads only the firm's own state, and
 * a liquidation never changes another firm's net worth, share or shortfall. The pass also opens
 * the next quarter for the firms that stay (profit and the support flag cleared, phase 0).
 */
export function settle(w: World): void {
  const f = w.firms;
  const p = w.p;
  const hi = f.hi;
  const { alive, kind, cash, netWorth, profit, costs, sales, rdSpend, scratchB, shortfall, flags, share } = f;
  const productionCost = f.productionCost;
  const payout = p.population.payoutRatio;
  const tau = p.world.profitTaxRate;
  const taxCreditOn = p.instruments.taxCredit.enabled;
  const minShare = p.market.minRelativeShare * w.macro.meanSmeShare;
  const quarters = p.population.cashShortfallQuarters;
  const fixed = w.macro.complianceCost;
  const keepFlags = ~FLAG_SUPPORTED & 0xff;
  const acc = w.recordSums;
  acc.fill(0);
  const t = w.tick;
  // the record's columns and sums (recordFirm, written out: a call per firm was not inlined)
  const { employees, employeesLag, productivity, logQuality, patentStock, entryTick, tier } = f;
  const lag = t % EMP_LAGS;
  let nFirms = 0;
  let nSmes = 0;
  let startups = 0;
  let tier1 = 0;
  let tier2 = 0;
  let tier3 = 0;
  let empA = 0;
  let emp = 0;
  let frontier = 0;
  let shareLogQ = 0;
  let shareSum = 0;
  let rdSum = 0;
  let patents = 0;
  let supported = 0;
  let smeNetWorth = 0;
  let smeEmpA = 0;
  let smeEmp = 0;
  let smeRd = 0;
  let exits = w.exits;
  let nExits = 0;
  let revenue = 0;
  let dividends = 0;
  let smeProfit = 0;
  let smeSales = 0;
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    const sme = kind[i] === 0;
    // 10. liquidity: consecutive quarters of unbridged negative cash
    const short = cashShortfall(cash[i], shortfall[i]);
    shortfall[i] = short;

    // 11. taxes: profit tax (R&D expensed, net of tax credits), then dividends
    const rd = rdSpend[i];
    const taxable = taxableProfit(profit[i], scratchB[i], rd);
    if (taxable > 0) flags[i] |= FLAG_TAXPAYER;
    else flags[i] &= ~FLAG_TAXPAYER & 0xff;
    const due = taxCreditOn ? taxCreditSettle(w, i, taxable, rd) : tau * Math.max(0, taxable);
    if (due > 0) {
      // firmSpend to GOVERNMENT (the government's side is booked after the pass)
      cash[i] -= due;
      netWorth[i] -= due;
      profit[i] -= due;
      revenue += due;
    }
    const after = profit[i];
    const free = cash[i] - costs[i];
    if (after > 0 && free > 0) {
      // firmEquityOut to EXTERNAL
      const d = payout * Math.min(after, free);
      cash[i] -= d;
      netWorth[i] -= d;
      dividends += d;
    }
    if (sme) {
      smeProfit += after;
      smeSales += sales[i];
    }

    // 12. exit rule: list the firm for liquidation; an SME whose market is too small to pay the
    // fixed cost (operating surplus below zero) leaves as a vanishing share
    const vanishing = sme && sales[i] - productionCost[i] < fixed ? 0 : share[i];
    const cause = exitCause(sme, short, quarters, netWorth[i], vanishing, minShare);
    if (cause !== 0) {
      if (nExits + 2 > exits.length) {
        const grown = new Int32Array(exits.length * 2);
        grown.set(exits);
        exits = grown;
        w.exits = grown;
      }
      exits[nExits++] = i;
      exits[nExits++] = cause;
      continue;
    }

    // 14. record: this firm's part of the tick's sums (as recordFirm); then open its next quarter
    // (phase 0)
    const e = employees[i];
    const a = productivity[i];
    const s = share[i];
    employeesLag[i * EMP_LAGS + lag] = e;
    nFirms++;
    empA += e * a;
    emp += e;
    if (a > frontier) frontier = a;
    shareLogQ += s * logQuality[i];
    shareSum += s;
    rdSum += rd;
    patents += patentStock[i];
    if (sme) {
      nSmes++;
      if (t - entryTick[i] < 20) startups++;
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
  w.nExits = nExits >> 1;
  const balance = w.ledger.balance;
  balance[GOVERNMENT] += revenue;
  balance[EXTERNAL] += dividends;
  w.tally[METRIC.taxRevenue] += revenue;
  w.macro.meanProfitRate = smeSales > 0 ? smeProfit / smeSales : 0;
}
