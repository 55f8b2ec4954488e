import type { FirmRecords } from "../../model/types.js";

/**
 * The two Community Innovation Survey (CIS) shares: SMEs that were innovation-active over the
 * last three years (introduced an innovation, or had ongoing R&D), and innovation-active firms
 * that cooperated with a university or research institute.
 *
 * FirmRecords have no dates of past R&D or innovations, only life-time counts, so the three-year
 * window is bounded from below with what the records do pin down. A firm alive at the end counts
 * as innovation-active if
 * - it performs R&D in the last quarter (ongoing activity), or
 * - it had more R&D quarters than quarters outside the window (rdQuarters > age − window), so
 *   that some R&D quarter must fall inside the window, or
 * - it is younger than the window and has innovated or performed R&D at all.
 * The result is therefore a lower bound of the CIS share. Cooperation is "ever cooperated with a
 * university", an upper bound for older firms; for firms younger than the window both are exact.
 */
export interface InnovationSurveyResult {
  innovationActiveShare: number;
  universityCooperationShare: number;
  smes: number;
  innovationActive: number;
}

export function innovationSurvey(
  firms: Pick<
    FirmRecords,
    "entryTick" | "exitTick" | "rdQuarters" | "rdSpending" | "innovations" | "cooperated"
  > &
    Partial<Pick<FirmRecords, "kind">>,
  endTick: number,
  windowQuarters = 12,
): InnovationSurveyResult {
  let smes = 0;
  let active = 0;
  let cooperating = 0;
  for (let i = 0; i < firms.entryTick.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (firms.kind && firms.kind[i] !== 0) continue;
    smes++;
    const age = endTick - firms.entryTick[i];
    const ongoing = firms.rdSpending[i] > 0;
    const rdInWindow = firms.rdQuarters[i] > age - windowQuarters;
    const young = age <= windowQuarters && (firms.innovations[i] > 0 || firms.rdQuarters[i] > 0);
    if (ongoing || rdInWindow || young) {
      active++;
      if (firms.cooperated[i]) cooperating++;
    }
  }
  return {
    innovationActiveShare: smes > 0 ? active / smes : Number.NaN,
    universityCooperationShare: active > 0 ? cooperating / active : Number.NaN,
    smes,
    innovationActive: active,
  };
}
