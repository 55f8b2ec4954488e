import { EXTERNAL, firmSpend, firmWriteDown, transfer } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Phase 7, production (ODD §7.3): output is sales at the mark-up price, so production workers are
 * sales/((1+μ)·w) = output/A; firms pay wages and (SMEs) the fixed compliance cost, depreciate
 * tangible capital and invest to keep capitalPerWorker per employee. The mean SME operating
 * surplus (sales − production wages − fixed cost, in wages) is what entry responds to.
 */
export function production(w: World): void {
  const f = w.firms;
  const p = w.p;
  const wage = w.macro.wage;
  const unitRevenue = (1 + p.market.markup) * wage;
  const kpw = p.population.capitalPerWorker;
  const delta = p.population.depreciation;
  const compliance = w.macro.complianceCost;
  const { alive, kind, sales, rdStaff, employees, capital, costs, wageBill, rdSpend } = f;
  let employment = 0;
  let smeEmployment = 0;
  let smeSurplus = 0;
  let smes = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const workers = productionWorkers(sales[i], unitRevenue);
    const emp = workers + rdStaff[i];
    employees[i] = emp;
    const wages = workers * wage;
    firmSpend(w.ledger, i, EXTERNAL, wages);
    let outlays = wages + rdSpend[i];
    if (kind[i] === 0) {
      firmSpend(w.ledger, i, EXTERNAL, compliance);
      outlays += compliance;
      smeEmployment += emp;
      smeSurplus += sales[i] - wages - compliance;
      smes++;
    }
    const dep = delta * capital[i];
    capital[i] -= dep;
    firmWriteDown(f, i, dep);
    const invest = Math.max(0, kpw * emp - capital[i]);
    if (invest > 0) {
      transfer(w.ledger, -1 - i, EXTERNAL, invest);
      capital[i] += invest;
      outlays += invest;
    }
    costs[i] = outlays;
    wageBill[i] = wages;
    employment += emp;
  }
  w.macro.meanSmeSurplus = smes > 0 ? smeSurplus / (smes * wage) : 0;
  w.tally[METRIC.employment] = employment;
  w.tally[METRIC.smeEmployment] = smeEmployment;
}

/** Production workers (K+S, demand-led): output/A = sales / ((1 + μ) · w). */
export function productionWorkers(sales: number, unitRevenue: number): number {
  return sales / unitRevenue;
}
