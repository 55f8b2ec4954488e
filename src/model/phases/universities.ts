import { SITE_LICENCE, SITE_UNIVERSITY } from "../draws.js";
import { FLAG_COOPERATED, ORIGIN_SPINOFF } from "../firms.js";
import { EXTERNAL, firmSpend, GOVERNMENT, transfer } from "../ledger.js";
import { METRIC, sampleSme } from "../queries.js";
import type { University, World } from "../world.js";
import { foundFirm } from "./entry.js";

/**
 * Phase 4, universities (ODD §7.7): the government funds research; research adds to each
 * institution's knowledge stock and yields Poisson(inventionsPerM · budget) inventions; an
 * invention is licensed to a firm (share techTransferRate) or becomes a spin-off (spinoffShare).
 */
export function universities(w: World): void {
  const u = w.p.universities;
  for (let n = 0; n < w.universities.length; n++) {
    const uni = w.universities[n];
    transfer(w.ledger, GOVERNMENT, uni.account, u.researchBudget);
    transfer(w.ledger, uni.account, EXTERNAL, u.researchBudget);
    uni.knowledge = universityKnowledge(uni.knowledge, u.researchBudget, w.p.rnd.knowledgeDepreciation);
    w.rng.at(0, SITE_UNIVERSITY, n);
    const inventions = w.rng.poisson(u.inventionsPerM * u.researchBudget);
    for (let k = 0; k < inventions; k++) {
      // invention k's own stream (a licence or spin-off in between draws from others)
      w.rng.at(0, SITE_UNIVERSITY, 0x10000 + n * 0x1000 + k);
      const r = w.rng.uniform();
      if (r < u.techTransferRate) technologyLicence(w, uni);
      else if (r < u.techTransferRate + u.spinoffShare) {
        foundFirm(w, ORIGIN_SPINOFF);
        w.tally[METRIC.spinoffs]++;
        w.tally[METRIC.entries]++;
      }
    }
  }
}

/** Knowledge of a university: K' = (1 − δ)·K + research budget. */
export function universityKnowledge(knowledge: number, budget: number, depreciation: number): number {
  return (1 - depreciation) * knowledge + budget;
}

/**
 * Technology licence (ODD §7.7): the first R&D-performing SME among 8 sampled takes the licence,
 * pays the fee, and its productivity jumps by jumpMax · Beta(α1, β1).
 */
export function technologyLicence(w: World, uni: University): void {
  const f = w.firms;
  for (let k = 0; k < 8; k++) {
    const i = sampleSme(w);
    if (i < 0 || f.performer[i] === 0) continue;
    firmSpend(w.ledger, i, uni.account, w.p.universities.licenceFee);
    w.rng.at(f.uid[i], SITE_LICENCE);
    f.productivity[i] *= 1 + w.p.rnd.jumpMax * w.rng.beta(w.p.rnd.betaAlpha, w.p.rnd.betaBeta);
    f.flags[i] |= FLAG_COOPERATED;
    f.lastCooperationTick[i] = w.tick;
    w.tally[METRIC.licences]++;
    return;
  }
}

/** Knowledge spillover factor on firms' R&D effort: 1 + strength · K/(K + one year of budgets). */
export function knowledgeSpillover(w: World): number {
  let k = 0;
  for (const uni of w.universities) k += uni.knowledge;
  const half = 4 * w.p.universities.researchBudget * Math.max(1, w.universities.length);
  return 1 + w.p.universities.spilloverStrength * (k / (k + half));
}
