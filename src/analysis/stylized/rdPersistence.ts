import type { FirmRecords } from "../../model/types.js";

/**
 * Persistence of R&D status: P(R&D in t | R&D in t − 4 quarters), the one-year transition panel
 * studies measure (≈ 0.8–0.95: Peters 2009; Máñez et al. 2009; Raymond et al. 2010). Exact from the
 * records: `rdYearAgo` is the firm's R&D status (spending > 0) a year before its last quarter, the
 * status now is rdSpending > 0 in that quarter. Over SMEs alive at the end with a known status a
 * year ago (rdYearAgo ≥ 0):
 *
 *   P = #(R&D a year ago and now) / #(R&D a year ago)
 *
 * Also returned: the share performing now among the same firms (what P would be without
 * persistence), and the number of firms with R&D a year ago (P's denominator).
 */
export interface RdPersistenceResult {
  persistence: number;
  /** Share of performers at the end among the same firms (what P would be without persistence). */
  unconditional: number;
  /** SMEs with a known status a year before the end. */
  firms: number;
  /** Of those, performers a year before the end (the denominator of P). */
  performersYearAgo: number;
}

export function rdPersistence(
  firms: Pick<FirmRecords, "exitTick" | "rdSpending" | "rdYearAgo"> & Partial<Pick<FirmRecords, "kind">>,
): RdPersistenceResult {
  let stayed = 0;
  let before = 0;
  let now = 0;
  let count = 0;
  for (let i = 0; i < firms.exitTick.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (firms.kind && firms.kind[i] !== 0) continue;
    const ago = firms.rdYearAgo[i];
    if (ago < 0) continue;
    const does = firms.rdSpending[i] > 0 ? 1 : 0;
    count++;
    now += does;
    if (ago === 1) {
      before++;
      stayed += does;
    }
  }
  return {
    persistence: before > 0 ? stayed / before : Number.NaN,
    unconditional: count > 0 ? now / count : Number.NaN,
    firms: count,
    performersYearAgo: before,
  };
}
