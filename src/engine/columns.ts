import { INSTRUMENT_NAMES } from "../model/params.js";
import { TICK_METRICS } from "../model/types.js";

/**
 * The per-tick columns every output of a run carries (ticks.csv, ticks.parquet, the sidecar):
 * every metric of TICK_METRICS, then public spending per instrument as `cost.<instrument>`.
 */
export const SERIES_COLUMNS: readonly string[] = [
  ...TICK_METRICS.map((m) => m.name),
  ...INSTRUMENT_NAMES.map((name) => `cost.${name}`),
];
