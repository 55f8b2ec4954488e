import type { InstrumentName, ModelParams } from "./params.js";

/**
 * The contract between the model and everything around it. The model returns plain numbers in
 * typed arrays; the engine, the analysis and the report read them by these names.
 */

/** A per-tick metric: name, unit and meaning (units feed chart axes and CSV headers' docs). */
export interface MetricInfo {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** Every per-tick metric the model records, in output column order. */
export const TICK_METRICS = [
  { name: "firms", unit: "firms", description: "Firms alive (SMEs and lead firms)" },
  { name: "smes", unit: "firms", description: "SMEs alive (incl. start-ups)" },
  { name: "startups", unit: "firms", description: "SMEs younger than 5 years" },
  { name: "tier1", unit: "firms", description: "Certified innovative SMEs" },
  { name: "tier2", unit: "firms", description: "Certified SRDI SMEs" },
  { name: "tier3", unit: "firms", description: "Certified little giants" },
  { name: "entries", unit: "firms per quarter", description: "Start-ups founded (incl. spin-offs)" },
  { name: "spinoffs", unit: "firms per quarter", description: "University spin-offs founded" },
  { name: "exits", unit: "firms per quarter", description: "Firms that exited (all causes)" },
  { name: "exitsCash", unit: "firms per quarter", description: "Exits from an unbridged cash shortfall" },
  { name: "exitsInsolvent", unit: "firms per quarter", description: "Exits with negative net worth" },
  { name: "exitsShare", unit: "firms per quarter", description: "Exits from a vanishing market share" },
  { name: "employment", unit: "workers", description: "Employment in all firms (production and R&D)" },
  { name: "smeEmployment", unit: "workers", description: "Employment in SMEs" },
  { name: "rdStaff", unit: "workers", description: "R&D staff in all firms" },
  { name: "output", unit: "M per quarter", description: "Sales of all firms" },
  { name: "smeOutput", unit: "M per quarter", description: "Sales of SMEs" },
  { name: "productivityMean", unit: "index", description: "Employment-weighted mean labour productivity" },
  {
    name: "smeProductivityMean",
    unit: "index",
    description: "Employment-weighted mean labour productivity of SMEs",
  },
  { name: "productivityFrontier", unit: "index", description: "Highest labour productivity" },
  { name: "rdPrivate", unit: "M per quarter", description: "R&D spending of firms net of public support" },
  {
    name: "rdPublic",
    unit: "M per quarter",
    description: "Public support to firms' R&D (grants, credits, subsidies)",
  },
  { name: "rdPerformers", unit: "firms", description: "Firms performing R&D" },
  { name: "innovations", unit: "per quarter", description: "Successful innovations" },
  { name: "imitations", unit: "per quarter", description: "Successful imitations" },
  { name: "imitationsBlocked", unit: "per quarter", description: "Imitation attempts blocked by patents" },
  { name: "patents", unit: "per quarter", description: "Patents granted" },
  { name: "loansOutstanding", unit: "M", description: "Commercial bank loans outstanding" },
  { name: "newLoans", unit: "M per quarter", description: "New commercial bank loans" },
  { name: "smeNewLoans", unit: "M per quarter", description: "New commercial bank loans to SMEs" },
  { name: "loanRate", unit: "per quarter", description: "Mean rate on new bank loans" },
  {
    name: "creditRationed",
    unit: "firms per quarter",
    description: "Firms refused all or part of the credit they asked for",
  },
  { name: "defaults", unit: "firms per quarter", description: "Borrowers that defaulted" },
  {
    name: "loanLosses",
    unit: "M per quarter",
    description: "Banks' losses on defaulted loans (after guarantee calls)",
  },
  { name: "guaranteedVolume", unit: "M", description: "Guaranteed loans outstanding" },
  { name: "guaranteeCalls", unit: "M per quarter", description: "Guarantee fund payments to banks" },
  { name: "policyLoans", unit: "M", description: "Policy-bank loans outstanding" },
  { name: "vcDeals", unit: "per quarter", description: "VC rounds closed (first and follow-on)" },
  { name: "vcInvested", unit: "M per quarter", description: "VC money invested" },
  { name: "vcExitsIpo", unit: "per quarter", description: "VC exits by IPO" },
  { name: "vcExitsAcquisition", unit: "per quarter", description: "VC exits by acquisition by a lead firm" },
  { name: "vcWriteOffs", unit: "per quarter", description: "VC investments written off" },
  { name: "vcFunds", unit: "funds", description: "VC funds active (private and guidance sub-funds)" },
  { name: "licences", unit: "per quarter", description: "University technology licences to firms" },
  { name: "collaborations", unit: "projects", description: "University–firm joint projects running" },
  { name: "talentPool", unit: "people", description: "Skilled people available for R&D hiring" },
  { name: "talentOutflow", unit: "people per quarter", description: "Skilled people leaving the region" },
  { name: "smeProcurementShare", unit: "share", description: "Share of public purchases bought from SMEs" },
  { name: "receivableDays", unit: "days", description: "Mean days SMEs wait for payment by lead firms" },
  { name: "challengesWon", unit: "per quarter", description: "Open challenges awarded" },
  { name: "taxRevenue", unit: "M per quarter", description: "Profit tax collected (net of tax credits)" },
  { name: "publicSpending", unit: "M per quarter", description: "Spending on all instruments" },
  { name: "booksResidual", unit: "M", description: "Money created or destroyed by accident (must be 0)" },
  {
    name: "supportedFirms",
    unit: "firms",
    description: "SMEs that received any public support this quarter",
  },
  {
    name: "loanRatePaid",
    unit: "per quarter",
    description: "Interest paid by SMEs on bank and policy loans per unit of those loans",
  },
  {
    name: "exitsCashVc",
    unit: "firms per quarter",
    description: "Cash-shortfall exits of VC-backed firms",
  },
  {
    name: "innovationInvestment",
    unit: "M per quarter",
    description: "Investment in adopting new technology (process innovations)",
  },
  { name: "revolvingLoans", unit: "M", description: "Revolving-fund loans outstanding" },
  { name: "bridgeLoans", unit: "M", description: "Bridge loans outstanding" },
  {
    name: "vcFundsRaised",
    unit: "funds per quarter",
    description: "New VC funds raised (private and guidance)",
  },
  {
    name: "talentRetained",
    unit: "people per quarter",
    description: "Skilled people kept by retention policy",
  },
  { name: "wage", unit: "M per worker-quarter", description: "Production wage" },
  { name: "smeNetWorth", unit: "M", description: "Net worth of all SMEs" },
  { name: "governmentBalance", unit: "M", description: "Government money balance (negative: debt)" },
  {
    name: "governmentNetPosition",
    unit: "M",
    description:
      "Government net financial position from the books: money of the government and its funds, public loans outstanding, the public share of guidance funds' money, less the provision for guarantee calls",
  },
  {
    name: "taxForgone",
    unit: "M per quarter",
    description:
      "Tax revenue forgone through tax instruments (R&D tax credit, capital-gains relief), refunds included",
  },
  {
    name: "smallSmeNewLoans",
    unit: "M per quarter",
    description:
      "New commercial bank loans to SMEs within the size standard of loan guarantees (loanGuarantee.maxEmployees, default 500 employees)",
  },
  {
    name: "smeRd",
    unit: "M per quarter",
    description: "R&D spending of SMEs (own and public money)",
  },
] as const satisfies readonly MetricInfo[];

export type TickMetricName = (typeof TICK_METRICS)[number]["name"];

/** Per-tick series: one Float64Array of length `ticks` per metric. */
export type TickSeries = Record<TickMetricName, Float64Array>;

/** Per-tick public spending by instrument (gross cost booked to the government). */
export type InstrumentSpending = Record<InstrumentName, Float64Array>;

/** Reasons a firm left the market. */
export const EXIT_CAUSES = ["alive", "insolvent", "vanishingShare", "cashShortfall", "acquired"] as const;

/** End-of-run records of every firm that ever lived, as columns (all of equal length). */
export interface FirmRecords {
  id: Int32Array;
  /** 0 SME (incl. start-up), 1 lead firm */
  kind: Uint8Array;
  /** 0 initial firm, 1 start-up, 2 university spin-off */
  origin: Uint8Array;
  entryTick: Int32Array;
  /** -1 while alive */
  exitTick: Int32Array;
  /** index into EXIT_CAUSES */
  exitCause: Uint8Array;
  employees: Float64Array;
  sales: Float64Array;
  rdSpending: Float64Array;
  rdStaff: Float64Array;
  productivity: Float64Array;
  quality: Float64Array;
  netWorth: Float64Array;
  tier: Uint8Array;
  patents: Int32Array;
  innovations: Int32Array;
  /** quarters with positive R&D */
  rdQuarters: Int32Array;
  /** 1 if the firm ever cooperated with a university */
  cooperated: Uint8Array;
  vcRounds: Uint8Array;
  grantsReceived: Float64Array;
  guaranteedBorrowing: Float64Array;
  policyBorrowing: Float64Array;
  /** Employees four ticks (a year) before the end or before exit; NaN if the firm was younger. */
  employeesYearAgo: Float64Array;
  /**
   * R&D (spending > 0) in the R&D pass four ticks (a year) before the firm's last one (the end of
   * the run or its exit quarter): 1 or 0; −1 when the firm was younger.
   */
  rdYearAgo: Int8Array;
  /** Last tick with R&D spending > 0; −1 never. */
  lastRdTick: Int32Array;
  /** Last tick with an innovation; −1 never. */
  lastInnovationTick: Int32Array;
  /** Last tick of a university joint project (running) or licence; −1 never. */
  lastCooperationTick: Int32Array;
}

export interface SimulateOptions {
  /** Check the books (double entry, stock-flow consistency) every tick; throws on a mismatch. */
  checkBooks?: boolean;
  /** Collect FirmRecords (costs memory proportional to all firms ever alive). */
  recordFirms?: boolean;
}

export interface RunResult {
  ticks: number;
  series: TickSeries;
  spending: InstrumentSpending;
  firms?: FirmRecords;
  /** Bytes of typed-array model state per firm slot (for the bench). */
  stateBytesPerFirm: number;
}

export type Simulate = (params: ModelParams, seed: number, options?: SimulateOptions) => RunResult;
