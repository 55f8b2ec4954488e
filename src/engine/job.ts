import { INSTRUMENT_NAMES } from "../model/params.js";
import { type RunResult, type Simulate, TICK_METRICS } from "../model/types.js";
import { SERIES_COLUMNS } from "./columns.js";
import { SUMMARY_KEYS, summaryFromValues, summaryValues } from "./summary.js";
import type { JobOutput, JobOutputBuffer, JobTask } from "./types.js";

/**
 * One job, wherever it runs: simulate, summarise, and pack the result into one Float64Array
 * (summary values, then the per-tick series tick-major) that crosses threads by transfer.
 */
export function executeJob(simulate: Simulate, task: JobTask): JobOutputBuffer {
  const result = simulate(task.params, task.seed, {
    recordFirms: task.recordFirms,
    checkBooks: task.checkBooks,
  });
  return packJobOutput(result);
}

/** Packs a run's summary and its per-tick series into one buffer (layout in types.ts). */
export function packJobOutput(result: RunResult): JobOutputBuffer {
  const summary = summaryValues(result);
  const cols = SERIES_COLUMNS.length;
  const ticks = result.ticks;
  const out = new Float64Array(summary.length + ticks * cols);
  out.set(summary, 0);
  const base = summary.length;
  let c = 0;
  for (const m of TICK_METRICS) writeColumn(out, base, cols, c++, ticks, result.series[m.name]);
  for (const name of INSTRUMENT_NAMES) writeColumn(out, base, cols, c++, ticks, result.spending[name]);
  return out;
}

function writeColumn(
  out: Float64Array,
  base: number,
  cols: number,
  c: number,
  ticks: number,
  values: Float64Array,
): void {
  if (values.length !== ticks)
    throw new Error(`column ${SERIES_COLUMNS[c]} has ${values.length} ticks, want ${ticks}`);
  for (let t = 0; t < ticks; t++) out[base + t * cols + c] = values[t];
}

/** Unpacks a task's buffer into its summary and its series (a view, not a copy). */
export function decodeJobOutput(buffer: JobOutputBuffer): JobOutput {
  const n = SUMMARY_KEYS.length;
  const cols = SERIES_COLUMNS.length;
  const rest = buffer.length - n;
  if (rest < 0 || rest % cols !== 0) throw new Error(`malformed job output of ${buffer.length} values`);
  return {
    summary: summaryFromValues(buffer.subarray(0, n)),
    ticks: rest / cols,
    series: buffer.subarray(n),
  };
}
