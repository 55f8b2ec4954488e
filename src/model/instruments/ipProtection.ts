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
