/**
 * Phase 7, production (ODD §7.3): output is sales at the mark-up price over unit variable cost,
 * which is labour plus intermediate inputs (materials, energy, bought-in services) in fixed
 * proportion: unit cost = w/(A·(1 − σ)), of which a share σ is materials. Production workers are
 * output/A = sales/((1+μ)·w/(1 − σ)); firms pay wages, buy the materials from the external sector,
 * pay (SMEs) the fixed compliance cost, depreciate tangible capital and invest to keep
 * capitalPerWorker per production worker (R&D's equipment is part of R&D spending, Frascati). It runs in the sales pass of `demand` (phases/demand.ts), right
 * after each firm's sales are known; that pass also sums the mean SME operating surplus (sales −
 * production wages − materials − fixed cost, in wages) that entry responds to.
 */

/**
 * Sales per production worker (gross output at the mark-up price): (1 + μ)·w/(1 − σ), since a
 * worker makes A units at unit cost w/(A(1 − σ)).
 */
export function unitRevenue(wage: number, markup: number, materialsShare: number): number {
  return ((1 + markup) * wage) / (1 - materialsShare);
}

/** Production workers (K+S, demand-led): output/A = sales / ((1 + μ) · w/(1 − σ)). */
export function productionWorkers(sales: number, unitRevenue: number): number {
  return sales / unitRevenue;
}

/** Intermediate inputs bought with a wage bill W: W·σ/(1 − σ) (a share σ of variable cost). */
export function materialsCost(wages: number, materialsShare: number): number {
  return (wages * materialsShare) / (1 - materialsShare);
}
