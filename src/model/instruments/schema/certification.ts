import { enabledFlag, int, num, section } from "../../param.js";

/** Three per-tier values as one section (tier1, tier2, tier3). */
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
