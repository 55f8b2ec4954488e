import { SITE_LICENCE, SITE_LICENCE_PICK, SITE_UNIVERSITY } from "../draws.js";
import { FLAG_COOPERATED, ORIGIN_SPINOFF, setLogProductivity } from "../firms.js";
import { EXTERNAL, firmSpend, GOVERNMENT, transfer } from "../ledger.js";
import { countLiveSmes, METRIC } from "../queries.js";
import type { World } from "../world.js";
import { foundingRoom } from "./entry.js";
import { foundFirm } from "./founding.js";

/**
 * Mean inventions per institution and quarter up to which each invention draws its own uniform
 * (the default is 1); above it the quarter's licences and spin-offs are drawn as two Poisson counts
 * (Poisson thinning: the same law), so the work per quarter does not grow with the number of
 * inventions. Poisson(100) stays below 100 + 6.4·√100 = 164 inventions (the normal branch's
 * largest uniform), within the 0x1000 invention streams of an institution.
 */
export const PER_INVENTION_MAX = 100;

/**
 * Phase 4, universities (ODD §7.7): the government funds research; research adds to each
 * institution's knowledge stock and yields Poisson(inventionsPerM · budget) inventions; an
 * invention is licensed to a firm (share techTransferRate) or becomes a spin-off (spinoffShare).
 * Spin-offs are founded within the quarter's founding room (ODD §7.3); licences beyond the first
 * ⌈N/8⌉ of the quarter find no licensee (`technologyLicences`) and are not listed.
 */
export function universities(w: World): void {
  const u = w.p.universities;
  const mean = u.inventionsPerM * u.researchBudget;
  const transferRate = u.techTransferRate;
  // the spin-off share of an invention that is not licensed (licences take precedence)
  const spinoffRate = Math.max(0, Math.min(u.spinoffShare, 1 - transferRate));
  const perLicensor: number[] = []; // licences of each university this quarter
  let licences = 0;
  for (let n = 0; n < w.universities.length; n++) {
    const uni = w.universities[n];
    transfer(w.ledger, GOVERNMENT, uni.account, u.researchBudget);
    transfer(w.ledger, uni.account, EXTERNAL, u.researchBudget);
    uni.knowledge = universityKnowledge(uni.knowledge, u.researchBudget, w.p.rnd.knowledgeDepreciation);
    w.rng.at(0, SITE_UNIVERSITY, n);
    let licensed = 0;
    let spinoffs = 0;
    if (mean <= PER_INVENTION_MAX) {
      const inventions = w.rng.poisson(mean);
      for (let k = 0; k < inventions; k++) {
        // invention k's own stream (a licence or spin-off in between draws from others)
        w.rng.at(0, SITE_UNIVERSITY, 0x10000 + n * 0x1000 + k);
        const r = w.rng.uniform();
        if (r < transferRate) licensed++;
        else if (r < transferRate + u.spinoffShare) spinoffs++;
      }
    } else {
      licensed = w.rng.poisson(mean * transferRate);
      spinoffs = w.rng.poisson(mean * spinoffRate);
    }
    // each spin-off draws from its own stream (foundFirm), so founding them after the inventions
    // gives the same firms as founding each as its invention comes
    const founded = Math.min(spinoffs, foundingRoom(w));
    for (let k = 0; k < founded; k++) foundFirm(w, ORIGIN_SPINOFF);
    w.tally[METRIC.spinoffs] += founded;
    w.tally[METRIC.entries] += founded;
    perLicensor.push(licensed);
    licences += licensed;
  }
  if (licences === 0) return;
  // licence j can go only to a firm with u in [8j/N, 8(j+1)/N), u < 1: j < N/8
  const m = Math.min(licences, Math.ceil(countLiveSmes(w) / 8));
  const licensors: number[] = []; // the university of each licence this quarter, in order
  for (let n = 0; n < perLicensor.length && licensors.length < m; n++) {
    for (let k = 0; k < perLicensor[n] && licensors.length < m; k++) licensors.push(n);
  }
  if (licensors.length > 0) technologyLicences(w, licensors);
}

/** Knowledge of a university: K' = (1 − δ)·K + research budget. */
export function universityKnowledge(knowledge: number, budget: number, depreciation: number): number {
  return (1 - depreciation) * knowledge + budget;
}

/**
 * Technology licences (ODD §7.7), after the quarter's inventions, by coordinated sampling keyed on
 * the firm: each live R&D-performing SME draws one uniform u from its own stream; with N live SMEs
 * and q = 8/N, licence j (in order) goes to the performer with the smallest u in [j·q, (j+1)·q),
 * the same law as "the first performer among 8 SMEs sampled at random" (the sample's order is the
 * order of u), none if that interval holds no performer. The licensee pays the fee and its
 * productivity jumps by jumpMax · Beta(α1, β1).
 */
export function technologyLicences(w: World, licensors: readonly number[]): void {
  const f = w.firms;
  const n = countLiveSmes(w);
  if (n === 0) return;
  const q = 8 / n;
  const m = licensors.length;
  const best = new Int32Array(m).fill(-1);
  const bestU = new Float64Array(m).fill(2);
  const { alive, kind, performer, uid, hi } = f;
  const key = w.rng.key(SITE_LICENCE_PICK);
  for (let i = 0; i < hi; i++) {
    if (!alive[i] || kind[i] !== 0 || performer[i] === 0) continue;
    const u = w.rng.pickUniform(uid[i], key);
    const j = Math.floor(u / q);
    if (j < m && u < bestU[j]) {
      bestU[j] = u;
      best[j] = i;
    }
  }
  for (let j = 0; j < m; j++) {
    const i = best[j];
    if (i < 0) continue;
    const uni = w.universities[licensors[j]];
    firmSpend(w.ledger, i, uni.account, w.p.universities.licenceFee);
    w.rng.at(f.uid[i], SITE_LICENCE);
    const jump = w.p.rnd.jumpMax * w.rng.beta(w.p.rnd.betaAlpha, w.p.rnd.betaBeta);
    setLogProductivity(f, i, f.logProductivity[i] + Math.log1p(jump)); // A' = A·(1 + jump)
    f.flags[i] |= FLAG_COOPERATED;
    f.lastCooperationTick[i] = w.tick;
    w.tally[METRIC.licences]++;
  }
}

/** Knowledge spillover factor on firms' R&D effort: 1 + strength · K/(K + one year of budgets). */
export function knowledgeSpillover(w: World): number {
  let k = 0;
  for (const uni of w.universities) k += uni.knowledge;
  const half = 4 * w.p.universities.researchBudget * Math.max(1, w.universities.length);
  return 1 + w.p.universities.spilloverStrength * (k / (k + half));
}
