import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import type { World } from "../world.js";

/**
 * SME share of public purchases (ODD §7.23): at least the quota when the instrument is on. The
 * administration cost of the purchases moved to SMEs is booked as the instrument's cost.
 */
export function smePublicShare(w: World, naturalShare: number, publicPurchases: number): number {
  const q = w.p.instruments.procurementQuota;
  if (!q.enabled || naturalShare >= q.smeShare) return naturalShare;
  const admin = q.adminCostShare * (q.smeShare - naturalShare) * publicPurchases;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, admin); // tendering staff are paid: a real outlay
  w.spend.procurementQuota += admin;
  return q.smeShare;
}
