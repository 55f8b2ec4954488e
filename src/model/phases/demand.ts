import { laplaceQuantile, SITE_BUYER, SITE_CREDIT_SAMPLE, SITE_DEMAND, SITE_NICHE } from "../draws.js";
import { KIND_SME } from "../firms.js";
import { challengePurchase } from "../instruments/openChallenges.js";
import { smePublicShare } from "../instruments/procurementQuota.js";
import { EXTERNAL, GOVERNMENT } from "../ledger.js";
import { countLiveSmes, METRIC, SAMPLE_SIZE } from "../queries.js";
import type { World } from "../world.js";
import { materialsCost, productionWorkers, unitRevenue as salesPerWorker } from "./production.js";

/**
 * Phase 6, demand (ODD §7.2). Market shares follow the quasi-replicator within two segments (SMEs;
 * lead firms, whose segment keeps leadFirmShare of the market), with competitiveness from relative
 * price and quality and an idiosyncratic Laplace (tent-shaped) demand shock; an SME's niche itself
 * follows a Kesten process with lumpy Laplace shocks (permanent shocks to its market), moved in the
 * same loop as the shares. Private buyers, the government (with the procurement quota) and lead
 * firms (B2B, paid late) then buy; challenge winners sell their committed purchases.
 *
 * Competitiveness and the segment sums come from the R&D pass (`rnd`). The sales pass also runs
 * phase 7, production (with the mean SME operating surplus that entry responds to), and the first
 * step of phase 8, each SME's NW/sales for the credit classes:
 * they depend on the firm's own sales only, and other firms' sales touch a lead firm's cash and
 * payables, never what production or the ratio reads (ODD §3).
 */
export function demand(w: World): void {
  const mk = w.p.market;
  const hasLeads = w.leads.length > 0;
  const segment0 = hasLeads ? 1 - mk.leadFirmShare : 1;
  const segment1 = hasLeads ? mk.leadFirmShare : 0;
  // two passes, two functions: the optimiser inlines small callees (the draws) only within a
  // bytecode budget per compiled function, which one function holding both passes exceeds
  replicate(w, w.rng.key(SITE_DEMAND), w.rng.key(SITE_NICHE));
  const sum0 = segmentSums[0];
  const sum1 = segmentSums[1];
  sell(w, segment0, segment1, sum0 > 0 ? segment0 / sum0 : 0, sum1 > 0 ? segment1 / sum1 : 0);
}

/** The segment sums of the unnormalised shares, from `replicate` to `sell`. */
const segmentSums = new Float64Array(2);

/**
 * The shares pass of `demand`: quasi-replicator, demand shock, SME niches; unnormalised shares,
 * their segment sums in `segmentSums`. `shockKey` and `nicheKey` are `rng.key(SITE_DEMAND)` and
 * `rng.key(SITE_NICHE)`: each firm's two words of the quarter are `rng.pick(uid, key)` (taken by
 * the caller, so that this pass's inlining budget goes to the loop).
 */
function replicate(w: World, shockKey: number, nicheKey: number): void {
  const f = w.firms;
  const mk = w.p.market;
  const rng = w.rng;
  const hi = f.hi;
  const { alive, kind, share, competitivenessScore, uid } = f;
  const seg = w.market;
  const mean0 = seg.smeE;
  const mean1 = seg.leadE;
  const chi = mk.replicatorSpeed;
  const shocks = laplaceAtoms(mk.demandShockSd);
  const hitRate = mk.nicheShockRate;
  const hitWord = hitRate * 4294967296; // a niche word u hits when u < hitRate·2^32
  const nicheOn = mk.nicheShockSd > 0;
  // a hit's law: s.d. nicheShockSd/√rate, so that the quarterly variance is nicheShockSd²
  const nicheAtoms = laplaceAtoms(nicheOn ? mk.nicheShockSd / Math.sqrt(hitRate) : 0);
  const nicheDelta = mk.nicheReversion;
  const niche = f.niche;
  let sum0 = 0;
  let sum1 = 0;
  // one word each by pick (draws.ts): the demand shock (an atom of the discretised law, by the
  // word's top bits), and for an SME its niche shock (`nicheShock`)
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    const sme = kind[i] === KIND_SME;
    const next = replicatorShare(share[i], competitivenessScore[i] - (sme ? mean0 : mean1), chi);
    const id = uid[i];
    let s = next * shocks[rng.pick(id, shockKey) >>> SHOCK_SHIFT];
    if (sme) {
      // Kesten niche (ODD §7.2): a permanent shock moves the niche and today's sales alike
      const a = nicheOn ? nicheShock(rng.pick(id, nicheKey), hitWord, nicheAtoms) : 1;
      s *= a;
      niche[i] = nicheStep(niche[i], a, nicheDelta);
      share[i] = s;
      sum0 += s;
    } else {
      share[i] = s;
      sum1 += s;
    }
  }
  segmentSums[0] = sum0;
  segmentSums[1] = sum1;
}

/**
 * The sales pass of `demand`: normalised shares, private, public and B2B sales, production (phase
 * 7) and each SME's NW/sales (phase 8).
 */
function sell(w: World, segment0: number, segment1: number, scale0: number, scale1: number): void {
  const f = w.firms;
  const p = w.p;
  const mk = p.market;
  const rng = w.rng;
  const hi = f.hi;
  const { alive, kind, share } = f;
  const hasLeads = w.leads.length > 0;
  const D = w.macro.demand;
  const G = p.world.publicPurchaseShare * D;
  const Dp = D - G;
  const a = p.world.publicSmeAccess;
  const natural = segment0 > 0 ? (a * segment0) / (a * segment0 + segment1) : 0;
  const smePublic = segment1 > 0 ? smePublicShare(w, natural, G) : 1;
  const pub0 = segment0 > 0 ? (G * smePublic) / segment0 : 0;
  const pub1 = segment1 > 0 ? (G * (1 - smePublic)) / segment1 : 0;
  const days = w.macro.paymentDays;
  const unpaidShare = Math.min(1, days / 90);
  const payRate = days > 90 ? 90 / days : 1;
  const b2b = hasLeads ? mk.b2bShare : 0;
  const challengesOn = p.instruments.openChallenges.enabled;
  // production (phase 7)
  const wage = w.macro.wage;
  const sigma = p.world.materialsShare;
  const unitRevenue = salesPerWorker(wage, mk.markup, sigma);
  const kpw = p.population.capitalPerWorker;
  const delta = p.population.depreciation;
  const compliance = w.macro.complianceCost;
  const {
    cash,
    netWorth,
    profit,
    sales,
    rdStaff,
    employees,
    capital,
    costs,
    productionCost,
    rdSpend,
    nwOverSales,
  } = f;
  const buyers = f.buyer;
  const leads = w.leads;
  let smes = 0;
  let smeShareSum = 0;
  let b2bSales = 0;
  let smeOutput = 0;
  let output = 0;
  let employment = 0;
  let smeEmployment = 0;
  let smeSurplus = 0; // operating surplus of the SMEs: sales − production wages − materials − fixed cost
  // the credit classes' coordinated sample (ODD §7.5): an SME with sales is in it when its uniform
  // of (uid, SITE_CREDIT_SAMPLE) this quarter is below SAMPLE_SIZE/m, m the number of SMEs with
  // sales in the last quarter (the live SMEs in the first), all of them when m ≤ SAMPLE_SIZE (the
  // same test as `drawSample`'s)
  const lastClassed = w.macro.classedSmes > 0 ? w.macro.classedSmes : countLiveSmes(w);
  const inSample = lastClassed > SAMPLE_SIZE ? SAMPLE_SIZE / lastClassed : 1;
  const sampleKey = rng.key(SITE_CREDIT_SAMPLE);
  const { uid } = f;
  const sample = w.creditSample;
  const sampleCap = sample.length;
  let sampled = 0;
  let classed = 0;
  // the institutions' side of the firms' flows, booked once after the pass (as transfer() would)
  let fromGovernment = 0;
  let external = 0; // net inflow to the external sector
  for (let i = 0; i < hi; i++) {
    if (!alive[i]) continue;
    const sme = kind[i] === KIND_SME;
    const s = share[i] * (sme ? scale0 : scale1);
    share[i] = s;
    const priv = s * Dp;
    const pub = s * (sme ? pub0 : pub1);
    let sold = priv + pub;
    // public purchases and private sales: firmEarn from GOVERNMENT and EXTERNAL
    let earned = pub;
    fromGovernment += pub;
    if (sme) {
      smes++;
      smeShareSum += s;
      let buyer = buyers[i];
      if (b2b > 0 && (buyer < 0 || !alive[buyer] || kind[buyer] !== 1)) {
        rng.at(f.uid[i], SITE_BUYER);
        buyer = leads[rng.int(leads.length)];
        buyers[i] = buyer;
      }
      const viaLead = b2b > 0 ? b2b * priv : 0;
      earned += priv - viaLead;
      external -= priv - viaLead;
      if (viaLead > 0) {
        b2bPurchase(w, buyer, i, viaLead, unpaidShare, payRate);
        b2bSales += viaLead;
      }
      if (challengesOn) sold += challengePurchase(w, i);
      smeOutput += sold;
    } else {
      earned += priv;
      external -= priv;
    }
    cash[i] += earned;
    netWorth[i] += earned;
    profit[i] += earned;
    sales[i] = sold;
    output += sold;

    // 7. production (ODD §7.3): wages, materials (to the external sector) and (SMEs) compliance
    // paid, capital depreciated and topped up
    const workers = productionWorkers(sold, unitRevenue);
    const emp = workers + rdStaff[i];
    employees[i] = emp;
    const wages = workers * wage;
    const variable = wages + materialsCost(wages, sigma);
    let paid = variable;
    if (sme) {
      paid += compliance;
      smeEmployment += emp;
      smeSurplus += sold - variable - compliance;
    }
    const dep = delta * capital[i];
    const k = capital[i] - dep;
    netWorth[i] -= paid + dep;
    profit[i] -= paid + dep;
    let outlays = paid + rdSpend[i];
    // tangible capital follows production workers: R&D's own equipment is in the R&D budget
    const invest = Math.max(0, kpw * workers - k);
    if (invest > 0) paid += invest;
    cash[i] -= paid;
    external += paid;
    capital[i] = k + invest;
    outlays += invest;
    costs[i] = outlays;
    productionCost[i] = variable;
    employment += emp;

    // 8. finance, first step: NW/sales of SMEs for the credit classes (NaN: not classed), and
    // their sample
    if (sme && sold > 0) {
      const ratio = netWorth[i] / sold;
      nwOverSales[i] = ratio;
      classed++;
      if (sampled < sampleCap && rng.pickUniform(uid[i], sampleKey) < inSample) sample[sampled++] = ratio;
    } else nwOverSales[i] = Number.NaN;
  }
  w.macro.classedSmes = classed;
  w.macro.creditSampleSize = sampled;
  const balance = w.ledger.balance;
  balance[GOVERNMENT] -= fromGovernment;
  balance[EXTERNAL] += external;
  w.macro.meanSmeShare = smes > 0 ? smeShareSum / smes : 0;
  // what entry responds to (phase 13): the mean SME operating surplus in production wages
  w.macro.meanSmeSurplus = smes > 0 ? smeSurplus / (smes * wage) : 0;
  const tally = w.tally;
  tally[METRIC.smeProcurementShare] = segment1 > 0 ? smePublic : 1;
  tally[METRIC.receivableDays] = b2bSales > 0 ? days : 0;
  tally[METRIC.output] = output;
  tally[METRIC.smeOutput] = smeOutput;
  tally[METRIC.employment] = employment;
  tally[METRIC.smeEmployment] = smeEmployment;
}

/**
 * Competitiveness (K+S with quality and niche saturation): E = ω1·log A + ω2·log q − κ·log(f/f_niche),
 * i.e. −ω1·log p + ω2·log q up to a constant, less a penalty for outgrowing the firm's niche. Takes
 * the logs the R&D pass already holds (technology is kept in logs); called there for every firm
 * once its technology for the quarter is final.
 */
export function competitiveness(
  priceWeight: number,
  qualityWeight: number,
  nicheSaturation: number,
  logProductivity: number,
  logQuality: number,
  shareOverNiche: number,
): number {
  const saturation = shareOverNiche > 0 ? nicheSaturation * Math.log(shareOverNiche) : 0;
  return priceWeight * logProductivity + qualityWeight * logQuality - saturation;
}

/** Atoms of the discretised Laplace shocks: 2^SHOCK_BITS, picked by a uniform's top bits. */
const SHOCK_BITS = 12;
const SHOCK_SHIFT = 32 - SHOCK_BITS;
const ATOMS = 1 << SHOCK_BITS;
/** The atoms built so far, by s.d. (a run uses two: the demand shock's and a niche hit's). */
const atomsBySd = new Map<number, Float64Array>();

/**
 * A Laplace shock exp(σX)·c, X Laplace with unit variance, discretised to N = 2^SHOCK_BITS
 * equiprobable atoms (ODD §7.2): atom j is exp(σ·F⁻¹((j + ½)/N)), the shock at the middle quantile
 * of its N-th of the law, and c makes the atoms' mean exactly 1. A table look-up by a uniform's top
 * bits instead of a log and an exp per draw; the atoms span ±5.9 standard deviations (the law's
 * mass beyond them is 1/N, carried by the end atoms), and their mean is 1 for every σ (the
 * continuous law's mean is finite only for σ < √2). Built once per σ.
 */
export function laplaceAtoms(sd: number): Float64Array {
  const cached = atomsBySd.get(sd);
  if (cached !== undefined) return cached;
  const n = ATOMS;
  const atoms = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    atoms[j] = Math.exp(sd * laplaceQuantile((j + 0.5) / n));
    sum += atoms[j];
  }
  const c = n / sum;
  for (let j = 0; j < n; j++) atoms[j] *= c;
  if (atomsBySd.size >= 8) atomsBySd.clear(); // a sweep over σ in one worker: keep the map small
  atomsBySd.set(sd, atoms);
  return atoms;
}

/**
 * The niche shock of an SME from its word u of the quarter (ODD §7.2): a hit when u < hitWord
 * (= nicheShockRate·2^32), of size the atom at u's position below hitWord (uniform on [0, 1) given
 * the hit); 1 (no shock) otherwise.
 */
export function nicheShock(u: number, hitWord: number, atoms: Float64Array): number {
  return u < hitWord ? atoms[Math.floor((u / hitWord) * ATOMS)] : 1;
}

/**
 * Niche of an SME (Kesten process, ODD §7.2): n' = (1 − δ)·n·a + δ, with a = exp(σX)·c for a unit
 * Laplace draw X and c = 1/E[exp(σX)] when the niche is hit (an atom of `laplaceAtoms`; a = 1
 * otherwise): Gibrat shocks to
 * the firm's market plus a small inflow of new demand, which keeps the mean niche at 1 and gives a
 * Pareto tail with α solving E[a^α] = 1 (≈ 1 + 2δ/σ²).
 */
export function nicheStep(niche: number, shock: number, delta: number): number {
  return (1 - delta) * niche * shock + delta;
}

/** Quasi-replicator (K+S): f' = f · (1 + χ (E − Ē)), floored at 0. */
export function replicatorShare(share: number, relativeCompetitiveness: number, chi: number): number {
  return Math.max(0, share * (1 + chi * relativeCompetitiveness));
}

/**
 * B2B purchase with late payment (ODD §7.2): the lead firm resells an SME's output, owing it the
 * price; it pays the old receivable at rate min(1, 90/days) and the new one except a share
 * min(1, days/90), so that receivables settle at sales × days / 90. As transfers: the external
 * sector pays the lead `amount`, the lead pays the SME `settled`; booked as the lead's net inflow
 * (one update of its cash and payables, which every SME it buys from touches).
 */
export function b2bPurchase(
  w: World,
  lead: number,
  sme: number,
  amount: number,
  unpaidShare: number,
  payRate: number,
): void {
  const f = w.firms;
  const owed = f.receivable[sme];
  const settled = payRate * owed + (1 - unpaidShare) * amount;
  const kept = amount - settled; // the lead's cash in (from EXTERNAL) less what it pays the SME
  w.ledger.balance[EXTERNAL] -= amount;
  f.cash[lead] += kept;
  f.payable[lead] += kept;
  f.cash[sme] += settled;
  f.receivable[sme] = owed + kept;
  f.netWorth[sme] += amount;
  f.profit[sme] += amount;
}
