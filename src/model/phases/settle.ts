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
 * Slots of `settleFlows`, the pass's own running sums (with the record's in `World.recordSums`):
 * carried from one block of slots to the next.
 */
const REVENUE = 0;
const DIVIDENDS = 1;
const SME_PROFIT = 2;
const SME_SALES = 3;
const EXITS = 4;
const settleFlows = new Float64Array(5);

/**
 * Slots per call of `settleBlock`. The pass runs as many calls of one function over blocks of
 * slots, not as one loop: a loop run once per tick is compiled only by on-stack replacement, and
 * V8 (Node 20) compiles that before the code after the loop has ever run, then deoptimises there
 * at every tick's end and re-enters the same stale code the next tick, at about half the speed of
 * a normally compiled function (measured: 93 against 52 ns per firm-tick at 10^4 firms). Called
 * hi/BLOCK times a tick, the block function is compiled normally, with its whole body's feedback.
 */
const BLOCK = 1024;

/**
 * Phases 10–12 and the per-firm half of phase 14 in one pass over the firms (ODD §3): for each
 * firm, in slot order, the unbridged cash shortfall (liquidity, §7.9), profit tax and dividends
 * (taxes, §7.8), the exit rule (§7.9) and, for the firms that stay, the record sums (§5). The
 * leaving firms are only listed here; `exit` liquidates them afterwards in slot order. This is the
 * same as running the phases one after the other: each step reads only the firm's own state, and
 * a liquidation never changes another firm's net worth, share or shortfall. The pass also opens
 * the next quarter for the firms that stay (profit and the support flag cleared, phase 0). The
 * sums run in slot order across the blocks (each block resumes them), as in one loop.
 */
export function settle(w: World): void {
  const hi = w.firms.hi;
  const acc = w.recordSums;
  acc.fill(0);
  const flows = settleFlows;
  flows.fill(0);
  for (let lo = 0; lo < hi; lo += BLOCK) settleBlock(w, lo, Math.min(lo + BLOCK, hi), acc, flows);
  w.nExits = flows[EXITS] >> 1;
  const revenue = flows[REVENUE];
  const smeSales = flows[SME_SALES];
  const balance = w.ledger.balance;
  balance[GOVERNMENT] += revenue;
  balance[EXTERNAL] += flows[DIVIDENDS];
  w.tally[METRIC.taxRevenue] += revenue;
  w.macro.meanProfitRate = smeSales > 0 ? flows[SME_PROFIT] / smeSales : 0;
}

/** `settle` over slots [lo, end), resuming the running sums in `acc` and `flows`. */
function settleBlock(w: World, lo: number, end: number, acc: Float64Array, flows: Float64Array): void {
  const f = w.firms;
  const p = w.p;
  const { alive, kind, cash, netWorth, profit, costs, sales, rdSpend, scratchB, shortfall, flags, share } = f;
  const productionCost = f.productionCost;
  const payout = p.population.payoutRatio;
  const tau = p.world.profitTaxRate;
  const taxCreditOn = p.instruments.taxCredit.enabled;
  const minShare = p.market.minRelativeShare * w.macro.meanSmeShare;
  const quarters = p.population.cashShortfallQuarters;
  const fixed = w.macro.complianceCost;
  const keepFlags = ~FLAG_SUPPORTED & 0xff;
  const t = w.tick;
  // the record's columns and sums (recordFirm, written out: a call per firm was not inlined)
  const { employees, employeesLag, productivity, logQuality, patentStock, entryTick, tier } = f;
  const lag = t % EMP_LAGS;
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
  let exits = w.exits;
  let nExits = flows[EXITS];
  let revenue = flows[REVENUE];
  let dividends = flows[DIVIDENDS];
  let smeProfit = flows[SME_PROFIT];
  let smeSales = flows[SME_SALES];
  for (let i = lo; i < end; i++) {
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
      // dividends to the owners: the firm's side here, the households' (EXTERNAL) once after the pass
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
  flows[EXITS] = nExits;
  flows[REVENUE] = revenue;
  flows[DIVIDENDS] = dividends;
  flows[SME_PROFIT] = smeProfit;
  flows[SME_SALES] = smeSales;
}
