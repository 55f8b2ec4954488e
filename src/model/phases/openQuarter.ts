import { INSTRUMENT_NAMES } from "../params.js";
import type { World } from "../world.js";

/**
 * Phase 0, open the quarter: clear this tick's tallies and spending. The firms' flows (profit, the
 * support flag) were cleared at the end of the previous tick, in the pass of `settle`, once the
 * record had read them (new firms start clear).
 */
export function openQuarter(w: World): void {
  w.rng.tick = w.tick;
  w.tally.fill(0);
  for (const name of INSTRUMENT_NAMES) w.spend[name] = 0;
  w.programmes.guaranteeFund.calls = 0;
  for (const bank of w.banks) bank.lossThisTick = 0;
}
