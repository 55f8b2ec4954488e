import { talentOutflow } from "../instruments/talentRetention.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Phase 3, talent (ODD §7.7): graduates of every university join the regional pool of skilled
 * people; a share of the pool leaves the region (less with the retention policy).
 */
export function talent(w: World): void {
  const m = w.macro;
  m.talentPool += w.universities.length * w.p.universities.graduatesPerQuarter;
  const out = talentOutflow(w, m.talentPool);
  m.talentPool -= out;
  w.tally[METRIC.talentOutflow] = out;
}
