import { enabledFlag, flag, int, num, section } from "../../param.js";

/** 9. Government guidance fund: a mother fund matching private money in VC sub-funds. */
export const guidanceFundParams = section(
  {
    enabled: enabledFlag("government guidance fund"),
    capitalPerSme: num(0.1, 0, 5000, {
      description:
        "Public money committed by the mother fund over the run, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME",
      source:
        "digest 004 §2.2.3 (national SME fund > 40 bn RMB), scaled: 0.1 = 200 M at the default 2,000 SMEs",
    }),
    matchRatio: num(1, 0, 10, {
      description: "Public money per unit of private commitment in each sub-fund.",
      unit: "1",
      source: "digest 003 §3(1); typical 1:1 to 1:4 (Chinese guidance funds)",
    }),
    subFunds: int(5, 1, 200, {
      description: "Number of sub-funds.",
      unit: "funds",
      source: "digest 004 §2.2.3 (33 sub-funds nationally), scaled",
    }),
    earlyStageBias: num(0.5, 0, 1, {
      description: "How much the sub-funds lower their deal threshold for seed and early deals.",
      unit: "share",
      source: "digest 003 §3(1) (angel guidance fund)",
    }),
    horseRace: flag(false, {
      description: "Yearly move of uncommitted public money from the worst to the best sub-funds.",
      unit: "on/off",
      source: "digest 003 §2(1) (Shenzhen 'horse race')",
    }),
    horseRaceShare: num(0.2, 0, 1, {
      description: "Share of the worst sub-fund's uncommitted public money moved each year.",
      unit: "share per year",
      source: "design choice (digest 003 §2(1) gives no figure)",
    }),
  },
  "Government guidance fund: public money matched to private money in VC sub-funds.",
);
