import { doubleFields } from "./doubleFields.js";
import { KeyedRng } from "./draws.js";
import { Firms } from "./firms.js";
import { Ledger } from "./ledger.js";
import { INSTRUMENT_NAMES, type InstrumentName, type ModelParams } from "./params.js";
import { RECORD_SUMS } from "./recordSums.js";
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
  /**
   * guaranteed: principal outstanding; calls: paid to banks this quarter; callsTotal and issued:
   * calls paid and principal guaranteed since the start (the provision's loss rate).
   */
  guaranteeFund: { guaranteed: number; calls: number; callsTotal: number; issued: number };
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
  /**
   * SMEs with sales (a finite NW/sales) in the last sales pass, and how many of their ratios it put
   * in `World.creditSample` (the credit classes' quantile sample, ODD §7.5).
   */
  classedSmes: number;
  creditSampleSize: number;
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
  /** The credit classes' sample of SMEs' NW/sales, drawn by the sales pass (same size as `sample`). */
  readonly creditSample: Float64Array;
  /** Optional hook called when a firm exits or at the end (firm records). */
  onFirmGone: ((slot: number, tick: number, cause: number) => void) | null;
}

export function createWorld(p: ModelParams, seed: number): World {
  return new WorldState(p, seed);
}

// The world and its parts are built by constructors, not object literals: V8 keeps the types of an
// object literal's fields from its first evaluation and generalises them when it evaluates the
// literal again, which throws away the code optimised against the first world (every phase) as the
// second run of a process creates its world. The fields are declared, not defined, so that each is
// created by its assignment in the constructor (a defined field would start as undefined).

class WorldState implements World {
  declare p: ModelParams;
  declare readonly policyP: ModelParams;
  declare readonly baselineP: ModelParams;
  declare readonly rng: KeyedRng;
  declare bornTick: number;
  declare bornCount: number;
  declare readonly firms: Firms;
  declare readonly ledger: Ledger;
  declare readonly banks: Bank[];
  declare readonly vcFunds: VcFund[];
  declare readonly universities: University[];
  declare readonly programmes: Programmes;
  declare readonly macro: Macro;
  declare readonly market: MarketSums;
  declare exits: Int32Array;
  declare nExits: number;
  declare readonly entrants: number[];
  declare readonly lateRounds: number[];
  declare readonly recordSums: Float64Array;
  declare leads: number[];
  declare tick: number;
  declare readonly tally: Float64Array;
  declare readonly spend: Record<InstrumentName, number>;
  declare readonly sample: Float64Array;
  declare readonly creditSample: Float64Array;
  declare onFirmGone: ((slot: number, tick: number, cause: number) => void) | null;

  constructor(p: ModelParams, seed: number) {
    const firms = new Firms(Math.ceil((p.firms + p.population.leadFirms) * 1.25) + 16);
    const baselineP = p.government.policyStartQuarter > 0 ? instrumentsOff(p) : p;
    this.p = baselineP;
    this.policyP = p;
    this.baselineP = baselineP;
    this.rng = new KeyedRng(seed);
    this.bornTick = -1;
    this.bornCount = 0;
    this.firms = firms;
    this.ledger = new Ledger(firms);
    this.banks = [];
    this.vcFunds = [];
    this.universities = [];
    this.programmes = new ProgrammeStocks();
    this.macro = new MacroState(p);
    this.market = new MarketState();
    this.exits = new Int32Array(64);
    this.nExits = 0;
    this.entrants = [];
    this.lateRounds = [];
    this.recordSums = new Float64Array(RECORD_SUMS);
    this.leads = [];
    this.tick = 0;
    this.tally = new Float64Array(TICK_METRICS.length);
    this.spend = Object.fromEntries(INSTRUMENT_NAMES.map((n) => [n, 0])) as Record<InstrumentName, number>;
    this.sample = new Float64Array(512);
    this.creditSample = new Float64Array(512);
    this.onFirmGone = null;
  }
}

class GuaranteeFundStock {
  guaranteed = 0;
  calls = 0;
  callsTotal = 0;
  issued = 0;

  constructor() {
    doubleFields(this);
  }
}

class LoanStock {
  loans = 0;

  constructor() {
    doubleFields(this);
  }
}

class ProgrammeStocks implements Programmes {
  declare guaranteeFund: GuaranteeFundStock;
  declare policyBank: LoanStock;
  declare revolvingFund: LoanStock;
  declare bridgeFund: LoanStock;

  constructor() {
    this.guaranteeFund = new GuaranteeFundStock();
    this.policyBank = new LoanStock();
    this.revolvingFund = new LoanStock();
    this.bridgeFund = new LoanStock();
  }
}

class MarketState implements MarketSums {
  smes = 0;
  leads = 0;
  smeShare = 0;
  leadShare = 0;
  smeE = 0;
  leadE = 0;

  constructor() {
    doubleFields(this, "smeShare", "leadShare", "smeE", "leadE");
  }
}

class MacroState implements Macro {
  declare demand: number;
  declare wage: number;
  declare initialWage: number;
  declare rdWage: number;
  declare meanProductivity: number;
  declare initialProductivity: number;
  declare meanQuality: number;
  declare talentPool: number;
  declare initialTalentPool: number;
  declare meanProfitRate: number;
  declare meanSmeSurplus: number;
  declare rationedShare: number;
  declare smeSegment: number;
  declare meanSmeShare: number;
  declare smeSalesQuantile90: number;
  declare paymentDays: number;
  declare ipStrength: number;
  declare capitalGainsTax: number;
  declare exitOpenness: number;
  declare complianceCost: number;
  declare hiringRation: number;
  declare classBounds: Float64Array;
  declare classedSmes: number;
  declare creditSampleSize: number;
  declare initialMoney: number;
  declare patentsInForce: number;
  declare smes: number;

  constructor(p: ModelParams) {
    this.demand = 0;
    this.wage = p.world.wage;
    this.initialWage = p.world.wage;
    this.rdWage = p.world.wage * (1 + p.world.rdWagePremium);
    this.meanProductivity = 1;
    this.initialProductivity = 1;
    this.meanQuality = 1;
    this.talentPool = 0;
    this.initialTalentPool = 0;
    this.meanProfitRate = 0;
    this.meanSmeSurplus = 0;
    this.rationedShare = 0;
    this.smeSegment = 1 - p.market.leadFirmShare;
    this.meanSmeShare = 0;
    this.smeSalesQuantile90 = 0;
    this.paymentDays = p.market.paymentDays;
    this.ipStrength = p.rnd.ipStrength;
    this.capitalGainsTax = p.vc.capitalGainsTaxRate;
    this.exitOpenness = p.vc.exitMarketOpenness;
    this.complianceCost = p.world.complianceCost;
    this.hiringRation = 1;
    this.classBounds = new Float64Array(3);
    this.classedSmes = 0;
    this.creditSampleSize = 0;
    this.initialMoney = 0;
    this.patentsInForce = 0;
    this.smes = 0;
    doubleFields(this);
  }
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
