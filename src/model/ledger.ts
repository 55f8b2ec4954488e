import type { Firms } from "./firms.js";

/**
 * Double-entry money (ODD §2.4). Every account holds money; every flow goes through `transfer`,
 * which debits one account and credits another, so the sum over all accounts never changes.
 * Institutional accounts have ids ≥ 0; firm slot s has account id −1−s (its column `cash`).
 */
export const EXTERNAL = 0; // households and the rest of the world: buyers, workers, owners
export const GOVERNMENT = 1;
export const POLICY_BANK = 2;
export const GUARANTEE_FUND = 3;
export const REVOLVING_FUND = 4;
export const BRIDGE_FUND = 5;
const FIXED_ACCOUNTS = 6;

export class Ledger {
  balance = new Float64Array(64);
  accounts = FIXED_ACCOUNTS;
  constructor(readonly firms: Firms) {}

  /** Open a new institutional account (a bank, a university, a VC fund); returns its id. */
  open(): number {
    if (this.accounts === this.balance.length) {
      const next = new Float64Array(this.balance.length * 2);
      next.set(this.balance);
      this.balance = next;
    }
    return this.accounts++;
  }

  /** Total money in the economy: institutions plus firms alive (dead firms hold none). */
  totalMoney(): number {
    let sum = 0;
    for (let a = 0; a < this.accounts; a++) sum += this.balance[a];
    const { cash, alive, hi } = this.firms;
    for (let i = 0; i < hi; i++) if (alive[i]) sum += cash[i];
    return sum;
  }

  /** Sum of absolute balances: the scale against which the books' residual is judged. */
  grossMoney(): number {
    let sum = 0;
    for (let a = 0; a < this.accounts; a++) sum += Math.abs(this.balance[a]);
    const { cash, alive, hi } = this.firms;
    for (let i = 0; i < hi; i++) if (alive[i]) sum += Math.abs(cash[i]);
    return sum;
  }
}

/** Account id of firm slot s. */
export function firmAccount(slot: number): number {
  return -1 - slot;
}

/** The one money primitive: move `amount` from account `from` to account `to`. */
export function transfer(ledger: Ledger, from: number, to: number, amount: number): void {
  if (from < 0) ledger.firms.cash[-1 - from] -= amount;
  else ledger.balance[from] -= amount;
  if (to < 0) ledger.firms.cash[-1 - to] += amount;
  else ledger.balance[to] += amount;
}

/** Firm i earns `amount` from account `from` (revenue or subsidy): cash, net worth and profit rise. */
export function firmEarn(ledger: Ledger, i: number, from: number, amount: number): void {
  transfer(ledger, from, -1 - i, amount);
  ledger.firms.netWorth[i] += amount;
  ledger.firms.profit[i] += amount;
}

/** Firm i pays an expense `amount` to account `to`: cash, net worth and profit fall. */
export function firmSpend(ledger: Ledger, i: number, to: number, amount: number): void {
  transfer(ledger, -1 - i, to, amount);
  ledger.firms.netWorth[i] -= amount;
  ledger.firms.profit[i] -= amount;
}

/** Owners (or investors) put equity into firm i: cash and net worth rise, profit does not. */
export function firmEquityIn(ledger: Ledger, i: number, from: number, amount: number): void {
  transfer(ledger, from, -1 - i, amount);
  ledger.firms.netWorth[i] += amount;
}

/** A non-cash loss of firm i (depreciation, write-off): net worth and profit fall. */
export function firmWriteDown(firms: Firms, i: number, amount: number): void {
  firms.netWorth[i] -= amount;
  firms.profit[i] -= amount;
}
