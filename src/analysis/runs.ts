import type { InstrumentName } from "../model/params.js";
import type { FirmRecords, TickMetricName } from "../model/types.js";

/**
 * What the analysis reads of one finished run: its seed and the model's outputs. `RunResult`
 * from the model fits (typed arrays), and so does the same data read back from JSON (plain
 * arrays), so results on disk and results in memory go through the same code.
 */
export interface RunOutputs {
  seed: number;
  replication: number;
  ticks: number;
  series: Readonly<Record<TickMetricName, ArrayLike<number>>>;
  spending: Readonly<Partial<Record<InstrumentName, ArrayLike<number>>>>;
  firms?: FirmColumns;
}

/** The firm-record columns the analysis needs (a subset of `FirmRecords`). */
export type FirmColumns = { [K in FirmColumnName]: ArrayLike<number> };
export const FIRM_COLUMNS = ["kind", "origin", "entryTick", "exitTick", "exitCause", "employees"] as const;
export type FirmColumnName = (typeof FIRM_COLUMNS)[number] & keyof FirmRecords;

/** The runs of one scenario, as the user named it. */
export interface ScenarioRuns {
  name: string;
  description?: string;
  /** First quarter (0-based) the scenario's instruments act in: government.policyStartQuarter. */
  policyStart?: number;
  runs: RunOutputs[];
}

export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

export function last(xs: ArrayLike<number>): number {
  return xs.length === 0 ? Number.NaN : xs[xs.length - 1];
}

export function cumulative(xs: ArrayLike<number>): number[] {
  const out = new Array<number>(xs.length);
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    out[i] = s;
  }
  return out;
}
