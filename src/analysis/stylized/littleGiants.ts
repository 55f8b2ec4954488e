import type { FirmRecords } from "../../model/types.js";

/**
 * R&D intensity (R&D/sales) and R&D-staff share (R&D staff/employees) of firms certified as
 * little giants (tier 3) alive at the end of the run, as means over firms (the digest's figures,
 * 6.3% and 28%, are averages over certified firms; digest 004 §2.2.2). Only meaningful when the
 * certification instrument is on.
 */
export interface LittleGiantResult {
  rdIntensity: number;
  rdStaffShare: number;
  firms: number;
}

export function littleGiantProfile(
  firms: Pick<FirmRecords, "tier" | "exitTick" | "rdSpending" | "sales" | "rdStaff" | "employees">,
  tier = 3,
): LittleGiantResult {
  let intensity = 0;
  let staff = 0;
  let count = 0;
  for (let i = 0; i < firms.tier.length; i++) {
    if (firms.tier[i] !== tier || firms.exitTick[i] !== -1) continue;
    if (!(firms.sales[i] > 0 && firms.employees[i] > 0)) continue;
    intensity += firms.rdSpending[i] / firms.sales[i];
    staff += firms.rdStaff[i] / firms.employees[i];
    count++;
  }
  return {
    rdIntensity: count > 0 ? intensity / count : Number.NaN,
    rdStaffShare: count > 0 ? staff / count : Number.NaN,
    firms: count,
  };
}
