/**
 * Phase 10, liquidity (ODD §7.9): after the last source of finance (banks, policy bank, VC,
 * bridge), a firm whose cash is still negative has an unbridged cash shortfall this quarter; the
 * counter of consecutive shortfall quarters drives exit. (Taxes and dividends come later and are
 * financed next quarter.) It runs in the pass of `settle` (phases/settle.ts).
 */

/** Consecutive quarters with negative cash after all finance (reset by a quarter with cash ≥ 0). */
export function cashShortfall(cash: number, previous: number): number {
  return cash < -1e-9 ? Math.min(255, previous + 1) : 0;
}
