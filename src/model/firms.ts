/**
 * Firms as a structure of typed arrays (ODD §2.1): one slot per firm, free slots reused, capacity
 * doubled when full. Every per-firm state variable is one column here; nothing per firm lives
 * anywhere else, so `stateBytesPerFirm` is exact.
 */

/** Column name → typed-array constructor. Money that enters the books is Float64. */
export const FIRM_COLUMNS = {
  // identity and status
  alive: Uint8Array,
  kind: Uint8Array, // 0 SME, 1 lead firm
  origin: Uint8Array, // 0 initial, 1 start-up, 2 spin-off
  id: Int32Array,
  uid: Int32Array, // key of the firm's random streams (draws.ts): birth counter or foundedUid
  entryTick: Int32Array,
  bank: Uint8Array,
  buyer: Int32Array, // slot of the lead firm that buys its B2B output
  // balance sheet (M)
  cash: Float64Array,
  netWorth: Float64Array,
  capital: Float64Array,
  knowledge: Float64Array,
  debt: Float64Array, // bank debt to `bank`
  guaranteed: Float64Array, // guaranteed part of `debt` (principal)
  policyDebt: Float64Array,
  revolvingDebt: Float64Array,
  bridgeDebt: Float64Array,
  receivable: Float64Array, // SME: owed by its buyer
  payable: Float64Array, // lead firm: owed to its SME suppliers
  // flows of the current quarter (M)
  sales: Float64Array,
  profit: Float64Array,
  rdSpend: Float64Array,
  pendingWageSubsidy: Float64Array,
  pendingProjectSubsidy: Float64Array,
  // market and technology
  share: Float64Array,
  niche: Float32Array, // relative size of the firm's niche (mean 1)
  // technology in logs (the state: diffusion, imitation and competitiveness work on logs, and
  // innovations add log(1 + x)); productivity also as a level, exp(log A), for the record's sums
  // (`setLogProductivity` keeps the two together); quality only in logs
  logProductivity: Float64Array,
  productivity: Float32Array,
  logQuality: Float64Array,
  management: Float32Array, // log productivity from management practice (service centres), outside diffusion
  potential: Float32Array, // log search productivity (true, unobserved)
  expPotential: Float64Array, // Math.exp(potential), exactly (set with potential; 1 for a cleared slot)
  rdPropensity: Float32Array, // ν_i
  rdSetup: Float32Array, // the firm's minimum R&D team (fixed cost of R&D, in R&D workers)
  rdPlan: Float32Array, // partially adjusted R&D budget (M per quarter)
  employees: Float32Array,
  rdStaff: Float32Array,
  loanRate: Float32Array,
  policyRate: Float32Array,
  awareness: Float32Array, // uniform draw: aware if below the take-up probability
  patentStock: Float32Array,
  // scratch columns rewritten every tick; read them through their named aliases on `Firms`
  // (wantedRdStaff, grantScore, nwOverSales; knowledgeWriteDown; competitivenessScore), which say
  // which phase writes and which reads each meaning
  scratchA: Float32Array,
  scratchB: Float32Array,
  scratchC: Float32Array,
  costs: Float32Array, // production + R&D outlays of the quarter
  productionCost: Float32Array, // production wages and materials of the quarter (variable cost)
  // history and records
  employeesLag: Float32Array, // 4 lagged values per firm, see EMP_LAGS
  grantsReceived: Float32Array,
  guaranteedBorrowing: Float32Array,
  policyBorrowing: Float32Array,
  vcInvested: Float32Array,
  patents: Int32Array,
  innovations: Int32Array,
  rdQuarters: Int32Array,
  rdHistory: Int32Array, // 2 bits per past tick (observed, R&D > 0), newest in bits 0–1, see rdYearAgo
  lastRdTick: Int32Array, // -1 never
  lastInnovationTick: Int32Array, // -1 never
  lastCooperationTick: Int32Array, // -1 never (university project or licence)
  // programmes and instruments
  performer: Uint8Array,
  tier: Uint8Array,
  maxTier: Uint8Array,
  shortfall: Uint8Array,
  flags: Uint8Array, // see FLAG_*
  grantPhase: Uint8Array,
  grantStart: Int32Array,
  wageSubsidyStart: Int32Array,
  revolvingEnd: Int32Array, // tick of the last instalment of the revolving-fund loan
  collabEnd: Int32Array,
  collabUni: Uint8Array,
  collabCost: Float32Array, // cost of the running joint project this quarter (ODD §7.7)
  clientUntil: Int32Array,
  challengeEnd: Int32Array,
  challengeLead: Int32Array,
  vcFund: Int32Array, // -1 none
  vcRound: Uint8Array,
  vcNext: Int32Array, // tick of the next planned round, -1 none
} as const;

/** Lagged employees kept per firm (a year of quarters). */
export const EMP_LAGS = 4;

/**
 * R&D status four ticks before the last R&D pass, from `rdHistory` (2 bits per tick: observed,
 * R&D > 0): 1 or 0, or −1 when the firm had not yet been through an R&D pass then.
 */
export function rdYearAgo(history: number): number {
  return ((history >>> 9) & 1) === 1 ? (history >>> 8) & 1 : -1;
}

export const FLAG_COOPERATED = 1;
export const FLAG_GRANT_WINNER = 2;
export const FLAG_INNOVATED = 4; // since the last VC round
export const FLAG_TAXPAYER = 8;
export const FLAG_ROUND_DELAYED = 16;
export const FLAG_VC_EVER = 32;
export const FLAG_SUPPORTED = 64; // received public support this quarter

export const KIND_SME = 0;
export const KIND_LEAD = 1;
export const ORIGIN_INITIAL = 0;
export const ORIGIN_STARTUP = 1;
export const ORIGIN_SPINOFF = 2;

type Columns = typeof FIRM_COLUMNS;
type ColumnName = keyof Columns;
type ColumnArrays = { [K in ColumnName]: InstanceType<Columns[K]> };
const COLUMN_NAMES = Object.keys(FIRM_COLUMNS) as ColumnName[];

export interface Firms extends ColumnArrays {}

interface ColumnsByType {
  u8: Uint8Array[];
  i32: Int32Array[];
  f32: Float32Array[];
  f64: Float64Array[];
}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the columns are declared by FIRM_COLUMNS
export class Firms {
  /** Slots allocated. */
  capacity = 0;
  /** One past the highest slot ever used: loops run over [0, hi). */
  hi = 0;
  /** Firms alive. */
  count = 0;
  /** Ids handed out so far (ids are never reused). */
  nextId = 0;
  private freeSlots = new Int32Array(0);
  /** The per-slot columns grouped by element type (for `clear`); rebuilt when they are reallocated. */
  private byType: ColumnsByType = { u8: [], i32: [], f32: [], f64: [] };
  private nFree = 0;
  /** Called after the columns were reallocated (the ledger keeps a view of `cash`). */
  onGrow: (() => void) | null = null;

  constructor(capacity: number) {
    this.resize(Math.max(16, capacity));
  }

  // Named aliases of the scratch columns: one column, a meaning per phase (writer → reader).
  /** scratchA, phase 2 `grantCompetition` → itself: each applicant's score, NaN for the rest. */
  get grantScore(): Float32Array {
    return this.scratchA;
  }
  /** scratchA, phase 5 `planRd` → `rnd`'s second pass: the R&D staff each firm wants. */
  get wantedRdStaff(): Float32Array {
    return this.scratchA;
  }
  /** scratchA, phase 6 `sell` → phase 8 `finance`: each SME's net worth over sales (NaN: none). */
  get nwOverSales(): Float32Array {
    return this.scratchA;
  }
  /** scratchB, phase 5 `rnd` → phase 11 `settle`: the quarter's knowledge write-down (M). */
  get knowledgeWriteDown(): Float32Array {
    return this.scratchB;
  }
  /** scratchC, phase 5 `rnd` → phase 6 `replicate`: each firm's competitiveness E. */
  get competitivenessScore(): Float32Array {
    return this.scratchC;
  }

  /** Bytes of typed-array state per slot (the bench's ≤ 512 B budget). */
  static bytesPerSlot(): number {
    let bytes = 4; // the free-slot stack
    for (const name of COLUMN_NAMES) {
      const per = name === "employeesLag" ? EMP_LAGS : 1;
      bytes += FIRM_COLUMNS[name].BYTES_PER_ELEMENT * per;
    }
    return bytes;
  }

  /** Take a free slot (or a new one, doubling the capacity when full); zeroed except ids. */
  allocate(tick: number): number {
    let slot: number;
    if (this.nFree > 0) {
      slot = this.freeSlots[--this.nFree]; // cleared when it was released
    } else {
      // a slot never used is still zero in every column (new typed arrays are zero-filled, and
      // nothing writes past `hi`): only the non-zero defaults are set (no 80 stores per firm at
      // initialisation)
      if (this.hi === this.capacity) this.resize(this.capacity * 2);
      slot = this.hi++;
      this.setDefaults(slot);
    }
    this.alive[slot] = 1;
    this.id[slot] = this.nextId++;
    this.entryTick[slot] = tick;
    this.count++;
    return slot;
  }

  /** Give a slot back (the caller has settled its balance sheet). */
  release(slot: number): void {
    // cleared now, while the exit has its columns in cache, not when the slot is reused
    this.clear(slot);
    this.freeSlots[this.nFree++] = slot;
    this.count--;
  }

  private clear(slot: number): void {
    // one monomorphic loop per element type (entrants are allocated every tick)
    const { u8, i32, f32, f64 } = this.byType;
    for (let k = 0; k < u8.length; k++) u8[k][slot] = 0;
    for (let k = 0; k < i32.length; k++) i32[k][slot] = 0;
    for (let k = 0; k < f32.length; k++) f32[k][slot] = 0;
    for (let k = 0; k < f64.length; k++) f64[k][slot] = 0;
    this.setDefaults(slot);
  }

  /** The columns whose value for an empty slot is not zero. */
  private setDefaults(slot: number): void {
    const lags = this.employeesLag;
    for (let k = slot * EMP_LAGS, end = k + EMP_LAGS; k < end; k++) lags[k] = Number.NaN;
    this.vcFund[slot] = -1;
    this.vcNext[slot] = -1;
    this.challengeLead[slot] = -1;
    this.buyer[slot] = -1;
    this.wageSubsidyStart[slot] = -1;
    this.collabEnd[slot] = -1;
    this.clientUntil[slot] = -1;
    this.challengeEnd[slot] = -1;
    this.lastRdTick[slot] = -1;
    this.lastInnovationTick[slot] = -1;
    this.lastCooperationTick[slot] = -1;
    this.productivity[slot] = 1; // logProductivity and logQuality 0 (cleared above)
    this.expPotential[slot] = 1; // potential 0
  }

  private resize(capacity: number): void {
    for (const name of COLUMN_NAMES) {
      const per = name === "employeesLag" ? EMP_LAGS : 1;
      const Ctor = FIRM_COLUMNS[name];
      const next = new Ctor(capacity * per);
      const old = (this as Partial<ColumnArrays>)[name];
      if (old) {
        next.set(old as never);
        (this as unknown as Record<ColumnName, unknown>)[name] = next;
      } else {
        // the first time, define the column: a computed-key store would turn the object into a
        // dictionary (slow properties) after a dozen columns, and every `firms.column` would be a
        // hash lookup in the hot loops
        Object.defineProperty(this, name, {
          value: next,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    const byType: ColumnsByType = { u8: [], i32: [], f32: [], f64: [] };
    for (const name of COLUMN_NAMES) {
      if (name === "employeesLag") continue;
      const col = (this as ColumnArrays)[name];
      if (col instanceof Uint8Array) byType.u8.push(col);
      else if (col instanceof Int32Array) byType.i32.push(col);
      else if (col instanceof Float32Array) byType.f32.push(col);
      else byType.f64.push(col);
    }
    this.byType = byType;
    const free = new Int32Array(capacity);
    free.set(this.freeSlots.subarray(0, this.nFree));
    this.freeSlots = free;
    this.capacity = capacity;
    this.onGrow?.();
  }
}

/** Set firm i's log productivity (the state) and its level exp(log A) together. */
export function setLogProductivity(f: Firms, i: number, logA: number): void {
  f.logProductivity[i] = logA;
  f.productivity[i] = Math.exp(logA);
}
