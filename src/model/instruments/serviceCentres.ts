import { SITE_SERVICE } from "../draws.js";
import { KIND_SME } from "../firms.js";
import { EXTERNAL, firmSpend, GOVERNMENT, transfer } from "../ledger.js";
import { markSupported } from "../queries.js";
import type { World } from "../world.js";

/** Quarters a visit makes a firm a client (aware of programmes, better managed). */
export const CLIENT_QUARTERS = 4;

/**
 * Service-centre visits (ODD §7.15), at the programmes phase: each SME that is not a client
 * becomes one with probability useRate, paying (1 − feeSubsidy) of the fee while the government
 * pays the rest (to the consultants in the external sector) every quarter it is a client.
 */
export function serviceCentreVisits(w: World): void {
  const s = w.p.instruments.serviceCentres;
  if (!s.enabled) return;
  const f = w.firms;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i] || f.kind[i] !== KIND_SME) continue;
    if (f.clientUntil[i] < w.tick && useDraw(w, i) < s.useRate)
      f.clientUntil[i] = w.tick + CLIENT_QUARTERS - 1;
    if (f.clientUntil[i] >= w.tick) {
      firmSpend(w.ledger, i, EXTERNAL, (1 - s.feeSubsidy) * s.feePerQuarter);
      const subsidy = s.feeSubsidy * s.feePerQuarter;
      transfer(w.ledger, GOVERNMENT, EXTERNAL, subsidy);
      w.spend.serviceCentres += subsidy;
      markSupported(w, i);
    }
  }
}

/** Productivity gain of a client this quarter (management practice, ODD §7.15). */
export function serviceCentreProductivityGain(w: World, i: number): number {
  const s = w.p.instruments.serviceCentres;
  return s.enabled && w.firms.clientUntil[i] >= w.tick ? s.productivityGain : 0;
}

/**
 * Firm i's log productivity after this quarter's management change (ODD §7.15): the management
 * component m (log) loses `managementDecay` of itself and a client adds log(1 + gain);
 * log A changes by the same amount. Returns the new log A and updates m.
 */
export function managementUpdate(w: World, i: number, logA: number): number {
  const f = w.firms;
  const m = f.management[i];
  const gain = serviceCentreProductivityGain(w, i);
  if (m === 0 && gain === 0) return logA;
  const next = m * (1 - w.p.instruments.serviceCentres.managementDecay) + Math.log1p(gain);
  f.management[i] = next;
  return logA + next - m;
}

/** Firm i's draw for a visit this quarter (its own stream). */
function useDraw(w: World, i: number): number {
  w.rng.at(w.firms.uid[i], SITE_SERVICE);
  return w.rng.uniform();
}
