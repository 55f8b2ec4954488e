import seedrandom from "seedrandom";

/**
 * Morris elementary effects (Morris 1991; Campolongo, Cariboni & Saltelli 2007) for screening:
 * r random one-at-a-time trajectories through a p-level grid of the unit cube [0,1]^k, each of
 * k + 1 points, so r·(k + 1) model runs in all. Along a trajectory every factor moves once, by
 * ±Δ with Δ = p / (2(p − 1)); the elementary effect of factor i is the output change over that
 * step divided by the signed step. Per factor: μ* = mean |EE| (importance), μ = mean EE (sign),
 * σ = s.d. of EE (interactions and non-linearity).
 */
export interface MorrisDesign {
  k: number;
  r: number;
  levels: number;
  delta: number;
  /** r·(k+1) points in [0,1]^k, trajectory by trajectory. */
  points: number[][];
  /** For trajectory t and step s (1..k): which factor moved and by how much (±Δ). */
  moves: { factor: number; step: number }[][];
}

export function morrisDesign(k: number, r: number, levels = 4, seed: string | number = 1): MorrisDesign {
  if (!(k >= 1 && r >= 1 && levels >= 2 && levels % 2 === 0)) {
    throw new RangeError("Morris design needs k ≥ 1, r ≥ 1 and an even number of levels ≥ 2");
  }
  const rng = seedrandom(String(seed));
  const delta = levels / (2 * (levels - 1));
  const points: number[][] = [];
  const moves: { factor: number; step: number }[][] = [];
  for (let t = 0; t < r; t++) {
    const x = Array.from({ length: k }, () => Math.floor(rng() * levels) / (levels - 1));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    points.push([...x]);
    const steps: { factor: number; step: number }[] = [];
    for (const i of order) {
      // move up when the grid allows it and a coin says so, else down (always one of the two fits)
      const up = x[i] + delta <= 1 + 1e-12 && (x[i] - delta < -1e-12 || rng() < 0.5);
      const step = up ? delta : -delta;
      x[i] = Math.min(1, Math.max(0, x[i] + step));
      steps.push({ factor: i, step });
      points.push([...x]);
    }
    moves.push(steps);
  }
  return { k, r, levels, delta, points, moves };
}

export interface MorrisIndex {
  factor: number;
  muStar: number;
  mu: number;
  sigma: number;
  /** 95% bootstrap interval of μ* (resampling trajectories). */
  muStarCi: [number, number];
}

/** Elementary-effect statistics from the outputs y (one per design point, in design order). */
export function morrisIndices(
  design: MorrisDesign,
  y: readonly number[],
  options: { bootstrap?: number; seed?: string | number } = {},
): MorrisIndex[] {
  const { k, r } = design;
  if (y.length !== r * (k + 1))
    throw new RangeError(`Morris: expected ${r * (k + 1)} outputs, got ${y.length}`);
  // ee[i][t]: elementary effect of factor i on trajectory t
  const ee = Array.from({ length: k }, () => new Array<number>(r).fill(Number.NaN));
  for (let t = 0; t < r; t++) {
    const base = t * (k + 1);
    design.moves[t].forEach((m, s) => {
      ee[m.factor][t] = (y[base + s + 1] - y[base + s]) / m.step;
    });
  }
  const rng = seedrandom(String(options.seed ?? "morris-bootstrap"));
  const B = options.bootstrap ?? 1000;
  return ee.map((effects, factor) => {
    const finite = effects.filter((e) => Number.isFinite(e));
    const n = finite.length;
    const mu = finite.reduce((s, e) => s + e, 0) / n;
    const muStar = finite.reduce((s, e) => s + Math.abs(e), 0) / n;
    const sigma = n > 1 ? Math.sqrt(finite.reduce((s, e) => s + (e - mu) ** 2, 0) / (n - 1)) : 0;
    const boot: number[] = [];
    for (let b = 0; b < B && n > 0; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.abs(finite[Math.floor(rng() * n)]);
      boot.push(s / n);
    }
    boot.sort((p, q) => p - q);
    const ci: [number, number] =
      boot.length > 0
        ? [boot[Math.floor(0.025 * (boot.length - 1))], boot[Math.ceil(0.975 * (boot.length - 1))]]
        : [Number.NaN, Number.NaN];
    return { factor, muStar, mu, sigma, muStarCi: ci };
  });
}
