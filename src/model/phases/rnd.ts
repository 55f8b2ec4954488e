import { FLAG_COOPERATED, FLAG_INNOVATED, FLAG_TAXPAYER } from "../firms.js";
import { collaborationProbability, cooperativeCostShare } from "../instruments/cooperativeResearch.js";
import { grantPayment } from "../instruments/grants.js";
import {
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
import { serviceCentreProductivityGain } from "../instruments/serviceCentres.js";
import { taxCreditUserCostTerm } from "../instruments/taxCredit.js";
import { EXTERNAL, firmEarn, firmWriteDown, GOVERNMENT, transfer } from "../ledger.js";
import { METRIC, sampleFirm } from "../queries.js";
import type { World } from "../world.js";
import { creditCeiling } from "./finance.js";
import { knowledgeSpillover } from "./universities.js";

/**
 * Phase 5, R&D (ODD §7.4). Two passes over the firms. First, every firm sets its R&D budget
 * (desired R&D from past sales and the user cost, partially adjusted), decides whether it performs
 * R&D at all (a minimum team it must be able to pay, persistent status) and how many R&D workers
 * it wants. The talent pool rations hiring. Second, firms hire, pay R&D wages and projects, draw
 * innovations and imitations, patent, and update their knowledge stock.
 */
export function rnd(w: World): void {
  const f = w.firms;
  const p = w.p;
  const m = w.macro;
  const r = p.rnd;
  const wRd = m.rdWage;
  const { alive, scratchA, rdStaff } = f;
  let hires = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const b = userCostOfRd(w, i);
    const desired = desiredRd(f.rdPropensity[i], f.sales[i], b, r.userCostElasticity);
    f.rdPlan[i] = rdAdjustment(f.rdPlan[i], desired, r.rdAdjustment);
    let staff = f.rdPlan[i] / wRd;
    let perf = rdPerformerStatus(f.performer[i] === 1, staff, r.setupStaff, r.rdStopShare);
    if (perf) {
      staff = Math.max(staff, r.setupStaff);
      const finance = Math.max(0, f.cash[i]) + Math.max(0, creditCeiling(w, i) - f.debt[i]);
      if (staff * wRd > finance) staff = finance / wRd;
      if (staff < r.setupStaff) perf = false;
    }
    if (!perf) staff = 0;
    f.performer[i] = perf ? 1 : 0;
    scratchA[i] = staff;
    if (staff > rdStaff[i]) hires += staff - rdStaff[i];
  }
  const ration = hires > m.talentPool ? Math.max(0, m.talentPool) / hires : 1;
  m.hiringRation = ration;
  m.talentPool -= hires * ration;

  const spill = knowledgeSpillover(w);
  const nUni = w.universities.length;
  const coopCost = p.instruments.cooperativeResearch.projectCost;
  const boost = p.universities.collaborationBoost;
  const tally = w.tally;
  const meanA = m.meanProductivity;
  const meanQ = m.meanQuality;
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const target = scratchA[i];
    const current = rdStaff[i];
    let staff = target;
    if (target > current) staff = current + (target - current) * ration;
    else m.talentPool += current - target;
    rdStaff[i] = staff;
    const perf = f.performer[i] === 1;

    // externally funded R&D projects: grants, revolving fund
    let project = 0;
    if (f.kind[i] === 0) {
      project += grantPayment(w, i);
      if (perf) project += revolvingFundProject(w, i);
    }
    // university–firm joint project
    let collab = f.collabEnd[i] >= w.tick;
    if (!collab && perf && f.kind[i] === 0 && nUni > 0) {
      const share = cooperativeCostShare(w, i);
      if (f.rdPlan[i] >= (1 - share) * coopCost && w.rng.uniform() < collaborationProbability(w, share)) {
        f.collabEnd[i] = w.tick + p.universities.collaborationQuarters - 1;
        f.collabUni[i] = w.rng.int(nUni);
        f.flags[i] |= FLAG_COOPERATED;
        collab = true;
      }
    }
    let rd = staff * wRd + project;
    transfer(w.ledger, -1 - i, EXTERNAL, rd);
    if (collab) {
      const gov = cooperativeCostShare(w, i) * coopCost;
      if (gov > 0) {
        firmEarn(w.ledger, i, GOVERNMENT, gov);
        w.spend.cooperativeResearch += gov;
        tally[METRIC.rdPublic] += gov;
        f.flags[i] |= 64;
      }
      transfer(w.ledger, -1 - i, w.universities[f.collabUni[i] % nUni].account, coopCost);
      rd += coopCost;
      tally[METRIC.collaborations]++;
    }
    f.knowledge[i] += rd;
    f.rdSpend[i] = rd;
    wageSubsidyAccrue(w, i, staff * wRd);
    projectSubsidyAccrue(w, i, rd);
    tally[METRIC.rdPublic] += wageSubsidyPay(w, i) + projectSubsidyPay(w, i);
    if (rd > 0) f.rdQuarters[i]++;
    if (perf) tally[METRIC.rdPerformers]++;
    tally[METRIC.rdStaff] += staff;

    // search: innovation and imitation (K+S)
    const effort = effectiveEffort(
      (staff + project / wRd) * (collab ? 1 + boost : 1) * spill,
      r.effortSaturation,
    );
    if (effort > 0) {
      if (
        w.rng.uniform() < innovationProbability(r.zetaInnovation, r.innovationShare, effort, f.potential[i])
      )
        innovate(w, i);
      if (w.rng.uniform() < imitationProbability(r.zetaImitation, r.innovationShare, effort)) imitate(w, i);
    }
    technologyDiffusion(w, i, meanA, meanQ);
    const gain = serviceCentreProductivityGain(w, i);
    if (gain > 0) f.productivity[i] *= 1 + gain;

    // knowledge stock and patents in force depreciate
    const dep = r.knowledgeDepreciation * f.knowledge[i];
    f.knowledge[i] -= dep;
    firmWriteDown(f, i, dep);
    f.scratchB[i] = dep;
    f.patentStock[i] *= 1 - 1 / r.patentLifeQuarters;
  }
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

/** Desired R&D (K+S with a user-cost response): RD* = ν_i · S_{t−1} · B^(−ε). */
export function desiredRd(nu: number, pastSales: number, userCost: number, elasticity: number): number {
  return nu * Math.max(0, pastSales) * userCost ** -elasticity;
}

/** Partial adjustment of the R&D budget: RD_t = RD_{t−1} + λ (RD* − RD_{t−1}). */
export function rdAdjustment(previous: number, desired: number, lambda: number): number {
  return previous + lambda * (desired - previous);
}

/**
 * R&D performer status (fixed cost of R&D, Cohen–Klepper): a firm starts when it wants at least
 * the minimum team and stops only when it wants less than rdStopShare of it.
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

/** Innovation success (K+S): p = 1 − exp(−ζ1 · ξ · effort · e^potential). */
export function innovationProbability(zeta: number, xi: number, effort: number, potential: number): number {
  return 1 - Math.exp(-zeta * xi * effort * Math.exp(potential));
}

/** Imitation success (K+S): p = 1 − exp(−ζ2 · (1 − ξ) · effort). */
export function imitationProbability(zeta: number, xi: number, effort: number): number {
  return 1 - Math.exp(-zeta * (1 - xi) * effort);
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
  const xq = innovationDraw(w);
  if (xq > 0) {
    f.quality[i] *= 1 + xq;
    improved = true;
  }
  const xa = innovationDraw(w);
  if (xa > 0) {
    const investment = r.adoptionCost * f.capital[i];
    const credit = innovationInvestmentCreditRate(w, i);
    if (adoptionWorthwhile(xa, f.sales[i], w.p.market.markup, r.paybackQuarters, (1 - credit) * investment)) {
      transfer(w.ledger, -1 - i, EXTERNAL, investment);
      f.capital[i] += investment;
      innovationInvestmentCreditPay(w, i, investment, credit);
      f.productivity[i] *= 1 + xa;
      w.tally[METRIC.innovationInvestment] += investment;
      improved = true;
    }
  }
  if (!improved) return;
  f.innovations[i]++;
  f.flags[i] |= FLAG_INNOVATED;
  w.tally[METRIC.innovations]++;
  if (w.rng.uniform() < r.patentPropensity) {
    f.patents[i]++;
    f.patentStock[i] += 1;
    w.tally[METRIC.patents]++;
  }
}

/**
 * Imitation (ODD §7.4): sample imitationCandidates firms and copy the closest one that is ahead
 * (distance |Δ log A| + |Δ log q|); a patent in force at the target blocks the attempt with
 * probability ipStrength.
 */
export function imitate(w: World, i: number): void {
  const f = w.firms;
  const lai = Math.log(f.productivity[i]);
  const lqi = Math.log(f.quality[i]);
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let k = 0; k < w.p.rnd.imitationCandidates; k++) {
    const j = sampleFirm(w);
    if (j < 0 || j === i) continue;
    const da = Math.log(f.productivity[j]) - lai;
    const dq = Math.log(f.quality[j]) - lqi;
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
  if (f.productivity[best] > f.productivity[i]) f.productivity[i] = f.productivity[best];
  if (f.quality[best] > f.quality[i]) f.quality[i] = f.quality[best];
  w.tally[METRIC.imitations]++;
}

/**
 * Technology diffusion (embodied technical change, ODD §7.4): a firm below the mean productivity
 * (quality) closes diffusionRate of its log gap each quarter.
 */
export function technologyDiffusion(w: World, i: number, meanA: number, meanQ: number): void {
  const f = w.firms;
  const d = w.p.rnd.diffusionRate;
  if (d <= 0) return;
  if (f.productivity[i] < meanA) f.productivity[i] *= (meanA / f.productivity[i]) ** d;
  if (f.quality[i] < meanQ) f.quality[i] *= (meanQ / f.quality[i]) ** d;
}
