import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Talent outflow with retention (ODD §7.29): the pool loses talentOutflowRate of its people, less
 * outflowReduction of them when the policy is on (each retained person costs costPerRetained).
 * Returns the outflow.
 */
export function talentOutflow(w: World, pool: number): number {
  const base = w.p.universities.talentOutflowRate * pool;
  const r = w.p.instruments.talentRetention;
  if (!r.enabled) return base;
  const retained = r.outflowReduction * base;
  const cost = r.costPerRetained * retained;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, cost);
  w.spend.talentRetention += cost;
  w.tally[METRIC.talentRetained] += retained;
  return base - retained;
}
