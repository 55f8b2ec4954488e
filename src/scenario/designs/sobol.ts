import { type Point, type RangeAxis, scaleToAxis } from "./common.js";

/**
 * Saltelli design for first- and total-order Sobol' indices (Saltelli 2002; Saltelli et al. 2010).
 *
 * Base matrices A and B (N × k) are the first k and the last k coordinates of points 1..N of a
 * 2k-dimensional Sobol' sequence (point 0, the origin, is skipped), with Joe & Kuo's direction
 * numbers (new-joe-kuo-6.21201), scaled to the ranges. Points come in blocks of k+2 per base
 * sample j:
 *
 *   index j·(k+2) + 0     = A_j
 *   index j·(k+2) + 1     = B_j
 *   index j·(k+2) + 2 + i = AB_j^(i): A_j with column i taken from B_j
 *
 * so the sensitivity code reads f(A), f(B) and f(AB^(i)) by index (see sobolRole).
 */
export interface SobolDesign {
  readonly kind: "sobol";
  /** N, the number of base samples. */
  readonly samples: number;
  /** The k parameters, in column order. */
  readonly axes: readonly RangeAxis[];
}

/** Joe & Kuo (2008) direction numbers, dimensions 2–53, each `s a m_1 … m_s`. */
const JOE_KUO: readonly string[] = [
  "1 0 1",
  "2 1 1 3",
  "3 1 1 3 1",
  "3 2 1 1 1",
  "4 1 1 1 3 3",
  "4 4 1 3 5 13",
  "5 2 1 1 5 5 17",
  "5 4 1 1 5 5 5",
  "5 7 1 1 7 11 19",
  "5 11 1 1 5 1 1",
  "5 13 1 1 1 3 11",
  "5 14 1 3 5 5 31",
  "6 1 1 3 3 9 7 49",
  "6 13 1 1 1 15 21 21",
  "6 16 1 3 1 13 27 49",
  "6 19 1 1 1 15 7 5",
  "6 22 1 3 1 15 13 25",
  "6 25 1 1 5 5 19 61",
  "7 1 1 3 7 11 23 15 103",
  "7 4 1 3 7 13 13 15 69",
  "7 7 1 1 3 13 7 35 63",
  "7 8 1 3 5 9 1 25 53",
  "7 14 1 3 1 13 9 35 107",
  "7 19 1 3 1 5 27 61 31",
  "7 21 1 1 5 11 19 41 61",
  "7 28 1 3 5 3 3 13 69",
  "7 31 1 1 7 13 1 19 1",
  "7 32 1 3 7 5 13 19 59",
  "7 37 1 1 3 9 25 29 41",
  "7 41 1 3 5 13 23 1 55",
  "7 42 1 3 7 3 13 59 17",
  "7 50 1 3 1 3 5 53 69",
  "7 55 1 1 5 5 23 33 13",
  "7 56 1 1 7 7 1 61 123",
  "7 59 1 1 7 9 13 61 49",
  "7 62 1 3 3 5 3 55 33",
  "8 14 1 3 1 15 31 13 49 245",
  "8 21 1 3 5 15 31 59 63 97",
  "8 22 1 3 1 11 11 11 77 249",
  "8 38 1 3 1 11 27 43 71 9",
  "8 47 1 1 7 15 21 11 81 45",
  "8 49 1 3 7 3 25 31 65 79",
  "8 50 1 3 1 1 19 11 3 205",
  "8 52 1 1 5 9 19 21 29 157",
  "8 56 1 3 7 11 1 33 89 185",
  "8 67 1 3 3 3 15 9 79 71",
  "8 70 1 3 7 11 15 39 119 27",
  "8 84 1 1 3 1 11 31 97 225",
  "8 97 1 1 1 3 23 43 57 177",
  "8 103 1 3 7 7 17 17 37 71",
  "8 115 1 3 1 5 27 63 123 213",
  "8 122 1 1 3 5 11 43 53 133",
];

/** Dimensions the table supports; a Saltelli design needs 2k. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;
/** Most parameters a Sobol' design may vary. */
export const SOBOL_MAX_PARAMS = Math.floor(SOBOL_MAX_DIMENSIONS / 2);

const BITS = 32;
let directions: Uint32Array[] | undefined;

/** Direction numbers v[d][b] (b = 0 for the most significant bit), scaled to 32 bits. */
function directionTable(): Uint32Array[] {
  if (directions) return directions;
  const out: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let b = 0; b < BITS; b++) first[b] = (1 << (BITS - 1 - b)) >>> 0;
  out.push(first);
  for (const row of JOE_KUO) {
    const [s, a, ...m] = row.split(" ").map(Number);
    const v = new Uint32Array(BITS);
    for (let i = 0; i < Math.min(s, BITS); i++) v[i] = (m[i] << (BITS - 1 - i)) >>> 0;
    for (let i = s; i < BITS; i++) {
      let x = v[i - s] ^ (v[i - s] >>> s);
      for (let k = 1; k < s; k++) {
        if ((a >>> (s - 1 - k)) & 1) x ^= v[i - k];
      }
      v[i] = x >>> 0;
    }
    out.push(v);
  }
  directions = out;
  return out;
}

/**
 * Point `index` (0-based, in Gray-code order) of the Sobol' sequence in `dims` dimensions, in
 * [0, 1). The first 2^m points of each coordinate hold one point in each of 2^m equal strata.
 */
export function sobolPoint(index: number, dims: number): number[] {
  if (dims > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`Sobol' sequence: at most ${SOBOL_MAX_DIMENSIONS} dimensions`);
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** BITS)
    throw new RangeError(`Sobol' index ${index}`);
  const v = directionTable();
  const gray = (index ^ Math.floor(index / 2)) >>> 0;
  const out = new Array<number>(dims);
  for (let d = 0; d < dims; d++) {
    let x = 0;
    for (let b = 0; b < BITS; b++) {
      if ((gray >>> b) & 1) x ^= v[d][b];
    }
    out[d] = (x >>> 0) / 2 ** BITS;
  }
  return out;
}

export function sobolCount(d: SobolDesign): number {
  return d.samples * (d.axes.length + 2);
}

export type SobolRole =
  | { readonly sample: number; readonly matrix: "A" }
  | { readonly sample: number; readonly matrix: "B" }
  | { readonly sample: number; readonly matrix: "AB"; readonly column: number };

/** Which base sample and matrix a point index of the design belongs to. */
export function sobolRole(d: SobolDesign, index: number): SobolRole {
  const block = d.axes.length + 2;
  const sample = Math.floor(index / block);
  const r = index % block;
  if (r === 0) return { sample, matrix: "A" };
  if (r === 1) return { sample, matrix: "B" };
  return { sample, matrix: "AB", column: r - 2 };
}

/** Metadata the sensitivity analysis needs: parameter order, N, k and the block layout. */
export function sobolMeta(d: SobolDesign): { params: string[]; N: number; k: number; blockSize: number } {
  return { params: d.axes.map((a) => a.path), N: d.samples, k: d.axes.length, blockSize: d.axes.length + 2 };
}

export function sobolPointAt(d: SobolDesign, index: number): Point {
  const k = d.axes.length;
  const role = sobolRole(d, index);
  const u = sobolPoint(role.sample + 1, 2 * k);
  const a = u.slice(0, k);
  const b = u.slice(k);
  const cols =
    role.matrix === "A" ? a : role.matrix === "B" ? b : a.map((x, i) => (i === role.column ? b[i] : x));
  return Object.fromEntries(d.axes.map((axis, i) => [axis.path, scaleToAxis(axis, cols[i])]));
}
