import { checkParamPath, checkParamValue, type Point, type PointValue, type Reporter } from "./common.js";

/** An explicit list of parameter points, run in the file's order. */
export interface PointsDesign {
  readonly kind: "points";
  readonly points: readonly Point[];
}

export function checkPoints(raw: Record<string, PointValue>[], report: Reporter): PointsDesign | undefined {
  let ok = true;
  raw.forEach((point, i) => {
    for (const [path, value] of Object.entries(point)) {
      const info = checkParamPath(path, ["points", i, path], report);
      if (!info || !checkParamValue(info, value, ["points", i, path], report)) ok = false;
    }
  });
  return ok ? { kind: "points", points: raw.map((p) => ({ ...p })) } : undefined;
}

export function pointsCount(d: PointsDesign): number {
  return d.points.length;
}

export function pointsPointAt(d: PointsDesign, index: number): Point {
  return { ...d.points[index] };
}
