import { enabledFlag, num, section } from "../../param.js";

/** 13. Strength of IP protection (overrides rnd.ipStrength when on). */
export const ipProtectionParams = section(
  {
    enabled: enabledFlag("IP protection policy"),
    strength: num(0.8, 0, 1, {
      description: "Probability that a patent blocks an imitation attempt (replaces rnd.ipStrength).",
      unit: "probability",
      source: "Silverberg & Verspagen 2007; digest frictions (weak IP protection)",
    }),
    enforcementCost: num(0.002, 0, 1, {
      description: "Public enforcement cost per granted patent and quarter.",
      unit: "M per patent-quarter",
      source: "design choice",
    }),
  },
  "IP protection: patents block imitation with a given probability.",
);
