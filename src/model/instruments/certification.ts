import { SITE_CERT_SAMPLE } from "../draws.js";
import { KIND_SME } from "../firms.js";
import { enabledFlag, int, num, section } from "../param.js";

/** 19. Tiered certification: innovative SME → SRDI SME → little giant, with benefits by tier. */
export const certificationParams = section(
  {
    enabled: enabledFlag("tiered certification (innovative SME → SRDI → little giant)"),
    tier1MinRdIntensity: num(0.02, 0, 1, {
      description: "Innovative SME: minimum R&D spending as a share of sales.",
      unit: "share of sales",
      source: "digest 004 §1 (MIIT criteria)",
    }),
    tier2MinRdIntensity: num(0.03, 0, 1, {
      description: "SRDI SME: minimum R&D intensity.",
      unit: "share of sales",
      source: "digest 004 §1, §2.2 (MIIT SRDI criteria: R&D ≥ 3%)",
    }),
    tier2MinPatents: int(2, 0, 1000, {
      description: "SRDI SME: minimum patents.",
      unit: "patents",
      source: "digest 004 §2.2",
    }),
    tier2MinAgeQuarters: int(8, 0, 400, {
      description: "SRDI SME: minimum age.",
      unit: "quarters",
      source: "digest 004 §2.2 (at least 2 years)",
    }),
    tier3MinRdIntensity: num(0.03, 0, 1, {
      description: "Little giant: minimum R&D intensity.",
      unit: "share of sales",
      source: "digest 004 §2.2 (little giants average 6.3%)",
    }),
    tier3MinPatents: int(5, 0, 1000, {
      description: "Little giant: minimum patents.",
      unit: "patents",
      source: "digest 004 §2.2.2 (~17 granted patents per little giant)",
    }),
    tier3MinAgeQuarters: int(12, 0, 400, {
      description: "Little giant: minimum age.",
      unit: "quarters",
      source: "digest 004 §2.2.1 (most older than 10 years)",
    }),
    tier3MinSizePercentile: num(0.9, 0, 1, {
      description: "Little giant: minimum percentile of sales among SMEs (niche leader).",
      unit: "percentile",
      source: "digest 004 §2.2.1 (about half hold 10–30% of their niche)",
    }),
    grantByTier: z3(
      0.01,
      0.05,
      0.2,
      "One-off grant when a firm first reaches tier 1, 2, 3.",
      "M",
      "digest 004 §2.2.3 (≥ 10 bn RMB central SRDI subsidies)",
    ),
    spreadCutByTier: z3(
      0,
      0.001,
      0.002,
      "Cut in the bank loan spread for tiers 1, 2, 3 (SRDI loans).",
      "per quarter",
      "digest 004 §2.2.3 (SRDI loans +20.4% a year)",
    ),
    creditBoostByTier: z3(
      0,
      0.25,
      0.5,
      "Extra credit ceiling for tiers 1, 2, 3 (share of the normal ceiling).",
      "share",
      "digest 004 §2.2.3",
    ),
    vcSignalByTier: z3(
      0,
      0.1,
      0.2,
      "Improvement of VC screening signal for tiers 1, 2, 3.",
      "1",
      "design choice (certification as a quality signal)",
    ),
    reviewEveryQuarters: int(4, 1, 40, {
      description: "How often firms are reviewed for certification.",
      unit: "quarters",
      source: "design choice (yearly review)",
    }),
    reviewCostPerFirm: num(0.0005, 0, 1, {
      description: "Public cost of reviewing one applicant.",
      unit: "M per application",
      source: "design choice",
    }),
  },
  "Tiered certification with tier-specific benefits (SRDI 2023).",
);

function z3(a: number, b: number, c: number, description: string, unit: string, source: string) {
  return section(
    {
      tier1: num(a, 0, 100, { description: `${description} (tier 1)`, unit, source }),
      tier2: num(b, 0, 100, { description: `${description} (tier 2)`, unit, source }),
      tier3: num(c, 0, 100, { description: `${description} (tier 3)`, unit, source }),
    },
    description,
  );
}

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
