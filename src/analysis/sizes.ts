import type { RunOutputs } from "./runs.js";

/** A point of the complementary CDF: the share of firms with at least `size` employees. */
export interface CcdfPoint {
  size: number;
  share: number;
}

/**
 * Empirical complementary CDF P(X ≥ x) at each distinct positive value, thinned to at most
 * `maxPoints` points spread evenly in log size (the tail keeps its last point).
 */
export function ccdf(values: ArrayLike<number>, maxPoints = 200): CcdfPoint[] {
  const xs = Array.from(values)
    .filter((v) => v > 0 && Number.isFinite(v))
    .sort((a, b) => a - b);
  const n = xs.length;
  const all: CcdfPoint[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && xs[i] === xs[i - 1]) continue;
    all.push({ size: xs[i], share: (n - i) / n });
  }
  if (all.length <= maxPoints) return all;
  const lo = Math.log(all[0].size);
  const hi = Math.log(all[all.length - 1].size);
  const step = (hi - lo) / (maxPoints - 1);
  const out: CcdfPoint[] = [];
  let next = lo;
  for (const p of all) {
    if (Math.log(p.size) >= next - 1e-12) {
      out.push(p);
      next = Math.log(p.size) + step;
    }
  }
  const tail = all[all.length - 1];
  if (out[out.length - 1] !== tail) out.push(tail);
  return out;
}

/** Employees of the SMEs alive at the horizon, pooled over runs. */
export function smeSizesAtHorizon(runs: readonly RunOutputs[]): number[] {
  const sizes: number[] = [];
  for (const r of runs) {
    const f = r.firms;
    if (!f) continue;
    for (let i = 0; i < f.kind.length; i++) {
      if (f.kind[i] === 0 && f.exitTick[i] < 0) sizes.push(f.employees[i]);
    }
  }
  return sizes;
}
