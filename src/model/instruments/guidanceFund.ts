import { openVcFund } from "../institutions.js";
import { transfer } from "../ledger.js";
import type { VcFund, World } from "../world.js";

/**
 * The guidance fund's sub-funds (ODD §7.24), opened when the policy starts (quarter 0 by default): capital/subFunds of public money
 * each, matched by public/matchRatio of private money; the public money paid in is the cost.
 */
export function openGuidanceSubFunds(w: World): void {
  const g = w.p.instruments.guidanceFund;
  const capital = g.capitalPerSme * w.p.firms;
  if (!g.enabled || capital <= 0) return;
  const publicEach = capital / g.subFunds;
  const privateEach = g.matchRatio > 0 ? publicEach / g.matchRatio : 0;
  for (let k = 0; k < g.subFunds; k++) {
    openVcFund(w, true, privateEach, publicEach, w.tick);
    w.spend.guidanceFund += publicEach;
  }
}

/** Deal-threshold cut of a guidance sub-fund for seed deals (early-stage bias). */
export function guidanceThresholdCut(w: World, fund: VcFund): number {
  return fund.guidance ? w.p.instruments.guidanceFund.earlyStageBias : 0;
}

/**
 * The horse race (ODD §7.24), yearly at the programmes phase: horseRaceShare of the public part
 * of the worst active sub-fund's uninvested money moves to the best one (by score).
 */
export function guidanceHorseRace(w: World): void {
  const g = w.p.instruments.guidanceFund;
  if (!g.enabled || !g.horseRace || w.tick === 0 || w.tick % 4 !== 0) return;
  let best: VcFund | null = null;
  let worst: VcFund | null = null;
  for (const fund of w.vcFunds) {
    if (!fund.guidance || !fund.active || w.tick >= fund.investUntil) continue;
    if (best === null || fund.score > best.score) best = fund;
    if (worst === null || fund.score < worst.score) worst = fund;
  }
  if (best === null || worst === null || best === worst) return;
  const cash = Math.max(0, w.ledger.balance[worst.account]);
  const moved = g.horseRaceShare * (1 - worst.privateShare) * cash;
  if (moved <= 0) return;
  transfer(w.ledger, worst.account, best.account, moved);
  const bestCash = w.ledger.balance[best.account];
  best.privateShare = (best.privateShare * (bestCash - moved)) / bestCash;
  const worstCash = w.ledger.balance[worst.account];
  worst.privateShare =
    worstCash > 0 ? Math.min(1, (worst.privateShare * (worstCash + moved)) / worstCash) : 1;
}
