/**
 * Colour-blind-safe palettes. Okabe & Ito (2008) for up to 8 categories; beyond that Paul Tol's
 * "muted" scheme (9 colours distinguishable under the common colour-vision deficiencies), with
 * the first category (the baseline) in black. Tol's "light" scheme extends it past 10.
 */
export const OKABE_ITO = [
  "#000000",
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#F0E442",
];
export const TOL_MUTED = [
  "#332288",
  "#88CCEE",
  "#44AA99",
  "#117733",
  "#999933",
  "#DDCC77",
  "#CC6677",
  "#882255",
  "#AA4499",
];
export const TOL_LIGHT = [
  "#77AADD",
  "#99DDFF",
  "#44BB99",
  "#BBCC33",
  "#AAAA00",
  "#EEDD88",
  "#EE8866",
  "#FFAABB",
  "#DDDDDD",
];

/** `n` distinct colours, the first black (for the baseline). */
export function categoricalColors(n: number): string[] {
  if (n <= OKABE_ITO.length) return OKABE_ITO.slice(0, n);
  const pool = ["#000000", ...TOL_MUTED, ...TOL_LIGHT];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]);
}

/** `n` colours without black, for categories with no baseline (instruments). */
export function instrumentColors(n: number): string[] {
  const pool = n <= OKABE_ITO.length - 1 ? OKABE_ITO.slice(1) : [...TOL_MUTED, ...TOL_LIGHT];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]);
}

/** Sequential scheme for heatmaps: viridis is perceptually uniform and colour-blind safe. */
export const SEQUENTIAL_SCHEME = "viridis";
