import {
  SITE_COLLAB,
  SITE_COLLAB_START,
  SITE_IMITATE,
  SITE_INNOVATE,
  SITE_SEARCH,
  SITE_SEARCH_IMITATION,
} from "../draws.js";
import {
  FLAG_COOPERATED,
  FLAG_INNOVATED,
  FLAG_SUPPORTED,
  FLAG_TAXPAYER,
  KIND_SME,
  setLogProductivity,
} from "../firms.js";
import { tierCreditBoost } from "../instruments/certification.js";
import { collaborationProbability, cooperativeCostShare } from "../instruments/cooperativeResearch.js";
import { grantPayment } from "../instruments/grants.js";
import {
  adoptionInvestment,
  innovationInvestmentCreditPay,
  innovationInvestmentCreditRate,
} from "../instruments/innovationInvestmentCredit.js";
import {
  projectSubsidyAccrue,
  projectSubsidyMarginalRate,
  projectSubsidyPay,
} from "../instruments/rdProjectSubsidy.js";
import { wageSubsidyAccrue, wageSubsidyPay, wageSubsidyRate } from "../instruments/rdWageSubsidy.js";
import { revolvingFundProject } from "../instruments/revolvingFund.js";
import { managementUpdate } from "../instruments/serviceCentres.js";
import { taxCreditUserCostTerm } from "../instruments/taxCredit.js";
import { EXTERNAL, firmEarn, firmWriteDown, GOVERNMENT, transfer } from "../ledger.js";
import { METRIC, sampleFirm } from "../queries.js";
import type { World } from "../world.js";
import { competitiveness } from "./demand.js";
import { ceilingOf } from "./finance.js";
import { knowledgeSpillover } from "./universities.js";
import { vcBurn } from "./venture.js";

/**
 * Phase 5, R&D (ODD §7.4). Two passes over the firms. First, every firm sets its R&D budget
 * (desired R&D from past sales and the user cost, partially adjusted), decides whether it performs
 * R&D at all (a minimum team it must be able to pay, persistent status) and how many R&D workers
 * it wants. The talent pool rations hiring. Second, firms hire, pay R&D wages and projects, draw
 * innovations and imitations, patent, and update their knowledge stock.
 *
 * Fused with the start of phase 6 (demand, ODD §3): the first pass also counts each market
 * segment's firms and shares (R&D does not move shares), the second computes each firm's
 * competitiveness as soon as its technology for the quarter is final (only its own R&D changes
 * it). Instruments that are off cost one branch per tick, not a call per firm.
 */
export function rnd(w: World): void {
  // two passes, two functions: each gets its own inlining budget (see `demand`)
  planRd(w);
  searchRd(w);
}

/**
 * The first pass of `rnd`: R&D budgets, performer status and wanted R&D staff (in `wantedRdStaff`), the
 * segment counts and shares for demand, and the talent pool's hiring ration.
 */
function planRd(w: World): void {
  const f = w.firms;
  const p = w.p;
  const m = w.macro;
  const r = p.rnd;
  const ins = p.instruments;
  const hi = f.hi;
  const wRd = m.rdWage;
  const { alive, kind, share, sales, cash, debt, netWorth, knowledge, productionCost } = f;
  const { rdPropensity, rdPlan, performer, wantedRdStaff, rdStaff } = f;
  const projectEnd = f.collabEnd;
  const projectCost = f.collabCost;
  // baseline B = 1 (ODD §7.4): the user cost varies only with an R&D-cost instrument on
  const userCostVaries = ins.taxCredit.enabled || ins.rdWageSubsidy.enabled || ins.rdProjectSubsidy.enabled;
  const certOn = ins.certification.enabled;
  const elasticity = r.userCostElasticity;
  const lambda = r.rdAdjustment;
  const rdSetup = f.rdSetup;
  const stop = r.rdStopShare;
  const c = p.credit;
  const multiplier = c.creditMultiplier;
  const haircut = c.intangibleHaircut;
  const nUni = w.universities.length;
  const projectShare = p.universities.projectShare;
  const coopOn = ins.cooperativeResearch.enabled;
  const t = w.tick;
  const { vcFund, vcNext, vcRound } = f;
  const { seedRound, roundGrowth, runwayQuarters: runway } = p.vc;
  const startKey = w.rng.key(SITE_COLLAB_START);
  let hires = 0;
  let nSme = 0;
  let nLead = 0;
  let fSme = 0;
  let fLead = 0;
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    // 6. demand: segment sizes (shares are not moved by R&D)
    if (kind[i] === KIND_SME) {
      nSme++;
      fSme += share[i];
    } else {
      nLead++;
      fLead += share[i];
    }
    // B = 1 on the baseline path: B^(−ε) = 1 without a pow per firm
    const response = userCostVaries ? userCostResponse(userCostOfRd(w, i), elasticity) : 1;
    const desired = desiredRd(rdPropensity[i], sales[i], response);
    const plan = rdAdjustment(rdPlan[i], desired, lambda);
    rdPlan[i] = plan;
    let staff = plan / wRd;
    const was = performer[i] === 1;
    const setup = rdSetup[i];
    let perf = rdPerformerStatus(was, staff, setup, stop);
    if (perf) {
      // no floor: a performer employs what its budget pays for (never above its desired intensity)
      const boost = certOn ? tierCreditBoost(w, i) : 0;
      const ceiling = ceilingOf(
        multiplier,
        haircut,
        netWorth[i],
        knowledge[i],
        sales[i],
        productionCost[i],
        boost,
      );
      const finance = Math.max(0, cash[i]) + Math.max(0, ceiling - debt[i]);
      if (staff * wRd > finance) staff = finance / wRd;
      if (staff < (was ? stop * setup : setup)) perf = false;
    }
    if (!perf) staff = 0;
    // a VC-backed firm with a round planned also burns its last round over the runway (ODD §7.6)
    if (runway > 0 && vcFund[i] >= 0 && vcNext[i] >= 0) {
      staff += vcBurn(vcRound[i], seedRound, roundGrowth, runway) / wRd;
      perf = staff >= (was ? stop * setup : setup);
    }
    performer[i] = perf ? 1 : 0;
    // a university joint project is extramural R&D within the budget: the firm's share of its cost
    // replaces in-house R&D staff (ODD §7.7 `startJointProject`)
    if (kind[i] === KIND_SME && nUni > 0) {
      const budget = staff * wRd;
      projectCost[i] = 0;
      // a project runs, or a performer with a budget draws whether it starts one (startJointProject
      // takes no floating-point arguments: a call that is not inlined boxes none); the project's
      // cost is projectShare of the budget, the firm's own share of it replaces R&D staff
      if (projectEnd[i] >= t || (perf && budget > 0 && startJointProject(w, i, startKey))) {
        const cost = projectShare * Math.max(0, budget);
        projectCost[i] = cost;
        const own = (1 - (coopOn ? cooperativeCostShare(w, i) : 0)) * cost;
        if (own > 0) staff = Math.max(0, staff - own / wRd);
      }
    }
    wantedRdStaff[i] = staff;
    if (staff > rdStaff[i]) hires += staff - rdStaff[i];
  }
  const seg = w.market;
  seg.smes = nSme;
  seg.leads = nLead;
  seg.smeShare = fSme;
  seg.leadShare = fLead;
  const ration = hires > m.talentPool ? Math.max(0, m.talentPool) / hires : 1;
  m.hiringRation = ration;
  m.talentPool -= hires * ration;
}

/**
 * The second pass of `rnd`: hiring (rationed), R&D spending and projects, innovation and imitation,
 * diffusion, knowledge, and each firm's competitiveness for demand.
 */
function searchRd(w: World): void {
  const f = w.firms;
  const p = w.p;
  const m = w.macro;
  const r = p.rnd;
  const ins = p.instruments;
  const rng = w.rng;
  const hi = f.hi;
  const wRd = m.rdWage;
  const { alive, kind, share, cash, knowledge, performer, wantedRdStaff, rdStaff } = f;
  const nUni = w.universities.length;
  const coopOn = ins.cooperativeResearch.enabled;
  const t = w.tick;
  const seg = w.market;
  const ration = m.hiringRation;
  const nSme = seg.smes;
  const nLead = seg.leads;
  const fSme = seg.smeShare;
  const fLead = seg.leadShare;

  const spill = knowledgeSpillover(w);
  const grantsOn = ins.grants.enabled;
  const revolvingOn = ins.revolvingFund.enabled;
  const wageSubOn = ins.rdWageSubsidy.enabled;
  const projectSubOn = ins.rdProjectSubsidy.enabled;
  const serviceOn = ins.serviceCentres.enabled;
  const boost = p.universities.collaborationBoost;
  const tally = w.tally;
  // technology diffusion in logs: A·(Ā/A)^d = exp(log A + d·(log Ā − log A)), one log per firm
  const diffusion = r.diffusionRate;
  const logMeanA = Math.log(m.meanProductivity);
  const logMeanQ = Math.log(m.meanQuality);
  const saturation = r.effortSaturation;
  const innovationRate = r.zetaInnovation * r.innovationShare;
  const imitationRate = r.zetaImitation * (1 - r.innovationShare);
  const depreciation = r.knowledgeDepreciation;
  const patentKeep = 1 - 1 / r.patentLifeQuarters;
  // demand (phase 6): competitiveness of each firm with its final technology for the quarter
  const mk = p.market;
  const priceWeight = mk.priceWeight;
  const qualityWeight = mk.qualityWeight;
  const kappa = mk.nicheSaturation;
  const meanSme = nSme > 0 ? fSme / nSme : 1;
  const meanLead = nLead > 0 ? fLead / nLead : 1;
  const {
    logProductivity,
    management,
    logQuality,
    expPotential,
    niche,
    knowledgeWriteDown,
    competitivenessScore,
    patentStock,
    collabEnd,
    flags,
  } = f;
  const { rdSpend, rdQuarters, rdHistory, lastRdTick, uid } = f;
  let toExternal = 0;
  let released = 0; // R&D staff let go return to the talent pool
  let rdPerformers = 0;
  let staffTotal = 0;
  let sumE0 = 0;
  let sumE1 = 0;
  let sumF0 = 0;
  let sumF1 = 0;
  // the search draws: one word each by pick (draws.ts), innovation and imitation
  const innovationKey = rng.key(SITE_SEARCH);
  const imitationKey = rng.key(SITE_SEARCH_IMITATION);
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    const target = wantedRdStaff[i];
    const current = rdStaff[i];
    let staff = target;
    if (target > current) staff = current + (target - current) * ration;
    else released += current - target;
    rdStaff[i] = staff;
    const perf = performer[i] === 1;
    const sme = kind[i] === KIND_SME;

    // externally funded R&D projects: grants, revolving fund
    let project = 0;
    if (sme) {
      if (grantsOn) project += grantPayment(w, i);
      if (perf && revolvingOn) project += revolvingFundProject(w, i);
    }
    // university–firm joint project (started or going on, decided in the first pass)
    const collab = sme && nUni > 0 && collabEnd[i] >= t;
    const wages = staff * wRd;
    let rd = wages + project;
    // R&D wages and projects are paid to the external sector (transfer(−1−i, EXTERNAL), summed below)
    cash[i] -= rd;
    toExternal += rd;
    if (collab) {
      f.lastCooperationTick[i] = t;
      const coopCost = f.collabCost[i];
      const gov = coopOn ? cooperativeCostShare(w, i) * coopCost : 0;
      if (gov > 0) {
        firmEarn(w.ledger, i, GOVERNMENT, gov);
        w.spend.cooperativeResearch += gov;
        tally[METRIC.rdPublic] += gov;
        flags[i] |= FLAG_SUPPORTED;
      }
      transfer(w.ledger, -1 - i, w.universities[f.collabUni[i] % nUni].account, coopCost);
      rd += coopCost;
      project += coopCost; // extramural R&D: the university's work on the project is search effort
      tally[METRIC.collaborations]++;
    }
    rdSpend[i] = rd;
    if (wageSubOn) {
      wageSubsidyAccrue(w, i, wages);
      tally[METRIC.rdPublic] += wageSubsidyPay(w, i);
    }
    if (projectSubOn) {
      projectSubsidyAccrue(w, i, rd);
      tally[METRIC.rdPublic] += projectSubsidyPay(w, i);
    }
    if (rd > 0) {
      rdQuarters[i]++;
      lastRdTick[i] = t;
    }
    // R&D history for the exact one-year persistence (2 bits per tick: observed, R&D > 0)
    rdHistory[i] = ((rdHistory[i] << 2) | (rd > 0 ? 3 : 2)) & 0x3ff;
    if (perf) rdPerformers++;
    staffTotal += staff;

    // search: innovation and imitation (K+S), only with positive effort
    if (staff > 0 || project > 0) {
      const effort = effectiveEffort((staff + project / wRd) * (collab ? 1 + boost : 1) * spill, saturation);
      if (effort > 0) {
        // both words are drawn before either search acts
        const uInnovate = rng.pickUniform(uid[i], innovationKey);
        const uImitate = rng.pickUniform(uid[i], imitationKey);
        if (succeeds(uInnovate, innovationHazard(innovationRate, effort, expPotential[i]))) innovate(w, i);
        if (succeeds(uImitate, imitationHazard(imitationRate, effort))) imitate(w, i);
      }
    }
    // technology diffusion in logs (the logs are reused for competitiveness below); the level of
    // productivity follows once, after diffusion and management
    const logA0 = logProductivity[i];
    let logA = logA0;
    let logQ = logQuality[i];
    if (diffusion > 0) {
      // diffusion closes the technology gap; the management component m (§7.15) is the firm's own:
      // a firm is behind when log A − m < log Ā
      const m = management[i];
      if (logA - m < logMeanA) logA = diffusedLogWithManagement(logA, m, logMeanA, diffusion);
      if (logQ < logMeanQ) {
        logQ = diffusedLog(logQ, logMeanQ, diffusion);
        logQuality[i] = logQ;
      }
    }
    if (serviceOn || management[i] !== 0) logA = managementUpdate(w, i, logA);
    if (logA !== logA0) setLogProductivity(f, i, logA);

    // knowledge stock and patents in force depreciate (the write-down is an expense)
    const k = knowledge[i] + rd;
    const dep = depreciation * k;
    knowledge[i] = k - dep;
    firmWriteDown(f, i, dep);
    knowledgeWriteDown[i] = dep;
    patentStock[i] *= patentKeep;

    // 6. demand: competitiveness with the quarter's final technology (ODD §7.2)
    const s = share[i];
    const relative = s / (niche[i] * (sme ? meanSme : meanLead));
    const e = competitiveness(priceWeight, qualityWeight, kappa, logA, logQ, relative);
    competitivenessScore[i] = e;
    if (sme) {
      sumF0 += s;
      sumE0 += s * e;
    } else {
      sumF1 += s;
      sumE1 += s * e;
    }
  }
  w.ledger.balance[EXTERNAL] += toExternal;
  m.talentPool += released;
  tally[METRIC.rdPerformers] += rdPerformers;
  tally[METRIC.rdStaff] += staffTotal;
  seg.smeE = sumF0 > 0 ? sumE0 / sumF0 : 0;
  seg.leadE = sumF1 > 0 ? sumE1 / sumF1 : 0;
}

/**
 * University joint project of SME i (ODD §7.7), its start: a performer not in a project starts one
 * with the quarterly probability collaborationRate (raised by the cooperative research subsidy,
 * §7.14), by its word of the quarter `rng.pick(uid, startKey)`, startKey = rng.key(SITE_COLLAB_START);
 * the project lasts collaborationQuarters, with a university drawn on the firm's SITE_COLLAB
 * stream. Returns whether it started. While a project runs, `planRd` books its cost: a joint
 * project is extramural R&D bought within the firm's R&D budget (Frascati Manual: R&D the firm
 * funds and a university performs), not spending on top of it; the university performs a share
 * `projectShare` of the firm's financed R&D budget (its cost this quarter, kept in `collabCost`), so
 * a project scales with the firm and needs no minimum budget; the firm's own share of that cost
 * (the rest is the subsidy) replaces in-house R&D staff.
 */
function startJointProject(w: World, i: number, startKey: number): boolean {
  const f = w.firms;
  const t = w.tick;
  const u = w.p.universities;
  const prob = w.p.instruments.cooperativeResearch.enabled
    ? collaborationProbability(w, cooperativeCostShare(w, i))
    : u.collaborationRate;
  if (w.rng.pickUniform(f.uid[i], startKey) >= prob) return false;
  f.collabEnd[i] = t + u.collaborationQuarters - 1;
  w.rng.at(f.uid[i], SITE_COLLAB);
  f.collabUni[i] = w.rng.int(w.universities.length);
  f.flags[i] |= FLAG_COOPERATED;
  f.lastCooperationTick[i] = t;
  return true;
}

/**
 * User cost of R&D relative to the baseline (Hall–Jorgenson B-index, ODD §7.4):
 * B = (1 − τ(1+s) − c)/(1 − τ) − σ_wage − σ_project, with τ the tax rate if the firm pays tax
 * (0 otherwise), s and c the super-deduction and credit if it claims them; floored at 0.05.
 */
export function userCostOfRd(w: World, i: number): number {
  const f = w.firms;
  const taxpayer = (f.flags[i] & FLAG_TAXPAYER) !== 0;
  const tau = taxpayer ? w.p.world.profitTaxRate : 0;
  const tax = (1 - tau - taxCreditUserCostTerm(w, i, taxpayer)) / (1 - tau);
  const b = tax - wageSubsidyRate(w, i) - projectSubsidyMarginalRate(w, i, f.rdPlan[i]);
  return Math.max(0.05, b);
}

/**
 * Desired R&D (K+S with a user-cost response): RD* = ν_i · S_{t−1} · B^(−ε), the response B^(−ε)
 * from `userCostResponse` (1 on the baseline, where B = 1).
 */
export function desiredRd(nu: number, pastSales: number, userCostResponse: number): number {
  return nu * Math.max(0, pastSales) * userCostResponse;
}

/** The R&D response to the user cost B (Hall–Jorgenson): B^(−ε), ε `userCostElasticity`. */
export function userCostResponse(userCost: number, elasticity: number): number {
  return userCost ** -elasticity;
}

/** Partial adjustment of the R&D budget: RD_t = RD_{t−1} + λ (RD* − RD_{t−1}). */
export function rdAdjustment(previous: number, desired: number, lambda: number): number {
  return previous + lambda * (desired - previous);
}

/**
 * R&D performer status (fixed cost of R&D, Cohen–Klepper): a firm starts when its budget pays for at
 * least the minimum team (RD_t/w_R ≥ setupStaff) and stops only when it pays for less than
 * rdStopShare of it. A performer's team is its budget, RD_t/w_R (no floor at setupStaff), so no firm
 * is forced above its desired intensity: participation rises with size (the fixed cost), intensity
 * among performers does not (Cohen, Levin & Mowery 1987).
 */
export function rdPerformerStatus(
  wasPerformer: boolean,
  desiredStaff: number,
  setupStaff: number,
  stopShare: number,
): boolean {
  return wasPerformer ? desiredStaff >= stopShare * setupStaff : desiredStaff >= setupStaff;
}

/** Effective search effort with diminishing returns: e / (1 + e / saturation). */
export function effectiveEffort(effort: number, saturation: number): number {
  return effort / (1 + effort / saturation);
}

/**
 * u < 1 − exp(−x) for x ≥ 0, exactly as computed in floating point (the search draws: x = ζ·effort,
 * times e^potential for innovation), but mostly without the exp: x − x²/2 ≤ 1 − e^(−x) ≤ x, and the
 * computed 1 − exp(−x) is within 3e−16 of the true value (exp within an ulp, the subtraction exact
 * or within an ulp of 1), so a draw more than 1e−12 outside [x − x²/2, x] is decided by the bounds;
 * only one inside computes the exp. (For x > 1 the upper test never holds, for x > 2 the lower one.)
 */
export function succeeds(u: number, x: number): boolean {
  if (u >= x + 1e-12) return false;
  if (u < x - 0.5 * x * x - 1e-12) return true;
  return u < 1 - Math.exp(-x);
}

/**
 * Innovation hazard (K+S): x = ζ1·ξ · effort · e^potential, with rate = ζ1·ξ
 * (`zetaInnovation`·`innovationShare`, hoisted per tick) and e^potential the firm's column; the
 * search succeeds with probability 1 − e^(−x) (`succeeds`).
 */
export function innovationHazard(rate: number, effort: number, expPotential: number): number {
  return rate * effort * expPotential;
}

/** Imitation hazard (K+S): x = ζ2·(1 − ξ) · effort, rate = ζ2·(1 − ξ); success w.p. 1 − e^(−x). */
export function imitationHazard(rate: number, effort: number): number {
  return rate * effort;
}

/** Innovation draw (K+S): x = jumpMin + Beta(α1, β1) · (jumpMax − jumpMin). */
export function innovationDraw(w: World): number {
  const r = w.p.rnd;
  return r.jumpMin + w.rng.beta(r.betaAlpha, r.betaBeta) * (r.jumpMax - r.jumpMin);
}

/**
 * Adoption test (K+S payback rule): a process innovation x is adopted if the extra margin it
 * earns over the payback period covers the firm's net cost of the adoption investment.
 */
export function adoptionWorthwhile(
  x: number,
  sales: number,
  markup: number,
  payback: number,
  netCost: number,
): boolean {
  return x * (markup / (1 + markup)) * sales * payback >= netCost;
}

/**
 * Innovation (ODD §7.4): independent draws for productivity and quality; only improvements are
 * kept, a process improvement only if its adoption pays; each innovation is patented with
 * probability patentPropensity.
 */
export function innovate(w: World, i: number): void {
  const f = w.firms;
  const r = w.p.rnd;
  let improved = false;
  w.rng.at(f.uid[i], SITE_INNOVATE);
  const xq = innovationDraw(w);
  if (xq > 0) {
    f.logQuality[i] += Math.log1p(xq); // q' = q·(1 + x)
    improved = true;
  }
  const xa = innovationDraw(w);
  if (xa > 0) {
    const minimum = r.adoptionCost * f.capital[i];
    const credit = innovationInvestmentCreditRate(w, i);
    if (adoptionWorthwhile(xa, f.sales[i], w.p.market.markup, r.paybackQuarters, (1 - credit) * minimum)) {
      const investment = adoptionInvestment(minimum, credit, r.adoptionUserCostElasticity);
      transfer(w.ledger, -1 - i, EXTERNAL, investment);
      f.capital[i] += investment;
      innovationInvestmentCreditPay(w, i, investment, credit);
      setLogProductivity(f, i, f.logProductivity[i] + Math.log1p(xa)); // A' = A·(1 + x)
      w.tally[METRIC.innovationInvestment] += investment;
      improved = true;
    }
  }
  if (!improved) return;
  f.innovations[i]++;
  f.lastInnovationTick[i] = w.tick;
  f.flags[i] |= FLAG_INNOVATED;
  w.tally[METRIC.innovations]++;
  if (w.rng.uniform() < r.patentPropensity) {
    f.patents[i]++;
    f.patentStock[i] += 1;
    w.tally[METRIC.patents]++;
  }
}

/** Scratch of `imitate`: the sampled slots and their log productivity and log quality. */
let candidateSlot = new Int32Array(8);
let candidateA = new Float64Array(8);
let candidateQ = new Float64Array(8);

/**
 * Imitation (ODD §7.4): sample imitationCandidates firms and copy the closest one that is ahead
 * (distance |Δ log A| + |Δ log q|); a patent in force at the target blocks the attempt with
 * probability ipStrength.
 */
export function imitate(w: World, i: number): void {
  const f = w.firms;
  const { logProductivity, logQuality } = f;
  const lai = logProductivity[i];
  const lqi = logQuality[i];
  w.rng.at(f.uid[i], SITE_IMITATE);
  const n = w.p.rnd.imitationCandidates;
  if (n > candidateSlot.length) {
    candidateSlot = new Int32Array(n);
    candidateA = new Float64Array(n);
    candidateQ = new Float64Array(n);
  }
  // sample the candidates and load their technology first, then compare: the loads do not wait on
  // each other, so the cache misses of random slots in large columns overlap
  for (let k = 0; k < n; k++) {
    const j = sampleFirm(w);
    candidateSlot[k] = j;
    if (j >= 0) {
      candidateA[k] = logProductivity[j];
      candidateQ[k] = logQuality[j];
    }
  }
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const j = candidateSlot[k];
    if (j < 0 || j === i) continue;
    const da = candidateA[k] - lai;
    const dq = candidateQ[k] - lqi;
    if (da + dq <= 0) continue;
    const d = Math.abs(da) + Math.abs(dq);
    if (d < bestDistance) {
      bestDistance = d;
      best = j;
    }
  }
  if (best < 0) return;
  if (f.patentStock[best] >= 0.5 && w.rng.uniform() < w.macro.ipStrength) {
    w.tally[METRIC.imitationsBlocked]++;
    return;
  }
  if (logProductivity[best] > lai) setLogProductivity(f, i, logProductivity[best]);
  if (logQuality[best] > lqi) logQuality[i] = logQuality[best];
  w.tally[METRIC.imitations]++;
}

/**
 * Technology diffusion (embodied technical change, ODD §7.4): a firm below the mean productivity
 * (quality) closes diffusionRate of its log gap each quarter, log x' = log x + d·(log x̄ − log x),
 * i.e. x' = x·(x̄/x)^d.
 */
export function diffusedLog(logX: number, logMean: number, rate: number): number {
  return logX + rate * (logMean - logX);
}

/**
 * Diffusion of a firm with a management component m (log, §7.15): only the technology part
 * log A − m closes its gap to the mean, log A' = m + diffusedLog(log A − m, log Ā, d).
 */
export function diffusedLogWithManagement(logA: number, m: number, logMean: number, rate: number): number {
  return m + diffusedLog(logA - m, logMean, rate);
}
