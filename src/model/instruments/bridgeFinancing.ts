import { BRIDGE_FUND, transfer } from "../ledger.js";
import { markSupported } from "../queries.js";
import type { World } from "../world.js";

/**
 * Bridge loan (ODD §7.28), at the venture phase: a VC-backed firm waiting for its next round
 * (on time or late, including the quarter a late round closes in) whose cash is negative after the banks borrows its shortfall, up to maxQuarters of its quarterly costs in all,
 * from the bridge fund. Returns the amount lent.
 */
export function bridgeLoan(w: World, i: number): number {
  const b = w.p.instruments.bridgeFinancing;
  const f = w.firms;
  if (!b.enabled || f.cash[i] >= 0) return 0;
  const room = b.maxQuarters * f.costs[i] - f.bridgeDebt[i];
  const loan = Math.min(-f.cash[i], room, Math.max(0, w.ledger.balance[BRIDGE_FUND]));
  if (loan <= 0) return 0;
  transfer(w.ledger, BRIDGE_FUND, -1 - i, loan);
  f.bridgeDebt[i] += loan;
  w.programmes.bridgeFund.loans += loan;
  markSupported(w, i);
  return loan;
}

/** Interest on bridge loans (rolled up, paid with the principal) and the subsidy booked as cost. */
export function bridgeInterest(w: World, i: number, marketRate: number): void {
  const f = w.firms;
  const d = f.bridgeDebt[i];
  if (d <= 0) return;
  const b = w.p.instruments.bridgeFinancing;
  const interest = b.rate * d;
  transfer(w.ledger, -1 - i, BRIDGE_FUND, interest);
  f.netWorth[i] -= interest;
  f.profit[i] -= interest;
  w.spend.bridgeFinancing += Math.max(0, marketRate - b.rate) * d;
}

/** Repay the bridge out of a new round's money. */
export function bridgeRepay(w: World, i: number): void {
  const f = w.firms;
  const d = f.bridgeDebt[i];
  if (d <= 0) return;
  transfer(w.ledger, -1 - i, BRIDGE_FUND, d);
  f.bridgeDebt[i] = 0;
  w.programmes.bridgeFund.loans -= d;
}
