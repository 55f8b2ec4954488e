import { KIND_SME } from "../firms.js";
import { enabledFlag, num, section } from "../param.js";

/** 11. Subsidy on university–industry cooperative and commissioned research. */
export const cooperativeResearchParams = section(
  {
    enabled: enabledFlag("cooperative research subsidy"),
    costShare: num(0.5, 0, 1, {
      description:
        "Share of a joint project's cost (universities.projectShare of the firm's R&D) paid by the government.",
      unit: "share of project cost",
      source: "digest 000 §2.3 (EU CRAFT 75% or 50%); digest 000 §3.4 (commissioned research 30%)",
    }),
    takeUpElasticity: num(1.5, 0, 10, {
      description: "Elasticity of the collaboration rate to the firm's share of the cost.",
      unit: "1",
      source: "calibrated (ODD §7.14)",
    }),
    maxEmployees: num(500, 1, 1e6, {
      description: "Size eligibility.",
      unit: "employees",
      source: "digest 000 §2.1 (STTR small firms)",
    }),
  },
  "Cooperative research subsidy (STTR, EU CRAFT, commissioned research).",
);

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
