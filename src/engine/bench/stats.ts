/** Small statistics for the bench: medians over repetitions, and a peak-RSS sampler. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Samples the resident set size of this process every `intervalMs`. Piscina workers are threads
 * of this process, so its RSS covers them too.
 */
export class PeakRss {
  private peak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;
  constructor(intervalMs = 25) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Wall time of `fn` in seconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t0) / 1000, value };
}

const probeCells = new Float64Array(8192);

/**
 * Speed of the host, in ns per step of a fixed scalar kernel with the model's mix of work (a
 * 32-bit hash, a log and an exp, a read and a write of a 64 KiB typed array). This machine's speed
 * drifts by up to 40% within an hour, in CPU time as well as wall time; the probe, taken next to
 * each timed run, tells a slow host from a slower model when two bench files are compared.
 */
export function hostProbe(steps = 500_000): number {
  const cells = probeCells;
  let x = 0x2545f491;
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) {
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    x ^= x >>> 16;
    const j = x & 8191;
    const v = Math.log(1 + (x >>> 0) * 2.3e-10);
    cells[j] = 0.5 * cells[j] + Math.exp(-v); // stores to a module-level array: not dead code
  }
  return ((performance.now() - t0) * 1e6) / steps;
}
