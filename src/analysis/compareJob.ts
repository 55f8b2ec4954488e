import { SERIES_COLUMNS } from "../engine/columns.js";
import { packJobOutput } from "../engine/job.js";
import { SUMMARY_KEYS, type Summary, summaryFromValues } from "../engine/summary.js";
import { INSTRUMENT_NAMES } from "../model/params.js";
import type { RunResult } from "../model/types.js";
import { TICK_METRICS } from "../model/types.js";
import { FIRM_COLUMNS, type FirmColumns, type RunOutputs } from "./runs.js";

/**
 * A comparison job's result, one Float64Array that crosses threads by transfer: the engine's
 * job output (summary values, then the per-tick series) followed by the few firm-record columns
 * the comparison's distribution and survival charts need:
 *   [engine job output] [m] [kind × m] [origin × m] [entryTick × m] [exitTick × m] [exitCause × m] [employees × m]
 */
export function packCompareOutput(result: RunResult): Float64Array {
  const job = packJobOutput(result);
  const f = result.firms;
  const m = f ? f.kind.length : 0;
  const out = new Float64Array(job.length + 1 + FIRM_COLUMNS.length * m);
  out.set(job, 0);
  out[job.length] = m;
  if (f) {
    FIRM_COLUMNS.forEach((name, c) => {
      out.set(f[name], job.length + 1 + c * m);
    });
  }
  return out;
}

/** Unpacks a comparison job's buffer for a run of `ticks` quarters. */
export function decodeCompareOutput(
  buffer: Float64Array,
  ticks: number,
  seed: number,
  replication: number,
): { run: RunOutputs; summary: Summary } {
  const n = SUMMARY_KEYS.length;
  const cols = SERIES_COLUMNS.length;
  const jobLength = n + ticks * cols;
  if (buffer.length < jobLength + 1)
    throw new Error(`malformed comparison output of ${buffer.length} values`);
  const summary = summaryFromValues(buffer.subarray(0, n));
  const column = (c: number) => {
    const a = new Float64Array(ticks);
    for (let t = 0; t < ticks; t++) a[t] = buffer[n + t * cols + c];
    return a;
  };
  const series = {} as Record<string, Float64Array>;
  TICK_METRICS.forEach((metric, c) => {
    series[metric.name] = column(c);
  });
  const spending: Record<string, Float64Array> = {};
  for (const name of INSTRUMENT_NAMES) {
    const c = SERIES_COLUMNS.indexOf(`cost.${name}`);
    if (c >= 0) spending[name] = column(c);
  }
  const m = buffer[jobLength];
  if (buffer.length !== jobLength + 1 + FIRM_COLUMNS.length * m) {
    throw new Error(`malformed comparison output: ${m} firm records do not fit ${buffer.length} values`);
  }
  let firms: FirmColumns | undefined;
  if (m > 0) {
    firms = {} as FirmColumns;
    FIRM_COLUMNS.forEach((name, c) => {
      const start = jobLength + 1 + c * m;
      (firms as FirmColumns)[name] = buffer.slice(start, start + m);
    });
  }
  return {
    run: { seed, replication, ticks, series: series as unknown as RunOutputs["series"], spending, firms },
    summary,
  };
}
