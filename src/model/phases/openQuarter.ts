import { FLAG_SUPPORTED } from "../firms.js";
import { INSTRUMENT_NAMES } from "../params.js";
import type { World } from "../world.js";

/** Phase 0, open the quarter: clear this tick's tallies, spending and firms' flow columns. */
export function openQuarter(w: World): void {
  w.tally.fill(0);
  for (const name of INSTRUMENT_NAMES) w.spend[name] = 0;
  w.programmes.guaranteeFund.calls = 0;
  for (const bank of w.banks) bank.lossThisTick = 0;
  const f = w.firms;
  const clear = ~FLAG_SUPPORTED & 0xff;
  for (let i = 0; i < f.hi; i++) {
    if (!f.alive[i]) continue;
    f.profit[i] = 0;
    f.flags[i] &= clear;
  }
}
