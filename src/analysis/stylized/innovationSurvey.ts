import type { FirmRecords } from "../../model/types.js";

/**
 * The two Community Innovation Survey (CIS) shares, exact from the records' dates: SMEs alive at
 * the end that were innovation-active over the last `windowQuarters` quarters (an innovation, or
 * R&D spending, in a tick t with t ≥ endTick − window; endTick = ticks run, so the window is the
 * last `window` ticks), and the share of those that cooperated with a university in the same window
 * (a joint project running, or a licence: `lastCooperationTick`).
 */
export interface InnovationSurveyResult {
  innovationActiveShare: number;
  universityCooperationShare: number;
  smes: number;
  innovationActive: number;
}

export function innovationSurvey(
  firms: Pick<FirmRecords, "exitTick" | "lastRdTick" | "lastInnovationTick" | "lastCooperationTick"> &
    Partial<Pick<FirmRecords, "kind">>,
  endTick: number,
  windowQuarters = 12,
): InnovationSurveyResult {
  const from = endTick - windowQuarters;
  let smes = 0;
  let active = 0;
  let cooperating = 0;
  for (let i = 0; i < firms.exitTick.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (firms.kind && firms.kind[i] !== 0) continue;
    smes++;
    if (firms.lastRdTick[i] >= from || firms.lastInnovationTick[i] >= from) {
      active++;
      if (firms.lastCooperationTick[i] >= from) cooperating++;
    }
  }
  return {
    innovationActiveShare: smes > 0 ? active / smes : Number.NaN,
    universityCooperationShare: active > 0 ? cooperating / active : Number.NaN,
    smes,
    innovationActive: active,
  };
}
