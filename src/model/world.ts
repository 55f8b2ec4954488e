import { KeyedRng } from "./draws.js";
import { Firms } from "./firms.js";
import { Ledger } from "./ledger.js";
import { INSTRUMENT_NAMES, type InstrumentName, type ModelParams } from "./params.js";
import { RECORD_SUMS } from "./phases/record.js";
import { TICK_METRICS } from "./types.js";

/**
 * The state of one run (ODD §2): firms (typed arrays), the few institutions (small objects), the
 * ledger of money, the macro environment, the random stream, and the per-tick tallies.
 */

export interface Bank {
  account: number;
  /** Loans outstanding (must equal the debts of its clients). */
  loans: number;
  /** Moving average of losses per unit of loans (Bda in K+S). */
  badDebt: number;
  lossThisTick: number;
  initialEquity: number;
}

export interface VcFund {
  account: number;
  guidance: boolean;
  start: number;
  investUntil: number;
  end: number;
  /** Share of the fund's money that came from private limited partners. */
  privateShare: number;
  active: boolean;
  invested: number;
  /** Horse-race score: +1 per milestone round, +3 per exit, −1 per write-off. */
  score: number;
}

export interface University {
  account: number;
  knowledge: number;
}

/** Stocks the books check against the firms' columns. */
export interface Programmes {
  guaranteeFund: { guaranteed: number; calls: number };
  policyBank: { loans: number };
  revolvingFund: { loans: number };
  bridgeFund: { loans: number };
}

export interface Macro {
  demand: number;
  wage: number;
  initialWage: number;
  rdWage: number;
  meanProductivity: number;
  initialProductivity: number;
  meanQuality: number;
  talentPool: number;
  initialTalentPool: number;
  meanProfitRate: number;
  /**
   * Mean operating surplus per SME this quarter (sales − production wages − materials − fixed cost), in
   * production wages (worker-quarters): the profit an entrant can expect; drives entry.
   */
  meanSmeSurplus: number;
  rationedShare: number;
  smeSegment: number;
  meanSmeShare: number;
  smeSalesQuantile90: number;
  paymentDays: number;
  ipStrength: number;
  capitalGainsTax: number;
  exitOpenness: number;
  complianceCost: number;
  /** Talent-pool rationing of R&D hiring this tick (1 = none). */
  hiringRation: number;
  /** Quartile bounds of NW/sales among SMEs (credit classes). */
  classBounds: Float64Array;
  initialMoney: number;
  /** Patents in force and SMEs alive at the end of the previous tick. */
  patentsInForce: number;
  smes: number;
}

/** Per-segment sums of the current tick, carried from the R&D pass to the demand passes. */
export interface MarketSums {
  smes: number;
  leads: number;
  /** Sum of shares by segment (before this tick's replicator). */
  smeShare: number;
  leadShare: number;
  /** Share-weighted mean competitiveness by segment. */
  smeE: number;
  leadE: number;
}

export interface World {
  /**
   * The parameters in force this quarter: `policyP` from `government.policyStartQuarter` on,
   * `baselineP` (the same parameters with every instrument off) before it (ODD §7.11).
   */
  p: ModelParams;
  /** The parameters as given (the instruments switched on). */
  readonly policyP: ModelParams;
  /** The parameters with every instrument off (the same object as `policyP` when the policy starts at 0). */
  readonly baselineP: ModelParams;
  readonly rng: KeyedRng;
  /** Firms founded so far in quarter `bornTick` (their stream keys, `foundedUid`). */
  bornTick: number;
  bornCount: number;
  readonly firms: Firms;
  readonly ledger: Ledger;
  readonly banks: Bank[];
  readonly vcFunds: VcFund[];
  readonly universities: University[];
  readonly programmes: Programmes;
  readonly macro: Macro;
  readonly market: MarketSums;
  /** The firms leaving this tick, as (slot, cause) pairs in slot order (`settle` → `exit`). */
  exits: Int32Array;
  nExits: number;
  /** Slots of this tick's start-ups (`entry` → `record`). */
  readonly entrants: number[];
  /** Slots of the firms whose late VC round closes at the end of this tick (`venture` → `closeLateRounds`). */
  readonly lateRounds: number[];
  /** The record's per-firm sums of this tick (`settle`, `record`). */
  readonly recordSums: Float64Array;
  /** Slots of the lead firms alive (kept small). */
  leads: number[];
  tick: number;
  /** This tick's metric values, indexed by METRIC. */
  readonly tally: Float64Array;
  /** This tick's fiscal cost per instrument. */
  readonly spend: Record<InstrumentName, number>;
  /** Sample buffer for quantile estimates (fixed size, twice the expected sample). */
  readonly sample: Float64Array;
  /** Optional hook called when a firm exits or at the end (firm records). */
  onFirmGone: ((slot: number, tick: number, cause: number) => void) | null;
}

export function createWorld(p: ModelParams, seed: number): World {
  const firms = new Firms(Math.ceil((p.firms + p.population.leadFirms) * 1.25) + 16);
  const ledger = new Ledger(firms);
  const baselineP = p.government.policyStartQuarter > 0 ? instrumentsOff(p) : p;
  return {
    p: baselineP,
    policyP: p,
    baselineP,
    rng: new KeyedRng(seed),
    bornTick: -1,
    bornCount: 0,
    firms,
    ledger,
    banks: [],
    vcFunds: [],
    universities: [],
    programmes: {
      guaranteeFund: { guaranteed: 0, calls: 0 },
      policyBank: { loans: 0 },
      revolvingFund: { loans: 0 },
      bridgeFund: { loans: 0 },
    },
    macro: {
      demand: 0,
      wage: p.world.wage,
      initialWage: p.world.wage,
      rdWage: p.world.wage * (1 + p.world.rdWagePremium),
      meanProductivity: 1,
      initialProductivity: 1,
      meanQuality: 1,
      talentPool: 0,
      initialTalentPool: 0,
      meanProfitRate: 0,
      meanSmeSurplus: 0,
      rationedShare: 0,
      smeSegment: 1 - p.market.leadFirmShare,
      meanSmeShare: 0,
      smeSalesQuantile90: 0,
      paymentDays: p.market.paymentDays,
      ipStrength: p.rnd.ipStrength,
      capitalGainsTax: p.vc.capitalGainsTaxRate,
      exitOpenness: p.vc.exitMarketOpenness,
      complianceCost: p.world.complianceCost,
      hiringRation: 1,
      classBounds: new Float64Array(3),
      initialMoney: 0,
      patentsInForce: 0,
      smes: 0,
    },
    market: { smes: 0, leads: 0, smeShare: 0, leadShare: 0, smeE: 0, leadE: 0 },
    exits: new Int32Array(64),
    nExits: 0,
    entrants: [],
    lateRounds: [],
    recordSums: new Float64Array(RECORD_SUMS),
    leads: [],
    tick: 0,
    tally: new Float64Array(TICK_METRICS.length),
    spend: Object.fromEntries(INSTRUMENT_NAMES.map((n) => [n, 0])) as Record<InstrumentName, number>,
    sample: new Float64Array(512),
    onFirmGone: null,
  };
}

/** A copy of the parameters with every instrument's `enabled` flag off. */
export function instrumentsOff(p: ModelParams): ModelParams {
  const off = structuredClone(p);
  for (const name of INSTRUMENT_NAMES) {
    const block = off.instruments[name] as unknown;
    if (typeof block === "object" && block !== null && "enabled" in block)
      (block as { enabled: boolean }).enabled = false;
  }
  return off;
}

/**
 * Switches the instruments on at `government.policyStartQuarter` (called once per tick, O(1)):
 * from that quarter the parameters in force are the given ones and the public funds get their
 * capital (at initialisation when the policy starts at 0).
 */
export function policySwitch(w: World, capitalise: (w: World) => void): void {
  if (w.p === w.policyP || w.tick < w.policyP.government.policyStartQuarter) return;
  w.p = w.policyP;
  capitalise(w);
}
