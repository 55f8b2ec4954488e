import type { FirmRecords } from "../../model/types.js";

/**
 * Persistence of R&D status. Panel studies measure P(R&D in t+1 | R&D in t) ≈ 0.8–0.95 a year
 * (Peters 2009; Máñez et al. 2009; Raymond et al. 2010). FirmRecords hold, per firm, only the
 * number of quarters with R&D (rdQuarters), the age and the R&D status at the end of the run, so
 * the one-step transition cannot be read off. The proxy computed here is the probability that a
 * firm performs R&D at the end of the run given that it performed R&D in a quarter drawn at
 * random from its past life:
 *
 *   P = Σ_i s_i·q_i / Σ_i q_i   (s_i: R&D at the end, q_i: past quarters with R&D)
 *
 * over SMEs at least `minAgeQuarters` old. Under a stationary Markov status this averages the
 * k-step persistence over lags 1..age, so it is a lower bound of the one-year persistence; with
 * no persistence it equals the unconditional share of performers, which is also returned.
 */
export interface RdPersistenceResult {
  persistence: number;
  /** Share of performers at the end among the same firms (what P would be without persistence). */
  unconditional: number;
  firms: number;
}

export function rdPersistence(
  firms: Pick<FirmRecords, "entryTick" | "exitTick" | "rdQuarters" | "rdSpending"> &
    Partial<Pick<FirmRecords, "kind">>,
  endTick: number,
  minAgeQuarters = 8,
): RdPersistenceResult {
  let num = 0;
  let den = 0;
  let performers = 0;
  let count = 0;
  for (let i = 0; i < firms.entryTick.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (firms.kind && firms.kind[i] !== 0) continue;
    const age = endTick - firms.entryTick[i];
    if (age < minAgeQuarters) continue;
    const now = firms.rdSpending[i] > 0 ? 1 : 0;
    // the quarters before the last one: the last quarter's status is the one being predicted
    const past = Math.max(0, firms.rdQuarters[i] - now);
    num += now * past;
    den += past;
    performers += now;
    count++;
  }
  return {
    persistence: den > 0 ? num / den : Number.NaN,
    unconditional: count > 0 ? performers / count : Number.NaN,
    firms: count,
  };
}
