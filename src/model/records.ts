import { EMP_LAGS, FLAG_COOPERATED, rdYearAgo } from "./firms.js";
import type { FirmRecords } from "./types.js";
import type { World } from "./world.js";

type Column = Exclude<keyof FirmRecords, never>;

const RECORD_COLUMNS = {
  id: Int32Array,
  kind: Uint8Array,
  origin: Uint8Array,
  entryTick: Int32Array,
  exitTick: Int32Array,
  exitCause: Uint8Array,
  employees: Float64Array,
  sales: Float64Array,
  rdSpending: Float64Array,
  rdStaff: Float64Array,
  productivity: Float64Array,
  quality: Float64Array,
  netWorth: Float64Array,
  tier: Uint8Array,
  patents: Int32Array,
  innovations: Int32Array,
  rdQuarters: Int32Array,
  cooperated: Uint8Array,
  vcRounds: Uint8Array,
  grantsReceived: Float64Array,
  guaranteedBorrowing: Float64Array,
  policyBorrowing: Float64Array,
  employeesYearAgo: Float64Array,
  rdYearAgo: Int8Array,
  lastRdTick: Int32Array,
  lastInnovationTick: Int32Array,
  lastCooperationTick: Int32Array,
} as const satisfies Record<Column, unknown>;

const NAMES = Object.keys(RECORD_COLUMNS) as Column[];

/** End-of-life records of every firm that ever lived (ODD §5 outputs), collected on demand. */
export class FirmRecorder {
  private n = 0;
  private cap = 1024;
  private cols = allocate(1024);

  /** Record firm `slot` as it leaves (exitTick = tick, cause) or at the end (exitTick −1, cause 0). */
  capture(w: World, slot: number, exitTick: number, cause: number): void {
    if (this.n === this.cap) this.grow();
    const c = this.cols;
    const f = w.firms;
    const k = this.n++;
    c.id[k] = f.id[slot];
    c.kind[k] = f.kind[slot];
    c.origin[k] = f.origin[slot];
    c.entryTick[k] = f.entryTick[slot];
    c.exitTick[k] = exitTick;
    c.exitCause[k] = cause;
    c.employees[k] = f.employees[slot];
    c.sales[k] = f.sales[slot];
    c.rdSpending[k] = f.rdSpend[slot];
    c.rdStaff[k] = f.rdStaff[slot];
    c.productivity[k] = Math.exp(f.logProductivity[slot]);
    c.quality[k] = Math.exp(f.logQuality[slot]);
    c.netWorth[k] = f.netWorth[slot];
    c.tier[k] = f.tier[slot];
    c.patents[k] = f.patents[slot];
    c.innovations[k] = f.innovations[slot];
    c.rdQuarters[k] = f.rdQuarters[slot];
    c.cooperated[k] = (f.flags[slot] & FLAG_COOPERATED) !== 0 ? 1 : 0;
    c.vcRounds[k] = f.vcRound[slot];
    c.grantsReceived[k] = f.grantsReceived[slot];
    c.guaranteedBorrowing[k] = f.guaranteedBorrowing[slot];
    c.policyBorrowing[k] = f.policyBorrowing[slot];
    c.rdYearAgo[k] = rdYearAgo(f.rdHistory[slot]);
    c.lastRdTick[k] = f.lastRdTick[slot];
    c.lastInnovationTick[k] = f.lastInnovationTick[slot];
    c.lastCooperationTick[k] = f.lastCooperationTick[slot];
    // the lag slot written at tick (t − 3) holds employees a year before the record's tick t
    const t = exitTick >= 0 ? exitTick : w.tick;
    c.employeesYearAgo[k] =
      t - f.entryTick[slot] >= 4 ? f.employeesLag[slot * EMP_LAGS + ((t + 1) % EMP_LAGS)] : Number.NaN;
  }

  /** The records sorted by firm id (the order firms were created). */
  finish(): FirmRecords {
    const order = new Int32Array(this.n);
    for (let k = 0; k < this.n; k++) order[k] = k;
    const ids = this.cols.id;
    order.sort((a, b) => ids[a] - ids[b]);
    const out = allocate(this.n);
    for (const name of NAMES) {
      const src = this.cols[name];
      const dst = out[name];
      for (let k = 0; k < this.n; k++) dst[k] = src[order[k]];
    }
    return out;
  }

  private grow(): void {
    const next = allocate(this.cap * 2);
    for (const name of NAMES) (next[name] as { set(a: ArrayLike<number>): void }).set(this.cols[name]);
    this.cols = next;
    this.cap *= 2;
  }
}

function allocate(n: number): FirmRecords {
  const out = {} as Record<Column, unknown>;
  for (const name of NAMES) out[name] = new RECORD_COLUMNS[name](n);
  return out as FirmRecords;
}
