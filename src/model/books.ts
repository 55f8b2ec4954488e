import { BRIDGE_FUND, GUARANTEE_FUND } from "./ledger.js";
import type { World } from "./world.js";

const TOLERANCE = 1e-9;

/**
 * The books (ODD §2.4), checked after a tick when options.checkBooks is set: money is conserved;
 * each bank's loans equal its clients' debts; the guarantee fund's exposure, the policy bank's,
 * revolving fund's and bridge fund's loans equal the firms' columns; receivables equal payables;
 * every firm's net worth (kept by its flows) equals assets − liabilities; the live-firm count and the
 * lead-firm list match the columns. Throws on a mismatch.
 */
export function checkBooks(w: World): void {
  const t = w.tick;
  const L = w.ledger;
  const money = L.totalMoney();
  const gross = L.grossMoney();
  if (Math.abs(money - w.macro.initialMoney) > TOLERANCE * Math.max(1, gross)) {
    throw new Error(
      `books: tick ${t}: money not conserved (total ${money}, initially ${w.macro.initialMoney})`,
    );
  }
  const f = w.firms;
  const bankDebt = new Float64Array(w.banks.length);
  let guaranteed = 0;
  let policy = 0;
  let revolving = 0;
  let bridge = 0;
  let receivables = 0;
  let payables = 0;
  let scale = 1;
  let live = 0;
  let leads = 0;
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
    const assets = f.cash[i] + f.capital[i] + f.knowledge[i] + f.receivable[i];
    const liabilities = f.debt[i] + f.policyDebt[i] + f.revolvingDebt[i] + f.bridgeDebt[i] + f.payable[i];
    const size = Math.abs(f.cash[i]) + f.capital[i] + f.knowledge[i] + f.receivable[i] + liabilities;
    scale += size;
    if (Math.abs(f.netWorth[i] - (assets - liabilities)) > TOLERANCE * Math.max(1, size)) {
      throw new Error(
        `books: tick ${t}: firm ${f.id[i]} net worth ${f.netWorth[i]} ≠ assets − liabilities ${assets - liabilities}`,
      );
    }
  }
  // the population counts the phases read instead of recounting (countLiveSmes)
  if (live !== f.count || leads !== w.leads.length || w.leads.some((i) => !f.alive[i] || f.kind[i] !== 1)) {
    throw new Error(
      `books: tick ${t}: population counts off (${f.count} firms, ${w.leads.length} leads listed; ${live} alive, ${leads} not SMEs)`,
    );
  }
  const tol = TOLERANCE * scale;
  for (let b = 0; b < w.banks.length; b++) {
    if (Math.abs(w.banks[b].loans - bankDebt[b]) > tol) {
      throw new Error(`books: tick ${t}: bank ${b} loans ${w.banks[b].loans} ≠ firms' debts ${bankDebt[b]}`);
    }
  }
  const pr = w.programmes;
  const pairs: [string, number, number][] = [
    ["guarantee exposure", pr.guaranteeFund.guaranteed, guaranteed],
    ["policy-bank loans", pr.policyBank.loans, policy],
    ["revolving-fund loans", pr.revolvingFund.loans, revolving],
    ["bridge loans", pr.bridgeFund.loans, bridge],
    ["receivables vs payables", receivables, payables],
  ];
  for (const [name, a, b] of pairs) {
    if (Math.abs(a - b) > tol) throw new Error(`books: tick ${t}: ${name} mismatch (${a} vs ${b})`);
  }
  if (!Number.isFinite(L.balance[GUARANTEE_FUND]) || !Number.isFinite(L.balance[BRIDGE_FUND])) {
    throw new Error(`books: tick ${t}: a fund balance is not finite`);
  }
}
