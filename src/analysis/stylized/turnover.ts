import type { TickSeries } from "../../model/types.js";

/**
 * Yearly entry and exit rates of SMEs: start-ups founded (exits) in a year over the SMEs alive
 * at the start of that year, as in the US Business Dynamics Statistics. Years are counted from
 * `fromTick` (the end of the burn-in) in blocks of `ticksPerYear`; incomplete years are dropped.
 * The per-tick `smes` series is taken at the end of each tick, so the stock at the start of a
 * year is the value one tick before it.
 */
export interface TurnoverRates {
  entryRate: number;
  exitRate: number;
  /** Mean over years of entry rate − exit rate (net growth of the firm count). */
  netRate: number;
  yearlyEntry: number[];
  yearlyExit: number[];
}

export function entryExitRates(
  series: Pick<TickSeries, "entries" | "exits" | "smes">,
  options: { fromTick?: number; ticksPerYear?: number } = {},
): TurnoverRates {
  const tpy = options.ticksPerYear ?? 4;
  const from = Math.max(1, options.fromTick ?? 1);
  const ticks = series.smes.length;
  const yearlyEntry: number[] = [];
  const yearlyExit: number[] = [];
  for (let start = from; start + tpy <= ticks; start += tpy) {
    const stock = series.smes[start - 1];
    if (!(stock > 0)) continue;
    let entries = 0;
    let exits = 0;
    for (let t = start; t < start + tpy; t++) {
      entries += series.entries[t];
      exits += series.exits[t];
    }
    yearlyEntry.push(entries / stock);
    yearlyExit.push(exits / stock);
  }
  const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : Number.NaN);
  const entryRate = mean(yearlyEntry);
  const exitRate = mean(yearlyExit);
  return { entryRate, exitRate, netRate: entryRate - exitRate, yearlyEntry, yearlyExit };
}
