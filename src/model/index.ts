/**
 * ecosim's model: the table of contents (one concept per file; docs/ODD.md tells the story).
 *
 *   params.ts, param.ts    every parameter with unit, default, bounds and source
 *   types.ts               the contract: metrics, firm records, options, result
 *   simulate.ts            a run: initialise, then `tick` per quarter, collect outputs
 *   tick.ts                the schedule (ODD §3): the phases in order
 *   phases/*.ts            one phase per file, each behavioural equation a named function
 *   instruments/*.ts       each public instrument: its schema and its behaviour
 *   world.ts               the state of a run; firms.ts (typed-array firms); institutions.ts
 *   ledger.ts              double-entry money; books.ts checks stock-flow consistency
 *   draws.ts               keyed (counter-based) random draws: common random numbers per firm
 *   init.ts, records.ts, queries.ts
 */

export { checkBooks } from "./books.js";
export { foundedUid, KeyedRng, laplaceQuantile, lowbias32, normalInv } from "./draws.js";
export { FIRM_COLUMNS, Firms } from "./firms.js";
export { initialise } from "./init.js";
export { Ledger, transfer } from "./ledger.js";
// the contract
export * from "./param.js";
export * from "./params.js";
export { b2bPurchase, competitiveness, demand, replicatorShare } from "./phases/demand.js";
export { entry, startupRate } from "./phases/entry.js";
export { demandRule, environment, wageRule } from "./phases/environment.js";
export { acquireFirm, bankResolution, exit, exitCause, liquidate } from "./phases/exit.js";
export {
  bankCreditSupply,
  bankLoan,
  ceilingOf,
  creditCeiling,
  creditClass,
  finance,
} from "./phases/finance.js";
export { firmRdPropensity, firmRdSetup, foundFirm } from "./phases/founding.js";
export { cashShortfall } from "./phases/liquidity.js";
// phases (ODD §3 schedule, §7 submodels)
export { openQuarter } from "./phases/openQuarter.js";
export { materialsCost, productionWorkers, unitRevenue } from "./phases/production.js";
export { programmes } from "./phases/programmes.js";
export { record, recordFirms } from "./phases/record.js";
export {
  adoptionWorthwhile,
  desiredRd,
  diffusedLog,
  effectiveEffort,
  imitationHazard,
  innovationDraw,
  innovationHazard,
  rdAdjustment,
  rdPerformerStatus,
  rnd,
  userCostOfRd,
  userCostResponse,
} from "./phases/rnd.js";
export { settle } from "./phases/settle.js";
export { talent } from "./phases/talent.js";
export { taxableProfit } from "./phases/taxes.js";
export { knowledgeSpillover, technologyLicences, universities } from "./phases/universities.js";
export {
  closeLateRounds,
  followOnRound,
  raiseVcFunds,
  vcDealFlow,
  vcSignal,
  vcStake,
  venture,
} from "./phases/venture.js";
// running the model
export { simulate } from "./simulate.js";
export { tick } from "./tick.js";
export * from "./types.js";
// state
export { type Bank, createWorld, type Macro, type University, type VcFund, type World } from "./world.js";
