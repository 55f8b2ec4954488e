import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import type { World } from "../world.js";

/** Enforcement cost of the late-payment cap (ODD §7.27); the cap itself acts on payment days. */
export function latePaymentEnforcement(w: World): void {
  const c = w.p.instruments.latePaymentCap;
  if (!c.enabled) return;
  const cost = c.enforcementCostPerSme * w.p.firms;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, cost);
  w.spend.latePaymentCap += cost;
}
