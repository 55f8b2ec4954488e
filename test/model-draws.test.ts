import { describe, expect, it } from "vitest";
import {
  foundedUid,
  KeyedRng,
  laplaceQuantile,
  lowbias32,
  type ModelParams,
  ModelParamsSchema,
  normalInv,
  simulate,
} from "../src/model/index.js";
import { laplaceAtoms, nicheShock } from "../src/model/phases/demand.js";

/**
 * The keyed (counter-based) random draws of the model (src/model/draws.ts, ODD §6.1): uniformity,
 * independence across sites and firms, purity of the key, and the common-random-numbers property
 * it buys (paired policy runs differ only through the policy).
 */

/** One-sample Kolmogorov–Smirnov statistic of `xs` against U(0,1). */
function ksUniform(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  for (let i = 0; i < s.length; i++) d = Math.max(d, (i + 1) / s.length - s[i], s[i] - i / s.length);
  return d;
}

function chiSquare(xs: number[], bins: number): number {
  const c = new Array(bins).fill(0);
  for (const x of xs) c[Math.floor(x * bins)]++;
  const e = xs.length / bins;
  return c.reduce((a, o) => a + ((o - e) * (o - e)) / e, 0);
}

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe("keyed draws", () => {
  it("lowbias32 is a bijection on a sample (no collisions among 2^16 consecutive inputs)", () => {
    const seen = new Set<number>();
    for (let x = 0; x < 65536; x++) seen.add(lowbias32(x * 65537));
    expect(seen.size).toBe(65536);
  });

  it("a draw is a pure function of (seed, uid, tick, site, sub, k)", () => {
    const a = new KeyedRng(42);
    const b = new KeyedRng(42);
    a.tick = 7;
    a.at(3, 5);
    const first = [a.uniform(), a.uniform(), a.uniform()];
    // b visits other streams first: the key alone fixes the values
    b.tick = 2;
    b.at(9, 6);
    for (let k = 0; k < 100; k++) b.uniform();
    b.tick = 7;
    b.at(4, 5);
    b.uniform();
    b.at(3, 5);
    expect([b.uniform(), b.uniform(), b.uniform()]).toEqual(first);
    const c = new KeyedRng(43);
    c.tick = 7;
    c.at(3, 5);
    expect(c.uniform()).not.toBe(first[0]);
  });

  it("uniform within a stream (KS, chi-square) and across firms, sites and ticks", () => {
    const r = new KeyedRng(1);
    const within: number[] = [];
    r.at(0, 3);
    for (let k = 0; k < 20000; k++) within.push(r.uniform());
    // first draws of consecutive firm keys, sites, ticks: the hardest case for a hash
    const acrossFirms: number[] = [];
    const acrossTicks: number[] = [];
    const acrossSites: number[] = [];
    for (let u = 0; u < 20000; u++) {
      r.tick = 0;
      r.at(u, 3);
      acrossFirms.push(r.uniform());
      r.tick = u;
      r.at(17, 3);
      acrossTicks.push(r.uniform());
      r.tick = u >> 8;
      r.at(17, u & 255);
      acrossSites.push(r.uniform());
    }
    // KS 1% critical value at n = 20000: 1.63/√n ≈ 0.0115; chi-square(99) 0.1%: 148
    for (const xs of [within, acrossFirms, acrossTicks, acrossSites]) {
      expect(ksUniform(xs)).toBeLessThan(0.0115);
      expect(chiSquare(xs, 100)).toBeLessThan(148);
    }
  });

  it("independent across sites, firms and lags (correlations within ±4/√n)", () => {
    const r = new KeyedRng(5);
    const n = 20000;
    const demand: number[] = [];
    const search: number[] = [];
    const next: number[] = [];
    const neighbour: number[] = [];
    const founded: number[] = [];
    const foundedNext: number[] = [];
    for (let u = 0; u < n; u++) {
      r.at(u, 3);
      demand.push(r.uniform());
      next.push(r.uniform());
      r.at(u, 6);
      search.push(r.uniform());
      r.at(u + 1, 3);
      neighbour.push(r.uniform());
      r.at(foundedUid(u >> 6, u & 63), 2);
      founded.push(r.uniform());
      r.at(foundedUid(u >> 6, (u & 63) + 1), 2);
      foundedNext.push(r.uniform());
    }
    const bound = 4 / Math.sqrt(n);
    expect(Math.abs(correlation(demand, search))).toBeLessThan(bound);
    expect(Math.abs(correlation(demand, next))).toBeLessThan(bound);
    expect(Math.abs(correlation(demand, neighbour))).toBeLessThan(bound);
    expect(Math.abs(correlation(founded, foundedNext))).toBeLessThan(bound);
    // pairs (u_k, u_{k+1}) fill the unit square evenly: chi-square on a 10×10 grid
    const cells = new Array(100).fill(0);
    for (let i = 0; i < n; i++) cells[Math.floor(demand[i] * 10) * 10 + Math.floor(next[i] * 10)]++;
    const e = n / 100;
    expect(cells.reduce((a, o) => a + ((o - e) * (o - e)) / e, 0)).toBeLessThan(148);
  });

  it("normal, Poisson and Beta draws and the Laplace quantile have their moments", () => {
    const r = new KeyedRng(9);
    r.at(1, 1);
    const n = 40000;
    let s = 0;
    let s2 = 0;
    let l = 0;
    let l2 = 0;
    let p = 0;
    let b = 0;
    for (let k = 0; k < n; k++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      const x = laplaceQuantile(r.open());
      l += x;
      l2 += x * x;
      p += r.poisson(3.5);
      b += r.beta(2, 4);
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(l / n)).toBeLessThan(0.02);
    expect(Math.abs(l2 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(p / n - 3.5)).toBeLessThan(0.05);
    expect(Math.abs(b / n - 1 / 3)).toBeLessThan(0.005);
    expect(normalInv(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalInv(0.001)).toBeCloseTo(-3.090232, 5);
    // Poisson by inversion: monotone in λ for a given uniform (coupled counts in paired runs)
    const a = new KeyedRng(9);
    const c = new KeyedRng(9);
    for (let u = 0; u < 500; u++) {
      a.at(u, 128);
      c.at(u, 128);
      expect(c.poisson(4.4)).toBeGreaterThanOrEqual(a.poisson(4));
    }
  });
});

describe("common random numbers (paired policy runs)", () => {
  const base = (input: Record<string, unknown> = {}): ModelParams =>
    ModelParamsSchema.parse({ firms: 400, ticks: 24, ...input });
  const policy = base({ instruments: { rdWageSubsidy: { enabled: true } } });
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

  it("firms keep their baseline fate far more often than under independent streams", () => {
    // firm-level: innovations of the initial firms after 24 quarters, policy vs baseline on the
    // same seed (common streams) and on another seed (what an unkeyed stream amounts to once the
    // policy shifts the draws)
    const b = simulate(base(), 1, { recordFirms: true }).firms;
    const same = simulate(policy, 1, { recordFirms: true }).firms;
    const other = simulate(policy, 2, { recordFirms: true }).firms;
    if (!b || !same || !other) throw new Error("no records");
    const byId = (r: typeof b): Map<number, number> => {
      const m = new Map<number, number>();
      for (let k = 0; k < r.id.length; k++) if (r.origin[k] === 0) m.set(r.id[k], r.innovations[k]);
      return m;
    };
    const mb = byId(b);
    const agree = (r: typeof b): number => {
      const m = byId(r);
      let n = 0;
      let eq = 0;
      for (const [id, v] of mb) {
        const w = m.get(id);
        if (w === undefined) continue;
        n++;
        if (w === v) eq++;
      }
      return eq / n;
    };
    const crn = agree(same);
    const independent = agree(other);
    expect(crn).toBeGreaterThan(independent + 0.15);
  });

  it("paired differences vary far less than runs do", () => {
    const rd = (p: ModelParams, s: number): number => {
      const r = simulate(p, s);
      return r.series.rdStaff.reduce((a, x) => a + x, 0);
    };
    const b = seeds.map((s) => rd(base(), s));
    const t = seeds.map((s) => rd(policy, s));
    const sd = (xs: number[]): number => {
      const m = xs.reduce((a, x) => a + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
    };
    const paired = sd(t.map((x, k) => x - b[k]));
    // run-to-run: the s.d. of a difference between independent runs is √2 × the run s.d.
    const unpaired = Math.SQRT2 * sd(b);
    expect(paired).toBeLessThan(0.5 * unpaired);
  });
});

describe("R&D and innovation dates in the firm records", () => {
  it("lastRdTick, rdYearAgo and lastInnovationTick agree with the end-of-run columns", () => {
    const p = ModelParamsSchema.parse({ firms: 300, ticks: 20 });
    const r = simulate(p, 3, { recordFirms: true }).firms;
    if (!r) throw new Error("no records");
    let known = 0;
    for (let k = 0; k < r.id.length; k++) {
      const last = r.exitTick[k] >= 0 ? r.exitTick[k] : 19;
      expect(r.rdSpending[k] > 0).toBe(r.lastRdTick[k] === last);
      expect(r.lastRdTick[k] >= 0).toBe(r.rdQuarters[k] > 0);
      expect(r.lastInnovationTick[k] >= 0).toBe(r.innovations[k] > 0);
      expect([-1, 0, 1]).toContain(r.rdYearAgo[k]);
      if (r.origin[k] === 0 && r.exitTick[k] < 0) {
        expect(r.rdYearAgo[k]).toBeGreaterThanOrEqual(0);
        known++;
      }
      if (r.lastRdTick[k] >= 0 && r.lastRdTick[k] < last - 4) expect(r.rdYearAgo[k]).not.toBe(1);
    }
    expect(known).toBeGreaterThan(100);
  });
});

/** CDF of Beta(a, b) for whole a, b: P(X ≤ x) = P(at least a of a + b − 1 uniforms ≤ x). */
function betaCdf(a: number, b: number, x: number): number {
  const n = a + b - 1;
  let p = 0;
  let choose = 1; // C(n, j), built up from j = 0
  for (let j = 0; j <= n; j++) {
    if (j > 0) choose = (choose * (n - j + 1)) / j;
    if (j >= a) p += choose * x ** j * (1 - x) ** (n - j);
  }
  return p;
}

describe("draws behind the hot loops", () => {
  it("Beta by order statistics (whole α, β) and by gammas follow the Beta law (KS)", () => {
    const r = new KeyedRng(21);
    const n = 20000;
    // α = 3 + 1e-12 is not whole: the same law (to 1e-12) drawn by the gamma route
    for (const [a, b, viaGamma] of [
      [3, 3, false],
      [2, 4, false],
      [3 + 1e-12, 3, true],
    ] as const) {
      r.at(7, 99);
      const xs = Array.from({ length: n }, () => r.beta(a, b)).sort((p, q) => p - q);
      let d = 0;
      const wa = Math.round(a);
      for (let i = 0; i < n; i++) {
        const c = betaCdf(wa, b, xs[i]);
        d = Math.max(d, (i + 1) / n - c, c - i / n);
      }
      expect(d, `Beta(${a}, ${b})${viaGamma ? " via gammas" : ""}`).toBeLessThan(1.63 / Math.sqrt(n)); // KS at 1%
    }
  });

  it("an order-statistic Beta uses a fixed number of uniforms (α + β − 1)", () => {
    const a = new KeyedRng(5);
    const b = new KeyedRng(5);
    a.at(3, 40);
    b.at(3, 40);
    a.beta(3, 3);
    for (let k = 0; k < 5; k++) b.uniform();
    expect(a.uniform()).toBe(b.uniform());
  });

  it("the demand-shock atoms: mean exactly 1, symmetric in logs, s.d. of logs σ within 0.1%", () => {
    for (const sd of [0.05, 0.2, 0.6]) {
      const atoms = laplaceAtoms(sd);
      const n = atoms.length;
      expect(n).toBe(4096);
      expect(atoms.reduce((s, x) => s + x, 0) / n).toBeCloseTo(1, 12);
      const logs = Array.from(atoms, Math.log);
      // log atom_j = σ·x_j + log c with x antisymmetric: log atom_j + log atom_(n−1−j) = 2·log c
      for (let j = 0; j < n / 2; j++) expect(logs[j] + logs[n - 1 - j]).toBeCloseTo(logs[0] + logs[n - 1], 9);
      const mean = logs.reduce((s, x) => s + x, 0) / n;
      const sdLog = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
      expect(Math.abs(sdLog / sd - 1)).toBeLessThan(0.001);
      // increasing in the uniform: a firm with a higher uniform gets the larger shock (paired runs)
      for (let j = 1; j < n; j++) expect(atoms[j]).toBeGreaterThan(atoms[j - 1]);
    }
  });

  it("the atoms keep mean 1 and order beyond σ = √2, where the continuous law has no mean", () => {
    const atoms = laplaceAtoms(3);
    expect(atoms.reduce((s, x) => s + x, 0) / atoms.length).toBeCloseTo(1, 12);
    expect(atoms[0]).toBeGreaterThan(0);
    for (let j = 1; j < atoms.length; j++) expect(atoms[j]).toBeGreaterThan(atoms[j - 1]);
  });

  it("a niche is hit at nicheShockRate, by a shock of mean 1 and log-s.d. σ, larger for a larger word", () => {
    const r = new KeyedRng(21);
    r.tick = 9;
    const key = r.key(26);
    const rate = 0.25;
    const sd = 0.3;
    const hitWord = rate * 4294967296;
    const atoms = laplaceAtoms(sd);
    const n = 100_000;
    const shocks: number[] = [];
    for (let uid = 0; uid < n; uid++) {
      const a = nicheShock(r.pick(uid, key), hitWord, atoms);
      if (a !== 1) shocks.push(a);
    }
    // hits: binomial(n, 0.25), s.d. 137; 4 s.d.
    expect(Math.abs(shocks.length - rate * n)).toBeLessThan(4 * Math.sqrt(n * rate * (1 - rate)));
    const m = shocks.reduce((s, x) => s + x, 0) / shocks.length;
    const logs = shocks.map(Math.log);
    const ml = logs.reduce((s, x) => s + x, 0) / logs.length;
    const sdLog = Math.sqrt(logs.reduce((s, x) => s + (x - ml) ** 2, 0) / logs.length);
    expect(Math.abs(m - 1)).toBeLessThan(0.01); // s.e. of the mean ≈ 0.002
    expect(Math.abs(sdLog / sd - 1)).toBeLessThan(0.03);
    // the shock is increasing in the word below the threshold (paired runs stay coupled), none above
    expect(nicheShock(0, hitWord, atoms)).toBe(atoms[0]);
    expect(nicheShock(hitWord - 1, hitWord, atoms)).toBe(atoms[atoms.length - 1]);
    expect(nicheShock(hitWord, hitWord, atoms)).toBe(1);
    expect(nicheShock(0.5 * hitWord, hitWord, atoms)).toBe(atoms[atoms.length / 2]);
  });

  it("pick (one round, no cursor) is uniform across firms and independent of the quarter's other key", () => {
    const r = new KeyedRng(13);
    r.tick = 4;
    const key = r.key(23);
    const other = r.key(24);
    const n = 20000;
    const xs = Array.from({ length: n }, (_, i) => r.pick(i + 1, key) / 4294967296);
    const ys = Array.from({ length: n }, (_, i) => r.pick(i + 1, other) / 4294967296);
    expect(ksUniform(xs)).toBeLessThan(1.63 / Math.sqrt(n));
    expect(chiSquare(xs, 64)).toBeLessThan(105); // 63 d.f., 0.1%
    expect(Math.abs(correlation(xs, ys))).toBeLessThan(4 / Math.sqrt(n));
    // founded firms' keys (2^31 + t·2^16 + order): uniform too, and independent across two sites
    const fx = Array.from(
      { length: n },
      (_, k) => r.pick(foundedUid(3 + (k >> 10), k & 1023), key) / 4294967296,
    );
    const fy = Array.from(
      { length: n },
      (_, k) => r.pick(foundedUid(3 + (k >> 10), k & 1023), other) / 4294967296,
    );
    expect(ksUniform(fx)).toBeLessThan(1.63 / Math.sqrt(n));
    expect(Math.abs(correlation(fx, fy))).toBeLessThan(4 / Math.sqrt(n));
    // the first word of stream (uid, site) is a different hash: pick does not replay it
    r.at(1, 23);
    expect(r.u32()).not.toBe(r.pick(1, key));
  });
});
