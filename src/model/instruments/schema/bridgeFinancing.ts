import { enabledFlag, num, section } from "../../param.js";

/** 16. Bridge financing for VC-backed firms waiting for their next round. */
export const bridgeFinancingParams = section(
  {
    enabled: enabledFlag("bridge financing between rounds"),
    capitalPerSme: num(0.01, 0, 500, {
      description:
        "Money available for bridge loans, per initial SME (sized to the economy: times the initial SMEs (`firms`), so a policy's intensity does not change with --firms).",
      unit: "M per initial SME",
      source:
        "digest 003 §3(1) (philanthropic bridge funding; no size: assumed); 0.01 = 20 M at the default 2,000 SMEs",
    }),
    maxQuarters: num(2, 0, 8, {
      description: "Quarters of burn the bridge covers at most.",
      unit: "quarters",
      source: "digest 003 §2(1) (gap of 3–5 months between rounds)",
    }),
    rate: num(0, 0, 0.1, {
      description: "Interest rate on bridge loans (repaid from the next round).",
      unit: "per quarter",
      source: "design choice (philanthropic)",
    }),
  },
  "Bridge financing: covers the 3–5 month gap between VC rounds.",
);
