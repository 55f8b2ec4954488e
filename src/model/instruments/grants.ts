import { SITE_GRANT_PROGRESS, SITE_GRANT_SAMPLE, SITE_GRANT_SCORE } from "../draws.js";
import { FLAG_GRANT_WINNER, KIND_SME } from "../firms.js";
import { firmEarn, GOVERNMENT } from "../ledger.js";
import { isAware, METRIC, markSupported, sampledQuantiles } from "../queries.js";
import type { World } from "../world.js";

const CUT = new Float64Array(1);
const CUT_Q = [0];

/** Quarterly payment of a grant in phase `phase` (award spread over the phase). */
function grantInstalment(w: World, phase: number): number {
  const g = w.p.instruments.grants;
  return phase === 1 ? g.phase1Award / g.phase1Quarters : g.phase2Award / g.phase2Quarters;
}

/** Quarters a phase runs, the payment lag included. */
function grantSpan(w: World, phase: number): number {
  const g = w.p.instruments.grants;
  return w.p.government.paymentLagQuarters + (phase === 1 ? g.phase1Quarters : g.phase2Quarters);
}

/**
 * The agency's score of an applicant (ODD §7.12): true potential, plus size bias (hidden
 * thresholds), plus selection noise.
 */
export function grantScore(w: World, i: number): number {
  const g = w.p.instruments.grants;
  w.rng.at(w.firms.uid[i], SITE_GRANT_SCORE);
  return (
    w.firms.potential[i] +
    w.p.government.sizeBias * Math.log(1 + w.firms.employees[i]) +
    g.selectionNoise * w.rng.normal()
  );
}

/**
 * Grant competition (ODD §7.12), at the programmes phase. Phase-1 grantees whose phase ends go
 * to phase 2 if their progress score passes the cut that admits phase2Share of a cohort; the
 * set-aside budget left after the running grants funds new phase-1 awards, given to the best
 * scoring applicants (cut-off from a sampled quantile of applicants' scores: O(N)).
 */
export function grantCompetition(w: World): void {
  const g = w.p.instruments.grants;
  if (!g.enabled) return;
  const f = w.firms;
  const budget = g.publicRdBudgetPerSme * w.p.firms * g.setAsideShare;
  const potSd = w.p.rnd.potentialSd;
  const progressCut =
    normalQuantile(1 - g.phase2Share) * Math.sqrt(potSd * potSd + g.selectionNoise * g.selectionNoise);
  let committed = 0;
  let applicants = 0;
  const scores = f.grantScore;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    scores[i] = Number.NaN;
    const phase = f.grantPhase[i];
    if (phase > 0) {
      const age = w.tick - f.grantStart[i];
      if (age >= grantSpan(w, phase)) {
        if (
          phase === 1 &&
          f.potential[i] + g.selectionNoise * progressDraw(w, i) > progressCut &&
          committed + grantInstalment(w, 2) <= budget
        ) {
          f.grantPhase[i] = 2;
          f.grantStart[i] = w.tick;
        } else f.grantPhase[i] = 0;
      }
      if (f.grantPhase[i] > 0) {
        committed += grantInstalment(w, f.grantPhase[i]);
        continue;
      }
    }
    if (f.kind[i] === KIND_SME && f.performer[i] === 1 && f.employees[i] <= g.maxEmployees && isAware(w, i)) {
      scores[i] = grantScore(w, i);
      applicants++;
    }
  }
  const instalment = grantInstalment(w, 1);
  let awards = instalment > 0 ? Math.floor(Math.max(0, budget - committed) / instalment) : 0;
  if (awards <= 0 || applicants === 0) return;
  let cut = Number.NEGATIVE_INFINITY;
  if (awards < applicants) {
    CUT_Q[0] = 1 - awards / applicants;
    if (sampledQuantiles(w, scores, CUT_Q, CUT, SITE_GRANT_SAMPLE) > 0) cut = CUT[0];
  }
  for (let i = 0; i < f.hi && awards > 0; i++) {
    if (!f.alive[i] || !(scores[i] >= cut)) continue;
    f.grantPhase[i] = 1;
    f.grantStart[i] = w.tick;
    f.flags[i] |= FLAG_GRANT_WINNER;
    awards--;
  }
}

/**
 * Pay firm i's grant instalment this quarter, if its grant is past the payment lag (ODD §7.12).
 * Returns the R&D project money it funds (the instalment grossed up by the firm's co-finance).
 */
export function grantPayment(w: World, i: number): number {
  const f = w.firms;
  const phase = f.grantPhase[i];
  if (phase === 0 || w.tick - f.grantStart[i] < w.p.government.paymentLagQuarters) return 0;
  const paid = grantInstalment(w, phase);
  firmEarn(w.ledger, i, GOVERNMENT, paid);
  f.grantsReceived[i] += paid;
  w.spend.grants += paid;
  w.tally[METRIC.rdPublic] += paid;
  markSupported(w, i);
  return paid / (1 - Math.min(0.95, w.p.instruments.grants.matchRate));
}

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** Firm i's normal draw for the phase-2 progress review (its own stream). */
function progressDraw(w: World, i: number): number {
  w.rng.at(w.firms.uid[i], SITE_GRANT_PROGRESS);
  return w.rng.normal();
}
