import type { FirmRecords } from "../../model/types.js";
import { type LinearFit, type LogitFit, logitFit, olsFit, quantileSorted } from "./numeric.js";

/**
 * R&D and firm size (Cohen, Levin & Mowery 1987; Cohen & Klepper 1996): the probability of
 * performing R&D rises with size, while among performers R&D intensity (R&D/sales) does not
 * rise with size — R&D is roughly proportional to sales. On the SMEs alive at the end of the run:
 * - participation: logit of (R&D > 0) on ln employees (slope > 0), and the share of performers
 *   by size quartile;
 * - intensity: OLS slope of ln(R&D/sales) on ln employees among performers (≈ 0).
 */
export interface RdSizeResult {
  participation: LogitFit;
  /** Share of R&D performers in each employee quartile (smallest first). */
  shareByQuartile: number[];
  intensity: LinearFit;
  performers: number;
  firms: number;
}

type RdFirms = Pick<FirmRecords, "employees" | "rdSpending" | "sales" | "exitTick"> &
  Partial<Pick<FirmRecords, "kind">>;

export function rdAndSize(firms: RdFirms): RdSizeResult {
  const lnSize: number[] = [];
  const performs: number[] = [];
  const perfLnSize: number[] = [];
  const perfLnIntensity: number[] = [];
  for (let i = 0; i < firms.employees.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (firms.kind && firms.kind[i] !== 0) continue;
    const e = firms.employees[i];
    if (!(e > 0)) continue;
    const rd = firms.rdSpending[i];
    lnSize.push(Math.log(e));
    performs.push(rd > 0 ? 1 : 0);
    if (rd > 0 && firms.sales[i] > 0) {
      perfLnSize.push(Math.log(e));
      perfLnIntensity.push(Math.log(rd / firms.sales[i]));
    }
  }
  const sorted = [...lnSize].sort((a, b) => a - b);
  const cuts = [0.25, 0.5, 0.75].map((p) => quantileSorted(sorted, p));
  const counts = [0, 0, 0, 0];
  const perf = [0, 0, 0, 0];
  for (let i = 0; i < lnSize.length; i++) {
    let q = 0;
    while (q < 3 && lnSize[i] > cuts[q]) q++;
    counts[q]++;
    perf[q] += performs[i];
  }
  return {
    participation: logitFit(lnSize, performs),
    shareByQuartile: counts.map((c, q) => (c > 0 ? perf[q] / c : Number.NaN)),
    intensity: olsFit(perfLnSize, perfLnIntensity),
    performers: perfLnSize.length,
    firms: lnSize.length,
  };
}
