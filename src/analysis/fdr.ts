/**
 * Benjamini–Hochberg false discovery rate control for the many paired comparisons of a compare
 * run (every scenario against the baseline on every outcome): testing each at 5% would report
 * about one spurious "effect" in twenty null comparisons.
 */

/**
 * BH-adjusted p-values (q-values), the same as R's p.adjust(p, method = "BH"):
 * q_(i) = min over j ≥ i of min(1, m·p_(j)/j) for the sorted p-values. NaN entries (a
 * comparison with no test, e.g. n = 1) stay NaN and do not count in m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (p < 0 || p > 1) throw new RangeError(`benjaminiHochberg: p-value out of [0, 1]: ${p}`);
  }
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => b.p - a.p);
  const m = order.length;
  const q = pValues.map(() => Number.NaN);
  let running = 1;
  // from the largest p down: rank = m − k, and the running minimum makes q monotone in p.
  // (m / rank)·p as R computes it: the factor is ≥ 1 after rounding, so q ≥ p holds exactly
  order.forEach(({ p, i }, k) => {
    running = Math.min(running, (m / (m - k)) * p);
    q[i] = running;
  });
  return q;
}

/** Which hypotheses BH rejects at false discovery rate `q`: q-value ≤ q (NaN is never one). */
export function discoveries(pValues: readonly number[], q = 0.05): boolean[] {
  return benjaminiHochberg(pValues).map((v) => v <= q);
}
