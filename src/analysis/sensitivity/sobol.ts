import seedrandom from "seedrandom";

/**
 * Sobol variance-based indices from a Saltelli design (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output", Table 2). The outputs come in blocks of k + 2 per base
 * sample j, the layout of the scenario's `sobol` design:
 *   y[j·(k+2)]       = f(A_j)
 *   y[j·(k+2) + 1]   = f(B_j)
 *   y[j·(k+2) + 2+i] = f(AB_j^(i))   (A_j with column i taken from B_j)
 * First order S_i = mean(f(B)·(f(AB^(i)) − f(A))) / V   (Saltelli 2010, eq. (b))
 * Total      ST_i = mean((f(A) − f(AB^(i)))²) / (2V)    (Jansen 1999)
 * with V the variance of all f(A) and f(B). Confidence intervals resample the base samples j
 * (bootstrap percentile intervals, Archer, Saltelli & Sobol 1997).
 */
export interface SobolIndex {
  factor: number;
  S1: number;
  S1Ci: [number, number];
  ST: number;
  STCi: [number, number];
}

export function sobolIndices(
  y: readonly number[],
  k: number,
  options: { bootstrap?: number; seed?: string | number } = {},
): SobolIndex[] {
  const block = k + 2;
  if (y.length % block !== 0 || y.length === 0) {
    throw new RangeError(`Sobol: ${y.length} outputs is not a multiple of k + 2 = ${block}`);
  }
  const N = y.length / block;
  // base samples with a non-finite output anywhere in the block are dropped whole
  const rows: number[] = [];
  for (let j = 0; j < N; j++) {
    let ok = true;
    for (let c = 0; c < block; c++) if (!Number.isFinite(y[j * block + c])) ok = false;
    if (ok) rows.push(j);
  }
  const estimate = (sample: readonly number[]) => {
    const n = sample.length;
    let m = 0;
    for (const j of sample) m += y[j * block] + y[j * block + 1];
    m /= 2 * n;
    let v = 0;
    for (const j of sample) v += (y[j * block] - m) ** 2 + (y[j * block + 1] - m) ** 2;
    v /= 2 * n - 1;
    const s1 = new Array<number>(k).fill(0);
    const st = new Array<number>(k).fill(0);
    for (const j of sample) {
      const fA = y[j * block];
      const fB = y[j * block + 1];
      for (let i = 0; i < k; i++) {
        const fAB = y[j * block + 2 + i];
        s1[i] += fB * (fAB - fA);
        st[i] += (fA - fAB) ** 2;
      }
    }
    return { S1: s1.map((s) => s / n / v), ST: st.map((s) => s / (2 * n) / v) };
  };
  const point = estimate(rows);
  const B = options.bootstrap ?? 500;
  const rng = seedrandom(String(options.seed ?? "sobol-bootstrap"));
  const bootS1: number[][] = Array.from({ length: k }, () => []);
  const bootST: number[][] = Array.from({ length: k }, () => []);
  const sample = new Array<number>(rows.length);
  for (let b = 0; b < B && rows.length > 1; b++) {
    for (let j = 0; j < rows.length; j++) sample[j] = rows[Math.floor(rng() * rows.length)];
    const e = estimate(sample);
    for (let i = 0; i < k; i++) {
      bootS1[i].push(e.S1[i]);
      bootST[i].push(e.ST[i]);
    }
  }
  const interval = (v: number[]): [number, number] => {
    const f = v.filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
    if (f.length === 0) return [Number.NaN, Number.NaN];
    return [f[Math.floor(0.025 * (f.length - 1))], f[Math.ceil(0.975 * (f.length - 1))]];
  };
  return Array.from({ length: k }, (_, i) => ({
    factor: i,
    S1: point.S1[i],
    S1Ci: interval(bootS1[i]),
    ST: point.ST[i],
    STCi: interval(bootST[i]),
  }));
}
