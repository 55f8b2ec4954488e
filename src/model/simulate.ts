import { checkBooks } from "./books.js";
import { Firms } from "./firms.js";
import { initialise } from "./init.js";
import { INSTRUMENT_NAMES, type ModelParams } from "./params.js";
import { FirmRecorder } from "./records.js";
import { tick } from "./tick.js";
import {
  type InstrumentSpending,
  type RunResult,
  type SimulateOptions,
  TICK_METRICS,
  type TickSeries,
} from "./types.js";
import { createWorld } from "./world.js";

/**
 * Run the model: `params.ticks` quarters from the state `initialise` builds, with one random
 * stream seeded by `seed`. Pure and deterministic: same params and seed, same result.
 */
export function simulate(params: ModelParams, seed: number, options: SimulateOptions = {}): RunResult {
  const w = createWorld(params, seed);
  const recorder = options.recordFirms ? new FirmRecorder() : null;
  if (recorder) w.onFirmGone = (slot, t, cause) => recorder.capture(w, slot, t, cause);
  initialise(w);
  const ticks = params.ticks;
  const series = {} as TickSeries;
  const columns: Float64Array[] = [];
  for (const m of TICK_METRICS) {
    const s = new Float64Array(ticks);
    series[m.name] = s;
    columns.push(s);
  }
  const spending = {} as InstrumentSpending;
  for (const name of INSTRUMENT_NAMES) spending[name] = new Float64Array(ticks);
  for (let t = 0; t < ticks; t++) {
    w.tick = t;
    tick(w);
    if (options.checkBooks) checkBooks(w);
    for (let k = 0; k < columns.length; k++) columns[k][t] = w.tally[k];
    for (const name of INSTRUMENT_NAMES) spending[name][t] = w.spend[name];
  }
  const result: RunResult = { ticks, series, spending, stateBytesPerFirm: Firms.bytesPerSlot() };
  if (recorder) {
    const f = w.firms;
    for (let i = 0; i < f.hi; i++) if (f.alive[i]) recorder.capture(w, i, -1, 0);
    result.firms = recorder.finish();
  }
  return result;
}
