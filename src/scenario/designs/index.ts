import { checkRanges, type Point, type PointValue, type Reporter } from "./common.js";
import { checkGrid, type GridDesign, gridCount, gridPointAt } from "./grid.js";
import { type LhsDesign, lhsCount, lhsPointAt, lhsSeed } from "./lhs.js";
import { checkPoints, type PointsDesign, pointsCount, pointsPointAt } from "./points.js";
import { SOBOL_MAX_PARAMS, type SobolDesign, sobolCount, sobolPointAt } from "./sobol.js";

export type { Point, PointValue, RangeAxis, Reporter } from "./common.js";
export type { GridDesign } from "./grid.js";
export type { LhsDesign } from "./lhs.js";
export { lhsSeed, lhsUnitPoint } from "./lhs.js";
export type { PointsDesign } from "./points.js";
export type { SobolDesign, SobolRole } from "./sobol.js";
export { SOBOL_MAX_PARAMS, sobolMeta, sobolPoint, sobolRole } from "./sobol.js";

/** No design: one point, the scenario's own parameters. */
export interface SingleDesign {
  readonly kind: "single";
}

/** An experiment design: plain data (it goes into the scenario hash and the manifest). */
export type Design = SingleDesign | GridDesign | PointsDesign | LhsDesign | SobolDesign;

/** The design keys of a parsed scenario (already type-checked by the schema). */
export interface RawDesign {
  grid?: Record<string, PointValue[]>;
  points?: Record<string, PointValue>[];
  lhs?: { samples: number; ranges: Record<string, [number, number]> };
  sobol?: { samples: number; ranges: Record<string, [number, number]> };
}

/** Checks the design keys against the parameters; undefined after reporting problems. */
export function checkDesign(raw: RawDesign, seed: number, report: Reporter): Design | undefined {
  const present = (["grid", "points", "lhs", "sobol"] as const).filter((k) => raw[k] !== undefined);
  if (present.length > 1) {
    report(
      [present[1]],
      `cannot be combined with ${present[0]}: a scenario has at most one of grid, points, lhs, sobol`,
      "key",
    );
    return undefined;
  }
  if (raw.grid) return checkGrid(raw.grid, report);
  if (raw.points) return checkPoints(raw.points, report);
  if (raw.lhs) {
    const axes = checkRanges(raw.lhs.ranges, ["lhs", "ranges"], report);
    if (!axes) return undefined;
    return { kind: "lhs", samples: raw.lhs.samples, axes, seed: lhsSeed(raw.lhs.samples, axes, seed) };
  }
  if (raw.sobol) {
    const axes = checkRanges(raw.sobol.ranges, ["sobol", "ranges"], report);
    if (!axes) return undefined;
    if (axes.length > SOBOL_MAX_PARAMS) {
      report(
        ["sobol", "ranges"],
        `has ${axes.length} parameters: expected at most ${SOBOL_MAX_PARAMS} (Joe–Kuo table)`,
      );
      return undefined;
    }
    return { kind: "sobol", samples: raw.sobol.samples, axes };
  }
  return { kind: "single" };
}

/** Number of parameter points of a design. */
export function designPointCount(d: Design): number {
  switch (d.kind) {
    case "single":
      return 1;
    case "grid":
      return gridCount(d);
    case "points":
      return pointsCount(d);
    case "lhs":
      return lhsCount(d);
    case "sobol":
      return sobolCount(d);
  }
}

/** Point `index` of a design (0 ≤ index < designPointCount), computed on demand. */
export function designPointAt(d: Design, index: number): Point {
  const n = designPointCount(d);
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`design point ${index} is outside 0..${n - 1}`);
  }
  switch (d.kind) {
    case "single":
      return {};
    case "grid":
      return gridPointAt(d, index);
    case "points":
      return pointsPointAt(d, index);
    case "lhs":
      return lhsPointAt(d, index);
    case "sobol":
      return sobolPointAt(d, index);
  }
}

/** The parameter paths a design varies, in its order. */
export function designParams(d: Design): string[] {
  switch (d.kind) {
    case "single":
      return [];
    case "grid":
      return d.axes.map((a) => a.path);
    case "points":
      return [...new Set(d.points.flatMap((p) => Object.keys(p)))];
    case "lhs":
    case "sobol":
      return d.axes.map((a) => a.path);
  }
}
