/**
 * The run's single stream of random numbers (ODD §6.1): sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, PractRand-clean) seeded through splitmix32. No Math.random anywhere in the model: every
 * draw comes from this stream, in the fixed order of the schedule, so a seed fixes the run.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    let s = (lo ^ Math.imul(hi, 0x9e3779b9)) >>> 0;
    const splitmix32 = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** sfc32 step: a uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer on {0, …, n−1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Box–Muller, the second value cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.uniform();
    while (u <= 1e-300) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Laplace with mean 0 and variance 1 (scale 1/√2), by inversion of one uniform. */
  laplace(): number {
    const u = this.uniform() - 0.5;
    const e = -Math.log(1 - 2 * Math.abs(u)) * Math.SQRT1_2;
    return u < 0 ? -e : e;
  }

  /**
   * Fill out[0..n) with standard normals: the same values, in the same order, as n calls of
   * `normal()` (for per-firm draws in a hot loop, where a call per firm would box each double).
   */
  normals(out: Float64Array, n: number): void {
    let k = 0;
    if (n > 0 && this.hasSpare) {
      this.hasSpare = false;
      out[k++] = this.spare;
    }
    const twoPi = 2 * Math.PI;
    while (k < n) {
      let u = this.uniform();
      while (u <= 1e-300) u = this.uniform();
      const v = this.uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      out[k++] = r * Math.cos(twoPi * v);
      if (k < n) out[k++] = r * Math.sin(twoPi * v);
      else {
        this.spare = r * Math.sin(twoPi * v);
        this.hasSpare = true;
      }
    }
  }

  /** Gamma(k, 1) by Marsaglia & Tsang (2000); k < 1 through the k+1 boost. */
  gamma(k: number): number {
    if (k < 1) {
      let u = this.uniform();
      while (u <= 1e-300) u = this.uniform();
      return this.gamma(k + 1) * u ** (1 / k);
    }
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Beta(α, β) from two gamma draws. */
  beta(alpha: number, beta: number): number {
    const x = this.gamma(alpha);
    const y = this.gamma(beta);
    return x / (x + y);
  }

  /** Poisson(λ): Knuth's product method below 30, a rounded normal approximation above. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const l = Math.exp(-lambda);
      let k = 0;
      let p = this.uniform();
      while (p > l) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
  }
}
