import { SITE_SERVICE } from "../draws.js";
import { KIND_SME } from "../firms.js";
import { enabledFlag, num, section } from "../param.js";

/** 12. Consulting and service-centre subsidy. */
export const serviceCentresParams = section(
  {
    enabled: enabledFlag("consulting and service-centre subsidy"),
    feeSubsidy: num(0.5, 0, 1, {
      description: "Share of consulting fees the government pays.",
      unit: "share of fees",
      source: "digest 000 §3.4 (Germany: 50% for engagements of ≤ 15 days, 40% for longer ones)",
    }),
    feePerQuarter: num(0.004, 0, 10, {
      description: "Consulting fee of a firm using the service.",
      unit: "M per quarter",
      source:
        "a short engagement (digest 000 §3.4: ≤ 15 days) over the 4 client quarters: 15 days × ≈ 0.001 M a day (assumed day rate ≈ €1,000, with M ≈ €1 M: the model's SME sales per employee ≈ 0.13 M a year); ODD §7.15",
    }),
    awarenessTarget: num(0.85, 0, 1, {
      description:
        "Take-up probability of other instruments by served firms (baseline: government.awareness).",
      unit: "probability",
      source: "digest 000 §2.4 (US SBDC network)",
    }),
    productivityGain: num(0.002, 0, 0.1, {
      description:
        "Extra productivity growth of served firms (management practice; a capability of the firm that technology diffusion does not close).",
      unit: "per quarter",
      source: "Bloom et al. 2013 (management consulting raises productivity ~10%), spread over years",
    }),
    managementDecay: num(0.02, 0, 1, {
      description: "Share of the management-practice gain a firm loses each quarter (practices dropped).",
      unit: "per quarter",
      source:
        "Bloom et al. 2020 (about half the practices adopted were dropped within 8 years: 1 − 0.5^(1/32))",
    }),
    useRate: num(0.1, 0, 1, {
      description: "Share of SMEs that use the service each quarter at the subsidised price.",
      unit: "share per quarter",
      source: "digest 000 §3.4 (7,052 of 39,337 contacted SMEs helped)",
    }),
  },
  "Consulting and service-centre subsidy: raises take-up of other instruments and productivity.",
);

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
