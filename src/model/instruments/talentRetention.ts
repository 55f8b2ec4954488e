import { enabledFlag, num, section } from "../param.js";

/** 17. Talent retention: lowers the outflow of graduates and skilled staff. */
export const talentRetentionParams = section(
  {
    enabled: enabledFlag("talent retention policy"),
    outflowReduction: num(0.5, 0, 1, {
      description: "Share by which the talent outflow rate falls.",
      unit: "share",
      source: "digest 001 §3.1 (Liaoning loses talent to the south)",
    }),
    costPerRetained: num(0.005, 0, 10, {
      description: "Public cost per retained person (housing, allowances).",
      unit: "M per person",
      source: "design choice",
    }),
  },
  "Talent retention: allowances that keep graduates in the region.",
);

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
