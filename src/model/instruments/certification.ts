import { SITE_CERT_SAMPLE } from "../draws.js";
import { KIND_SME } from "../firms.js";
import { EXTERNAL, firmEarn, GOVERNMENT, transfer } from "../ledger.js";
import { isAware, markSupported, sampledQuantiles } from "../queries.js";
import type { World } from "../world.js";

const Q90 = new Float64Array(1);
const Q90_Q = [0];

/**
 * Certification review (ODD §7.31), every reviewEveryQuarters at the programmes phase: aware SMEs
 * apply; each is certified at the highest tier whose criteria it meets (it may also lose a tier);
 * reaching a tier for the first time pays that tier's one-off grant.
 */
export function certificationReview(w: World): void {
  const c = w.p.instruments.certification;
  if (!c.enabled || w.tick % c.reviewEveryQuarters !== 0) return;
  const f = w.firms;
  Q90_Q[0] = c.tier3MinSizePercentile;
  const sizeCut =
    sampledQuantiles(w, f.sales, Q90_Q, Q90, SITE_CERT_SAMPLE) > 0 ? Q90[0] : Number.POSITIVE_INFINITY;
  let reviewed = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i] || f.kind[i] !== KIND_SME || !isAware(w, i)) continue;
    reviewed++;
    const intensity = f.sales[i] > 0 ? f.rdSpend[i] / f.sales[i] : 0;
    const tier = certificationTier(
      w,
      intensity,
      f.patents[i],
      w.tick - f.entryTick[i],
      f.sales[i] >= sizeCut,
    );
    f.tier[i] = tier;
    for (let k = f.maxTier[i] + 1; k <= tier; k++) {
      const grant = tierValue(c.grantByTier, k);
      firmEarn(w.ledger, i, GOVERNMENT, grant);
      f.grantsReceived[i] += grant;
      w.spend.certification += grant;
      markSupported(w, i);
    }
    if (tier > f.maxTier[i]) f.maxTier[i] = tier;
  }
  const cost = c.reviewCostPerFirm * reviewed;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, cost);
  w.spend.certification += cost;
}

/** Tier rule (ODD §7.31): 3 little giant, 2 SRDI SME, 1 innovative SME, 0 none. */
export function certificationTier(
  w: World,
  rdIntensity: number,
  patents: number,
  ageQuarters: number,
  nicheLeader: boolean,
): number {
  const c = w.p.instruments.certification;
  if (
    rdIntensity >= c.tier3MinRdIntensity &&
    patents >= c.tier3MinPatents &&
    ageQuarters >= c.tier3MinAgeQuarters &&
    nicheLeader
  )
    return 3;
  if (
    rdIntensity >= c.tier2MinRdIntensity &&
    patents >= c.tier2MinPatents &&
    ageQuarters >= c.tier2MinAgeQuarters
  )
    return 2;
  if (rdIntensity >= c.tier1MinRdIntensity) return 1;
  return 0;
}

/** A tier's value of a by-tier benefit (0 for tier 0). */
export function tierValue(byTier: { tier1: number; tier2: number; tier3: number }, tier: number): number {
  return tier === 1 ? byTier.tier1 : tier === 2 ? byTier.tier2 : tier === 3 ? byTier.tier3 : 0;
}

/** Spread cut, extra credit ceiling and VC signal of firm i's tier (0 when the instrument is off). */
export function tierSpreadCut(w: World, i: number): number {
  return tierValue(w.p.instruments.certification.spreadCutByTier, w.firms.tier[i]);
}
export function tierCreditBoost(w: World, i: number): number {
  return tierValue(w.p.instruments.certification.creditBoostByTier, w.firms.tier[i]);
}
export function tierVcSignal(w: World, i: number): number {
  return tierValue(w.p.instruments.certification.vcSignalByTier, w.firms.tier[i]);
}
