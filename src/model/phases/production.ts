/**
 * Phase 7, production (ODD §7.3): output is sales at the mark-up price, so production workers are
 * sales/((1+μ)·w) = output/A; firms pay wages and (SMEs) the fixed compliance cost, depreciate
 * tangible capital and invest to keep capitalPerWorker per employee. It runs in the sales pass of
 * `demand` (phases/demand.ts), right after each firm's sales are known; that pass also sums the
 * mean SME operating surplus (sales − production wages − fixed cost, in wages) that entry responds
 * to.
 */

/** Production workers (K+S, demand-led): output/A = sales / ((1 + μ) · w). */
export function productionWorkers(sales: number, unitRevenue: number): number {
  return sales / unitRevenue;
}
