/**
 * Phase 11, taxes and dividends (ODD §7.8): profit tax on the quarter's taxable profit (R&D
 * expensed, the knowledge write-down added back), net of R&D tax credits (`taxCreditSettle`);
 * then firms holding more cash than a quarter of costs pay out payoutRatio of their after-tax
 * profit. It runs in the pass of `settle` (phases/settle.ts).
 */

/** Taxable profit: accounting profit + knowledge write-down − R&D spending (R&D expensed for tax). */
export function taxableProfit(profit: number, knowledgeWriteDown: number, rd: number): number {
  return profit + knowledgeWriteDown - rd;
}
