import { checkParamPath, checkParamValue, type Point, type PointValue, type Reporter } from "./common.js";

/**
 * Full factorial design. Points are in the order of nested loops over the axes as the file lists
 * them: the first axis outermost, the last one fastest.
 */
export interface GridDesign {
  readonly kind: "grid";
  readonly axes: readonly { readonly path: string; readonly values: readonly PointValue[] }[];
}

export function checkGrid(raw: Record<string, PointValue[]>, report: Reporter): GridDesign | undefined {
  let ok = true;
  const axes: { path: string; values: PointValue[] }[] = [];
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    report(["grid"], "is empty: expected at least one parameter path → list of values");
    return undefined;
  }
  for (const [path, values] of entries) {
    const info = checkParamPath(path, ["grid", path], report);
    if (!info) {
      ok = false;
      continue;
    }
    values.forEach((v, i) => {
      if (!checkParamValue(info, v, ["grid", path, i], report)) ok = false;
    });
    axes.push({ path, values: [...values] });
  }
  return ok ? { kind: "grid", axes } : undefined;
}

export function gridCount(d: GridDesign): number {
  return d.axes.reduce((n, a) => n * a.values.length, 1);
}

export function gridPointAt(d: GridDesign, index: number): Point {
  const point: Point = {};
  let rest = index;
  for (let a = d.axes.length - 1; a >= 0; a--) {
    const axis = d.axes[a];
    point[axis.path] = axis.values[rest % axis.values.length];
    rest = Math.floor(rest / axis.values.length);
  }
  // Keep the file's axis order in the object's key order.
  return Object.fromEntries(d.axes.map((a) => [a.path, point[a.path]]));
}
