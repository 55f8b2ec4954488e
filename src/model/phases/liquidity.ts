import type { World } from "../world.js";

/**
 * Phase 10, liquidity (ODD §7.9): after the last source of finance (banks, policy bank, VC,
 * bridge), a firm whose cash is still negative has an unbridged cash shortfall this quarter; the
 * counter of consecutive shortfall quarters drives exit. (Taxes and dividends come later and are
 * financed next quarter.)
 */
export function liquidity(w: World): void {
  const f = w.firms;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    f.shortfall[i] = cashShortfall(f.cash[i], f.shortfall[i]);
  }
}

/** Consecutive quarters with negative cash after all finance (reset by a quarter with cash ≥ 0). */
export function cashShortfall(cash: number, previous: number): number {
  return cash < -1e-9 ? Math.min(255, previous + 1) : 0;
}
