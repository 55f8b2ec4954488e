import { BRIDGE_FUND, GUARANTEE_FUND } from "./ledger.js";
import type { World } from "./world.js";

/** Relative tolerance of every books check: residuals are rounding, 1e-9 of the money in the economy. */
export const BOOKS_TOLERANCE = 1e-9;

/**
 * The money in the economy of each checked run (ODD §2.4), its largest value at the end of the
 * quarters checked so far. Rounding errors of a float sum are relative to the largest terms that
 * went through it, and those can be gone by the time of the check (a huge VC fund raised and
 * returned, loans made and repaid, a quarter's sales paid out again as wages and materials, firms
 * founded and liquidated): the residuals of a run are judged against the largest money it held or
 * moved, not against what is left.
 */
const peakMoney = new WeakMap<World, number>();
/** The balance-sheet size of the firms liquidated in the quarter (`noteLeavers`), and its quarter. */
const leavers = new WeakMap<World, { tick: number; size: number }>();

/**
 * Phase 12 (`exit`) notes the balance-sheet size of the firms it liquidates in a quarter: their
 * money leaves the books before the check, but it went round in the quarter (ODD §2.4).
 */
export function noteLeavers(w: World, size: number): void {
  const last = leavers.get(w);
  if (!last) leavers.set(w, { tick: w.tick, size });
  else if (last.tick === w.tick) last.size += size;
  else {
    last.tick = w.tick;
    last.size = size;
  }
}

/** Size of firm i's balance sheet: |cash| + capital + knowledge + receivables + its debts and payables. */
export function balanceSheetSize(w: World, i: number): number {
  const f = w.firms;
  return (
    Math.abs(f.cash[i]) +
    Math.abs(f.capital[i]) +
    Math.abs(f.knowledge[i]) +
    Math.abs(f.receivable[i]) +
    Math.abs(f.debt[i]) +
    Math.abs(f.policyDebt[i]) +
    Math.abs(f.revolvingDebt[i]) +
    Math.abs(f.bridgeDebt[i]) +
    Math.abs(f.payable[i])
  );
}

/**
 * The books (ODD §2.4), checked after a tick when options.checkBooks is set: money is conserved;
 * each bank's loans equal its clients' debts; the guarantee fund's exposure, the policy bank's,
 * revolving fund's and bridge fund's loans equal the firms' columns; receivables equal payables;
 * every firm's net worth (kept by its flows) equals assets − liabilities; the live-firm count and the
 * lead-firm list match the columns. Throws on a mismatch or a value that is not finite.
 *
 * Tolerance of every check: BOOKS_TOLERANCE · M, M the money in the economy: the largest, over the
 * quarters checked so far, of Σ|money balances| + Σ credit stocks + the quarter's demand + Σ
 * balance-sheet sizes of the firms (alive at the check, and liquidated in the quarter), at least
 * 1. A firm's money can pass through amounts far above what it holds at the check (a lead firm
 * pays the quarter's B2B bills, an acquirer the exit value), and its rounding is relative to those:
 * so its net worth is judged against the economy's money too.
 */
export function checkBooks(w: World): void {
  const t = w.tick;
  const L = w.ledger;
  const f = w.firms;
  const bankDebt = new Float64Array(w.banks.length);
  let guaranteed = 0;
  let policy = 0;
  let revolving = 0;
  let bridge = 0;
  let receivables = 0;
  let payables = 0;
  let firmScale = 0;
  let live = 0;
  let leads = 0;
  let worst = 0; // the largest |net worth − (assets − liabilities)|, and its firm
  let worstAt = -1;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    live++;
    if (f.kind[i] !== 0) leads++;
    bankDebt[f.bank[i]] += f.debt[i];
    guaranteed += f.guaranteed[i];
    policy += f.policyDebt[i];
    revolving += f.revolvingDebt[i];
    bridge += f.bridgeDebt[i];
    receivables += f.receivable[i];
    payables += f.payable[i];
    firmScale += balanceSheetSize(w, i);
    const assets = f.cash[i] + f.capital[i] + f.knowledge[i] + f.receivable[i];
    const liabilities = f.debt[i] + f.policyDebt[i] + f.revolvingDebt[i] + f.bridgeDebt[i] + f.payable[i];
    const residual = Math.abs(f.netWorth[i] - (assets - liabilities));
    if (!(residual <= worst)) {
      worst = residual; // NaN sticks
      worstAt = i;
      if (Number.isNaN(residual)) break;
    }
  }
  const pr = w.programmes;
  let credit = Math.abs(pr.guaranteeFund.guaranteed) + Math.abs(pr.policyBank.loans);
  credit += Math.abs(pr.revolvingFund.loans) + Math.abs(pr.bridgeFund.loans);
  for (const bank of w.banks) credit += Math.abs(bank.loans);
  const gone = leavers.get(w);
  const left = gone && gone.tick === t ? gone.size : 0;
  // the money that went round this quarter: buyers' demand D (the quarter's sales)
  const now = L.grossMoney() + credit + Math.abs(w.macro.demand) + firmScale + left;
  if (!Number.isFinite(now)) {
    throw new Error(
      `books: tick ${t}: a balance, stock or firm column is not finite (money in the economy ${now})`,
    );
  }
  const peak = Math.max(1, now, peakMoney.get(w) ?? 0, Math.abs(w.macro.initialMoney));
  peakMoney.set(w, peak);
  const tol = BOOKS_TOLERANCE * peak;
  const within = () => `tolerance ${tol} = ${BOOKS_TOLERANCE} × money in the economy ${peak}`;
  const money = L.totalMoney();
  if (!(Math.abs(money - w.macro.initialMoney) <= tol)) {
    throw new Error(
      `books: tick ${t}: money not conserved (total ${money}, initially ${w.macro.initialMoney}; ${within()})`,
    );
  }
  if (worstAt >= 0 && !(worst <= tol)) {
    const i = worstAt;
    const assets = f.cash[i] + f.capital[i] + f.knowledge[i] + f.receivable[i];
    const liabilities = f.debt[i] + f.policyDebt[i] + f.revolvingDebt[i] + f.bridgeDebt[i] + f.payable[i];
    throw new Error(
      `books: tick ${t}: firm ${f.id[i]} net worth ${f.netWorth[i]} ≠ assets − liabilities ${assets - liabilities} (${within()})`,
    );
  }
  // the population counts the phases read instead of recounting (countLiveSmes)
  if (live !== f.count || leads !== w.leads.length || w.leads.some((i) => !f.alive[i] || f.kind[i] !== 1)) {
    throw new Error(
      `books: tick ${t}: population counts off (${f.count} firms, ${w.leads.length} leads listed; ${live} alive, ${leads} not SMEs)`,
    );
  }
  for (let b = 0; b < w.banks.length; b++) {
    if (!(Math.abs(w.banks[b].loans - bankDebt[b]) <= tol)) {
      throw new Error(
        `books: tick ${t}: bank ${b} loans ${w.banks[b].loans} ≠ firms' debts ${bankDebt[b]} (${within()})`,
      );
    }
  }
  const pairs: [string, number, number][] = [
    ["guarantee exposure", pr.guaranteeFund.guaranteed, guaranteed],
    ["policy-bank loans", pr.policyBank.loans, policy],
    ["revolving-fund loans", pr.revolvingFund.loans, revolving],
    ["bridge loans", pr.bridgeFund.loans, bridge],
    ["receivables vs payables", receivables, payables],
  ];
  for (const [name, a, b] of pairs) {
    if (!(Math.abs(a - b) <= tol))
      throw new Error(`books: tick ${t}: ${name} mismatch (${a} vs ${b}; ${within()})`);
  }
  if (!Number.isFinite(L.balance[GUARANTEE_FUND]) || !Number.isFinite(L.balance[BRIDGE_FUND])) {
    throw new Error(`books: tick ${t}: a fund balance is not finite`);
  }
}
