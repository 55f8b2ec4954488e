import { FLAG_SUPPORTED, KIND_SME } from "./firms.js";
import { TICK_METRICS, type TickMetricName } from "./types.js";
import type { World } from "./world.js";

/** Small queries on the world used by phases and instruments (no state of their own). */

/** Index of each metric in `World.tally`. */
export const METRIC = Object.fromEntries(TICK_METRICS.map((m, i) => [m.name, i])) as Record<
  TickMetricName,
  number
>;

/** Expected size of the random sample behind every quantile estimate (credit classes, selection cut-offs). */
export const SAMPLE_SIZE = 256;

/**
 * Number of live SMEs: every live firm that is not a lead firm (lead firms are all in `World.leads`,
 * and no other kind exists; the books check asserts it each tick).
 */
export function countLiveSmes(w: World): number {
  return w.firms.count - w.leads.length;
}

/** A random live firm of any kind, or −1. */
export function sampleFirm(w: World): number {
  const { alive, hi } = w.firms;
  if (hi === 0) return -1;
  for (let k = 0; k < 32; k++) {
    const s = w.rng.int(hi);
    if (alive[s]) return s;
  }
  return -1;
}

/**
 * Estimated quantiles of a column over live SMEs for which the column is finite, from a coordinated
 * random sample of about SAMPLE_SIZE of them: with N such SMEs, SME i is in the sample when its own
 * uniform of this quarter (stream (uid, site)) is below SAMPLE_SIZE/N (all of them when N ≤
 * SAMPLE_SIZE). The sample is keyed on the firms, not on their slots, so two paired runs sample
 * the same firms wherever their populations agree. Two O(N) passes without sorting the population;
 * the sample (≈ SAMPLE_SIZE ± √SAMPLE_SIZE) is sorted. Fills `out` with the quantiles `qs` and
 * returns the number of sampled values (0: no estimate, `out` untouched).
 */
export function sampledQuantiles(
  w: World,
  column: Float32Array | Float64Array,
  qs: readonly number[],
  out: Float64Array,
  site: number,
): number {
  const m = countFiniteSmes(w, column);
  if (m === 0) return 0;
  const n = drawSample(w, column, SAMPLE_SIZE / m, w.rng.key(site));
  sampleQuantiles(w.sample, n, qs, out);
  return n;
}

/** Quantiles `qs` of the first n > 0 values of `sample` (sorted in place) into `out`. */
export function sampleQuantiles(
  sample: Float64Array,
  n: number,
  qs: readonly number[],
  out: Float64Array,
): void {
  const view = sample.subarray(0, n);
  view.sort();
  for (let k = 0; k < qs.length; k++) out[k] = view[Math.min(n - 1, Math.floor(qs[k] * n))];
}

// The two passes of `sampledQuantiles` are functions of their own that end in their loop: run once
// per call, a loop is compiled by on-stack replacement before the code after it has run, and V8
// (Node 20) then deoptimises at that code on every call and re-enters the same stale code (see
// `settle`); a bare `return` after the loop needs no feedback, so nothing there deoptimises.

/** Number of live SMEs with a finite value in `column`. */
function countFiniteSmes(w: World, column: Float32Array | Float64Array): number {
  const { alive, kind, hi } = w.firms;
  let m = 0;
  for (let i = 0; i < hi; i++) if (alive[i] && kind[i] === KIND_SME && Number.isFinite(column[i])) m++;
  return m;
}

/**
 * The coordinated sample of `sampledQuantiles` into `w.sample`: the live SMEs with a finite value
 * whose uniform of the quarter `rng.pickUniform(uid, key)` (key = rng.key(site)) is below `pi`
 * (all when pi ≥ 1), in slot order, at most `w.sample.length`. Returns their number.
 */
function drawSample(w: World, column: Float32Array | Float64Array, pi: number, key: number): number {
  const { alive, kind, uid, hi } = w.firms;
  const rng = w.rng;
  const buf = w.sample;
  let n = 0;
  for (let i = 0; i < hi && n < buf.length; i++) {
    if (!alive[i] || kind[i] !== KIND_SME || !Number.isFinite(column[i])) continue;
    if (pi < 1 && rng.pickUniform(uid[i], key) >= pi) continue;
    buf[n++] = column[i];
  }
  return n;
}

/** Is firm i aware of (and so applies to) public programmes this quarter? */
export function isAware(w: World, i: number): boolean {
  const f = w.firms;
  const p =
    f.clientUntil[i] >= w.tick ? w.p.instruments.serviceCentres.awarenessTarget : w.p.government.awareness;
  return f.awareness[i] < p;
}

/** Mark firm i as having received public support this quarter (for the take-up metric). */
export function markSupported(w: World, i: number): void {
  w.firms.flags[i] |= FLAG_SUPPORTED;
}
