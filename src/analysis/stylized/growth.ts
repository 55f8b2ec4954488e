import type { FirmRecords } from "../../model/types.js";

/**
 * Yearly log size changes g = ln(employees_T) − ln(employees_{T−4}) of firms alive at the end of
 * the run that were at least a year old (employeesYearAgo finite and positive). Growth-rate
 * studies (Bottazzi & Secchi 2003; Amaral et al. 1997) use surviving firms and remove the
 * year's mean growth; `demean` does the latter.
 */
export function logGrowthRates(
  firms: Pick<FirmRecords, "employees" | "employeesYearAgo" | "exitTick"> &
    Partial<Pick<FirmRecords, "kind">>,
  options: { demean?: boolean; smesOnly?: boolean } = {},
): Float64Array {
  const out: number[] = [];
  const n = firms.employees.length;
  for (let i = 0; i < n; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (options.smesOnly && firms.kind && firms.kind[i] !== 0) continue;
    const now = firms.employees[i];
    const before = firms.employeesYearAgo[i];
    if (!(now > 0 && before > 0)) continue;
    out.push(Math.log(now) - Math.log(before));
  }
  const g = Float64Array.from(out);
  if (options.demean && g.length > 0) {
    const m = g.reduce((s, x) => s + x, 0) / g.length;
    for (let i = 0; i < g.length; i++) g[i] -= m;
  }
  return g;
}

/** Employees of the firms alive at the end of the run (the cross-section for the size distribution). */
export function aliveSizes(
  firms: Pick<FirmRecords, "employees" | "exitTick"> & Partial<Pick<FirmRecords, "kind">>,
  options: { smesOnly?: boolean } = {},
): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < firms.employees.length; i++) {
    if (firms.exitTick[i] !== -1) continue;
    if (options.smesOnly && firms.kind && firms.kind[i] !== 0) continue;
    if (firms.employees[i] > 0) out.push(firms.employees[i]);
  }
  return Float64Array.from(out);
}
