import { KIND_SME } from "../firms.js";
import { isAware } from "../queries.js";
import type { World } from "../world.js";

/** Government share of firm i's joint-project cost (ODD §7.14): costShare if subsidised, else 0. */
export function cooperativeCostShare(w: World, i: number): number {
  const c = w.p.instruments.cooperativeResearch;
  if (!c.enabled || w.firms.kind[i] !== KIND_SME || w.firms.employees[i] > c.maxEmployees || !isAware(w, i))
    return 0;
  return c.costShare;
}

/**
 * Collaboration probability (ODD §7.14): the base rate, raised by the subsidy through the firm's
 * own share of the cost: rate · (1 − share)^(−takeUpElasticity), at most 1.
 */
export function collaborationProbability(w: World, govShare: number): number {
  const base = w.p.universities.collaborationRate;
  if (govShare <= 0) return base;
  const own = Math.max(0.01, 1 - govShare);
  return Math.min(1, base * own ** -w.p.instruments.cooperativeResearch.takeUpElasticity);
}
