import { talentOutflow } from "../instruments/talentRetention.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/**
 * Phase 3, talent (ODD §7.7): graduates join the regional pool of skilled people, graduatesPerFirm
 * per initial SME (the supply scales with the economy); a share of the pool leaves the region (less
 * with the retention policy).
 */
export function talent(w: World): void {
  const m = w.macro;
  // a region without institutions has no graduates
  if (w.universities.length > 0) m.talentPool += w.p.universities.graduatesPerFirm * w.p.firms;
  const out = talentOutflow(w, m.talentPool);
  m.talentPool -= out;
  w.tally[METRIC.talentOutflow] = out;
}
