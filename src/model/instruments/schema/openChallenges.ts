import { enabledFlag, int, num, section } from "../../param.js";

/** 15. Open challenges (揭榜挂帅): lead firms post needs, SMEs compete, the winner gets a purchase commitment. */
export const openChallengesParams = section(
  {
    enabled: enabledFlag("open challenges"),
    challengesPerLeadFirmYear: num(1, 0, 20, {
      description: "Challenges each lead firm posts a year.",
      unit: "per lead firm per year",
      source: "digest 003 §3(2) (Beijing: 20 lead firms)",
    }),
    applicants: int(20, 1, 1000, {
      description: "R&D-performing SMEs that enter each challenge.",
      unit: "firms",
      source: "calibrated (ODD §7.16)",
    }),
    purchaseCommitment: num(0.5, 0, 1e3, {
      description: "Purchases the lead firm commits to buy from the winner per quarter.",
      unit: "M per quarter",
      source: "digest 004 §2.3.1 (SRDI firms entering lead firms' supply chains)",
    }),
    commitmentQuarters: int(8, 1, 80, {
      description: "How long the purchase commitment lasts.",
      unit: "quarters",
      source: "design choice",
    }),
    publicPrize: num(0.1, 0, 100, {
      description: "Public co-funding paid to the winner.",
      unit: "M",
      source: "design choice",
    }),
  },
  "Open challenges (揭榜挂帅): lead firms' needs, SME competition, purchase commitment to the winner.",
);
