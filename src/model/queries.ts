import { TICK_METRICS, type TickMetricName } from "./types.js";
import type { World } from "./world.js";

/** Small queries on the world used by phases and instruments (no state of their own). */

/** Index of each metric in `World.tally`. */
export const METRIC = Object.fromEntries(TICK_METRICS.map((m, i) => [m.name, i])) as Record<
  TickMetricName,
  number
>;

/** Size of the random sample behind every quantile estimate (credit classes, selection cut-offs). */
export const SAMPLE_SIZE = 256;

/** A random live SME slot (rejection sampling with a bounded number of tries), or −1. */
export function sampleSme(w: World): number {
  const { alive, kind, hi } = w.firms;
  if (hi === 0) return -1;
  for (let k = 0; k < 32; k++) {
    const s = w.rng.int(hi);
    if (alive[s] && kind[s] === 0) return s;
  }
  return -1;
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
 * Estimated quantiles of a column over live SMEs for which the column is finite, from a random
 * sample of SAMPLE_SIZE (O(1) per tick instead of a full sort). Fills `out` with the quantiles
 * `qs` and returns the number of sampled values (0: no estimate, `out` untouched).
 */
export function sampledQuantiles(
  w: World,
  column: Float32Array | Float64Array,
  qs: readonly number[],
  out: Float64Array,
): number {
  const { alive, kind, hi } = w.firms;
  const buf = w.sample;
  let n = 0;
  for (let tries = 0; tries < SAMPLE_SIZE * 8 && n < SAMPLE_SIZE && hi > 0; tries++) {
    const s = w.rng.int(hi);
    if (alive[s] && kind[s] === 0 && Number.isFinite(column[s])) buf[n++] = column[s];
  }
  if (n === 0) return 0;
  const view = buf.subarray(0, n);
  view.sort();
  for (let k = 0; k < qs.length; k++) out[k] = view[Math.min(n - 1, Math.floor(qs[k] * n))];
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
  w.firms.flags[i] |= 64;
}
