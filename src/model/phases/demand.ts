import { challengePurchase } from "../instruments/openChallenges.js";
import { smePublicShare } from "../instruments/procurementQuota.js";
import { EXTERNAL, firmEarn, GOVERNMENT, transfer } from "../ledger.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

const sumF = new Float64Array(2);
const sumE = new Float64Array(2);
const segment = new Float64Array(2);

/**
 * Phase 6, demand (ODD §7.2). Market shares follow the quasi-replicator within two segments (SMEs;
 * lead firms, whose segment keeps leadFirmShare of the market), with competitiveness from relative
 * price and quality and an idiosyncratic Laplace (tent-shaped) demand shock; an SME's niche itself follows a Kesten process
 * with lumpy Laplace shocks (permanent shocks to its market). Private buyers, the government (with the
 * procurement quota) and lead firms (B2B, paid late) then buy; challenge winners sell their
 * committed purchases.
 */
export function demand(w: World): void {
  const f = w.firms;
  const p = w.p;
  const mk = p.market;
  const { alive, kind, share, productivity, quality, scratchC, niche } = f;
  const hasLeads = w.leads.length > 0;
  let nSme = 0;
  let nLead = 0;
  let fSme = 0;
  let fLead = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    if (kind[i] === 0) {
      nSme++;
      fSme += share[i];
    } else {
      nLead++;
      fLead += share[i];
    }
  }
  const meanSme = nSme > 0 ? fSme / nSme : 1;
  const meanLead = nLead > 0 ? fLead / nLead : 1;
  const kappa = mk.nicheSaturation;
  segment[0] = hasLeads ? 1 - mk.leadFirmShare : 1;
  segment[1] = hasLeads ? mk.leadFirmShare : 0;
  sumF.fill(0);
  sumE.fill(0);
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const relative = share[i] / (niche[i] * (kind[i] === 0 ? meanSme : meanLead));
    const e = competitiveness(mk.priceWeight, mk.qualityWeight, kappa, productivity[i], quality[i], relative);
    scratchC[i] = e;
    sumF[kind[i]] += share[i];
    sumE[kind[i]] += share[i] * e;
  }
  const mean0 = sumF[0] > 0 ? sumE[0] / sumF[0] : 0;
  const mean1 = sumF[1] > 0 ? sumE[1] / sumF[1] : 0;
  const sd = mk.demandShockSd;
  const shockMean = laplaceShockNorm(sd);
  const hitRate = mk.nicheShockRate;
  const nicheSd = mk.nicheShockSd / Math.sqrt(hitRate);
  const nicheMean = laplaceShockNorm(nicheSd);
  const delta = mk.nicheReversion;
  sumF.fill(0);
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const k = kind[i];
    const next = replicatorShare(share[i], scratchC[i] - (k === 0 ? mean0 : mean1), mk.replicatorSpeed);
    share[i] = next * Math.exp(sd * w.rng.laplace()) * shockMean;
    if (k === 0 && nicheSd > 0 && w.rng.uniform() < hitRate) {
      // a permanent shock moves the niche and today's sales alike
      const shock = Math.exp(nicheSd * w.rng.laplace()) * nicheMean;
      niche[i] = nicheStep(niche[i], shock, delta);
      share[i] *= shock;
    } else if (k === 0) niche[i] = nicheStep(niche[i], 1, delta);
    sumF[k] += share[i];
  }
  const scale0 = sumF[0] > 0 ? segment[0] / sumF[0] : 0;
  const scale1 = sumF[1] > 0 ? segment[1] / sumF[1] : 0;

  const D = w.macro.demand;
  const G = p.world.publicPurchaseShare * D;
  const Dp = D - G;
  const a = p.world.publicSmeAccess;
  const natural = segment[0] > 0 ? (a * segment[0]) / (a * segment[0] + segment[1]) : 0;
  const smePublic = segment[1] > 0 ? smePublicShare(w, natural, G) : 1;
  const pub0 = segment[0] > 0 ? (G * smePublic) / segment[0] : 0;
  const pub1 = segment[1] > 0 ? (G * (1 - smePublic)) / segment[1] : 0;
  const days = w.macro.paymentDays;
  const unpaidShare = Math.min(1, days / 90);
  const payRate = days > 90 ? 90 / days : 1;
  const b2b = hasLeads ? mk.b2bShare : 0;
  let smes = 0;
  let smeShareSum = 0;
  let b2bSales = 0;
  let smeOutput = 0;
  let output = 0;
  for (let i = 0; i < f.hi; i++) {
    if (!alive[i]) continue;
    const k = kind[i];
    share[i] *= k === 0 ? scale0 : scale1;
    const priv = share[i] * Dp;
    const pub = share[i] * (k === 0 ? pub0 : pub1);
    let sales = priv + pub;
    firmEarn(w.ledger, i, GOVERNMENT, pub);
    if (k === 0) {
      smes++;
      smeShareSum += share[i];
      let buyer = f.buyer[i];
      if (b2b > 0 && (buyer < 0 || !alive[buyer] || kind[buyer] !== 1)) {
        buyer = w.leads[w.rng.int(w.leads.length)];
        f.buyer[i] = buyer;
      }
      const viaLead = b2b > 0 ? b2b * priv : 0;
      firmEarn(w.ledger, i, EXTERNAL, priv - viaLead);
      if (viaLead > 0) {
        b2bPurchase(w, buyer, i, viaLead, unpaidShare, payRate);
        b2bSales += viaLead;
      }
      sales += challengePurchase(w, i);
      smeOutput += sales;
    } else firmEarn(w.ledger, i, EXTERNAL, priv);
    f.sales[i] = sales;
    output += sales;
  }
  w.macro.meanSmeShare = smes > 0 ? smeShareSum / smes : 0;
  w.tally[METRIC.smeProcurementShare] = segment[1] > 0 ? smePublic : 1;
  w.tally[METRIC.receivableDays] = b2bSales > 0 ? days : 0;
  w.tally[METRIC.output] = output;
  w.tally[METRIC.smeOutput] = smeOutput;
}

/**
 * Competitiveness (K+S with quality and niche saturation): E = ω1·log A + ω2·log q − κ·log(f/f_niche),
 * i.e. −ω1·log p + ω2·log q up to a constant, less a penalty for outgrowing the firm's niche.
 */
export function competitiveness(
  priceWeight: number,
  qualityWeight: number,
  nicheSaturation: number,
  productivity: number,
  quality: number,
  shareOverNiche: number,
): number {
  const saturation = shareOverNiche > 0 ? nicheSaturation * Math.log(shareOverNiche) : 0;
  return priceWeight * Math.log(productivity) + qualityWeight * Math.log(quality) - saturation;
}

/**
 * Normalisation of the Laplace demand shock exp(σX), X Laplace with unit variance:
 * E[exp(σX)] = 1/(1 − σ²/2), so the shock times (1 − σ²/2) has mean 1 (σ < √2, schema-bounded).
 */
export function laplaceShockNorm(sd: number): number {
  return 1 - 0.5 * sd * sd;
}

/**
 * Niche of an SME (Kesten process, ODD §7.2): n' = (1 − δ)·n·a + δ, with a = exp(σX)·c for a unit
 * Laplace draw X and c = 1/E[exp(σX)] when the niche is hit (a = 1 otherwise): Gibrat shocks to the firm's market plus a small inflow of new demand,
 * which keeps the mean niche at 1 and gives a Pareto tail with α solving E[a^α] = 1 (≈ 1 + 2δ/σ²).
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
 * min(1, days/90), so that receivables settle at sales × days / 90.
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
  transfer(w.ledger, EXTERNAL, -1 - lead, amount);
  f.payable[lead] += amount;
  f.receivable[sme] += amount;
  f.netWorth[sme] += amount;
  f.profit[sme] += amount;
  const settle = payRate * (f.receivable[sme] - amount) + (1 - unpaidShare) * amount;
  transfer(w.ledger, -1 - lead, -1 - sme, settle);
  f.payable[lead] -= settle;
  f.receivable[sme] -= settle;
}
