import { enabledFlag, num, section } from "../../param.js";

/** 10. Capital-gains tax on VC exits and the openness of an exit market. */
export const vcExitPolicyParams = section(
  {
    enabled: enabledFlag("VC exit policy (capital-gains tax cut, exit market)"),
    capitalGainsTaxRate: num(0.2, 0, 0.9, {
      description: "Tax rate on VC exit gains while the policy is on (replaces vc.capitalGainsTaxRate).",
      unit: "share of gains",
      source: "digest 000 §3.1 (US 1978/1982 cuts: top rate 49% → 28% → 20%)",
    }),
    exitMarketOpenness: num(1, 0, 1, {
      description: "Openness of the IPO market while the policy is on (replaces vc.exitMarketOpenness).",
      unit: "share",
      source: "digest 000 §3.1 (NASDAQ as exit market)",
    }),
  },
  "VC exit policy: a lower capital-gains tax and an open exit market (NASDAQ-style).",
);
