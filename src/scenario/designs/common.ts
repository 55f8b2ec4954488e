import { describeValue, unknownKeyMessage } from "../errors.js";
import { describeExpectation, fmt, type ParamInfo, paramAt, paramPaths } from "../paramTree.js";
import type { PathSeg } from "../source.js";

/** A value a design gives a parameter. */
export type PointValue = number | boolean;

/** A parameter point: parameter path → value; the rest of the parameters come from the scenario. */
export type Point = Record<string, PointValue>;

/** Records a problem at a path of the scenario (the key itself with `at: "key"`). */
export type Reporter = (path: readonly PathSeg[], message: string, at?: "key" | "value") => void;

/** A sampled dimension of an LHS or Sobol' design. */
export interface RangeAxis {
  readonly path: string;
  readonly lo: number;
  readonly hi: number;
  /** Integer parameters get values rounded to the nearest integer. */
  readonly integer: boolean;
}

/** The parameter at `path`, or a report naming the closest path. */
export function checkParamPath(
  path: string,
  where: readonly PathSeg[],
  report: Reporter,
): ParamInfo | undefined {
  const info = paramAt(path);
  if (!info) report(where, unknownKeyMessage(path, paramPaths(), "unknown parameter path"), "key");
  return info;
}

function expectation(info: ParamInfo): string {
  return describeExpectation({ kind: info.type, min: info.min, max: info.max, unit: info.unit });
}

/** Checks one design value against its parameter's type and bounds. */
export function checkParamValue(
  info: ParamInfo,
  value: unknown,
  where: readonly PathSeg[],
  report: Reporter,
): boolean {
  const bad = (problem: string) => {
    report(where, `${describeValue(value)} ${problem}: ${expectation(info)}`);
    return false;
  };
  if (info.type === "boolean") return typeof value === "boolean" ? true : bad("has the wrong type");
  if (typeof value !== "number" || !Number.isFinite(value)) return bad("has the wrong type");
  if (info.type === "integer" && !Number.isInteger(value)) return bad("is not an integer");
  if ((info.min !== undefined && value < info.min) || (info.max !== undefined && value > info.max)) {
    return bad("is out of range");
  }
  return true;
}

/** Checks the `ranges` of an LHS or Sobol' design and returns its axes in the file's order. */
export function checkRanges(
  ranges: Record<string, [number, number]>,
  where: readonly PathSeg[],
  report: Reporter,
): RangeAxis[] | undefined {
  const axes: RangeAxis[] = [];
  let ok = true;
  const entries = Object.entries(ranges);
  if (entries.length === 0) {
    report(where, "is empty: expected at least one parameter path → [low, high]");
    return undefined;
  }
  for (const [path, [lo, hi]] of entries) {
    const at = [...where, path];
    const info = checkParamPath(path, at, report);
    if (!info) {
      ok = false;
      continue;
    }
    if (info.type === "boolean") {
      report(at, "is an on/off parameter: sample it in a grid or points design, not in a range");
      ok = false;
      continue;
    }
    const okLo = checkParamValue({ ...info, type: "number" }, lo, [...at, 0], report);
    const okHi = checkParamValue({ ...info, type: "number" }, hi, [...at, 1], report);
    if (!okLo || !okHi) {
      ok = false;
      continue;
    }
    if (!(lo < hi)) {
      report(at, `[${fmt(lo)}, ${fmt(hi)}] is empty: expected low < high`);
      ok = false;
      continue;
    }
    if (info.type === "integer" && Math.ceil(lo) > Math.floor(hi)) {
      report(at, `[${fmt(lo)}, ${fmt(hi)}] holds no integer: expected a range of an integer parameter`);
      ok = false;
      continue;
    }
    axes.push({ path, lo, hi, integer: info.type === "integer" });
  }
  return ok ? axes : undefined;
}

/** Maps u ∈ [0, 1) onto an axis; integer axes round to the nearest integer inside [lo, hi]. */
export function scaleToAxis(axis: RangeAxis, u: number): number {
  const x = axis.lo + u * (axis.hi - axis.lo);
  if (!axis.integer) return x;
  return Math.min(Math.floor(axis.hi), Math.max(Math.ceil(axis.lo), Math.round(x)));
}
