import { enabledFlag, num, section } from "../param.js";

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

import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import type { ModelParams } from "../params.js";
import type { World } from "../world.js";

/** IP strength in force (ODD §7.26): the regime's while it is on, else `rnd.ipStrength`. */
export function effectiveIpStrength(p: ModelParams): number {
  const ip = p.instruments.ipProtection;
  return ip.enabled ? ip.strength : p.rnd.ipStrength;
}

/** Enforcement cost of the IP regime (ODD §7.26): enforcementCost per patent in force. */
export function ipEnforcement(w: World, patentsInForce: number): void {
  const ip = w.p.instruments.ipProtection;
  if (!ip.enabled) return;
  const cost = ip.enforcementCost * patentsInForce;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, cost);
  w.spend.ipProtection += cost;
}
