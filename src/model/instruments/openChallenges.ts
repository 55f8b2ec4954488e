import {
  SITE_CHALLENGE_APPLICANTS,
  SITE_CHALLENGE_ENTRY,
  SITE_CHALLENGE_SCORE,
  SITE_CHALLENGES,
} from "../draws.js";
import { KIND_SME } from "../firms.js";
import { firmEarn, firmSpend, GOVERNMENT } from "../ledger.js";
import { countLiveSmes, METRIC, markSupported } from "../queries.js";
import type { World } from "../world.js";

/**
 * Open challenges (ODD §7.16), at the programmes phase: lead firms post Poisson(leads ·
 * challengesPerLeadFirmYear / 4) needs a quarter. Applicants by coordinated sampling keyed on the
 * firm: each live R&D-performing SME without a running commitment draws one uniform u from its own
 * stream; with N live SMEs and q = applicants/N, challenge k's applicants are those with u ∈ [k·q,
 * (k+1)·q) (as many performers as `applicants` SMEs sampled at random hold, in expectation; a firm
 * enters one challenge a quarter at most). The best solution (log productivity + log quality +
 * potential + noise) wins a public prize and a purchase commitment from the lead firm.
 */
export function postOpenChallenges(w: World): void {
  const c = w.p.instruments.openChallenges;
  if (!c.enabled || w.leads.length === 0) return;
  const f = w.firms;
  w.rng.at(0, SITE_CHALLENGES);
  const n = w.rng.poisson((w.leads.length * c.challengesPerLeadFirmYear) / 4);
  if (n === 0) return;
  const smes = countLiveSmes(w);
  if (smes === 0) return;
  const q = c.applicants / smes;
  const best = new Int32Array(n).fill(-1);
  const bestScore = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const { alive, kind, performer, challengeEnd, uid, hi } = f;
  const key = w.rng.key(SITE_CHALLENGE_ENTRY);
  for (let i = 0; i < hi; i++) {
    if (!alive[i] || kind[i] !== KIND_SME || performer[i] === 0 || challengeEnd[i] >= w.tick) continue;
    const k = Math.floor(w.rng.pickUniform(uid[i], key) / q);
    if (k >= n) continue;
    const score = challengeScore(w, i, k);
    if (score > bestScore[k]) {
      bestScore[k] = score;
      best[k] = i;
    }
  }
  for (let k = 0; k < n; k++) {
    w.rng.at(0, SITE_CHALLENGE_APPLICANTS, k);
    const lead = w.leads[w.rng.int(w.leads.length)];
    const winner = best[k];
    if (winner < 0) continue;
    f.challengeEnd[winner] = w.tick + c.commitmentQuarters - 1;
    f.challengeLead[winner] = lead;
    firmEarn(w.ledger, winner, GOVERNMENT, c.publicPrize);
    f.grantsReceived[winner] += c.publicPrize;
    w.spend.openChallenges += c.publicPrize;
    markSupported(w, winner);
    w.tally[METRIC.challengesWon]++;
  }
}

/** Quality of an SME's solution to a challenge (its technology, its potential, and luck). */
export function challengeScore(w: World, i: number, challenge = 0): number {
  const f = w.firms;
  w.rng.at(f.uid[i], SITE_CHALLENGE_SCORE, challenge);
  return f.logProductivity[i] + f.logQuality[i] + f.potential[i] + 0.25 * w.rng.normal();
}

/**
 * The lead firm's committed purchase from a challenge winner this quarter (ODD §7.16), at the
 * demand phase; returns the sale (0 when none or the lead firm is gone).
 */
export function challengePurchase(w: World, i: number): number {
  const f = w.firms;
  if (f.challengeEnd[i] < w.tick) return 0;
  const lead = f.challengeLead[i];
  if (lead < 0 || !f.alive[lead] || f.kind[lead] !== 1) {
    f.challengeEnd[i] = -1;
    return 0;
  }
  const amount = w.p.instruments.openChallenges.purchaseCommitment;
  firmSpend(w.ledger, lead, -1 - i, amount);
  f.netWorth[i] += amount;
  f.profit[i] += amount;
  return amount;
}
