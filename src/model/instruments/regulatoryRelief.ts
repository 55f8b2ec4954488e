import { EXTERNAL, GOVERNMENT, transfer } from "../ledger.js";
import type { ModelParams } from "../params.js";
import type { World } from "../world.js";

/** SME compliance cost in force (ODD §7.30): the wage-indexed cost, less the relief while it is on. */
export function effectiveComplianceCost(p: ModelParams, indexed: number): number {
  const r = p.instruments.regulatoryRelief;
  return r.enabled ? indexed * (1 - r.burdenReduction) : indexed;
}

/** Running cost of the simplified regime (ODD §7.30); the relief itself lowers complianceCost. */
export function regulatoryReliefAdmin(w: World, smes: number): void {
  const r = w.p.instruments.regulatoryRelief;
  if (!r.enabled) return;
  const cost = r.adminCostPerFirm * smes;
  transfer(w.ledger, GOVERNMENT, EXTERNAL, cost);
  w.spend.regulatoryRelief += cost;
}
