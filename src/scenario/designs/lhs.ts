import { canonicalJson } from "../canonical.js";
import { deriveSeed, uniformRng } from "../seeds.js";
import { type Point, type RangeAxis, scaleToAxis } from "./common.js";

/**
 * Latin hypercube design: `samples` points; in every dimension each of the `samples` equal strata
 * of [lo, hi) holds exactly one point (before integer parameters are rounded). Strata are
 * shuffled and jittered by a mulberry32 generator seeded with `seed`, which the loader derives
 * with lhsSeed: deriveSeed(canonical JSON of {samples, ranges}, scenario seed, "lhs").
 */
export interface LhsDesign {
  readonly kind: "lhs";
  readonly samples: number;
  readonly axes: readonly RangeAxis[];
  readonly seed: number;
}

interface LhsTable {
  /** strata[d][i]: stratum of sample i in dimension d. */
  readonly strata: Uint32Array[];
  /** jitter[d][i] ∈ [0, 1): position inside the stratum. */
  readonly jitter: Float64Array[];
}

const tables = new WeakMap<LhsDesign, LhsTable>();

function tableOf(d: LhsDesign): LhsTable {
  let t = tables.get(d);
  if (!t) {
    const rng = uniformRng(d.seed);
    const n = d.samples;
    const strata: Uint32Array[] = [];
    const jitter: Float64Array[] = [];
    for (let dim = 0; dim < d.axes.length; dim++) {
      const perm = new Uint32Array(n);
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        const tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      const jit = new Float64Array(n);
      for (let i = 0; i < n; i++) jit[i] = rng();
      strata.push(perm);
      jitter.push(jit);
    }
    t = { strata, jitter };
    tables.set(d, t);
  }
  return t;
}

/** The unit-cube coordinates of sample `index` (before scaling), for tests and analysis. */
export function lhsUnitPoint(d: LhsDesign, index: number): number[] {
  const t = tableOf(d);
  return d.axes.map((_, dim) => (t.strata[dim][index] + t.jitter[dim][index]) / d.samples);
}

export function lhsCount(d: LhsDesign): number {
  return d.samples;
}

export function lhsPointAt(d: LhsDesign, index: number): Point {
  const u = lhsUnitPoint(d, index);
  return Object.fromEntries(d.axes.map((axis, dim) => [axis.path, scaleToAxis(axis, u[dim])]));
}

/** The sampling seed of an LHS design: from its spec and the scenario's base seed alone. */
export function lhsSeed(samples: number, axes: readonly RangeAxis[], scenarioSeed: number): number {
  const ranges = Object.fromEntries(axes.map((a) => [a.path, [a.lo, a.hi]]));
  return deriveSeed(canonicalJson({ samples, ranges }), scenarioSeed, "lhs");
}
