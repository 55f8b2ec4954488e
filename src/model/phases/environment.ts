import { effectiveIpStrength } from "../instruments/ipProtection.js";
import { effectiveComplianceCost } from "../instruments/regulatoryRelief.js";
import { effectiveCapitalGainsTax, effectiveExitOpenness } from "../instruments/vcExitPolicy.js";
import type { World } from "../world.js";

/**
 * Phase 1, environment (ODD §7.1): demand grows at the real growth rate and with mean
 * productivity; the wage follows mean productivity; the instruments that replace a baseline
 * parameter (IP strength, capital-gains tax, exit market, payment days, compliance cost) set the
 * effective value for the tick. The compliance cost is indexed to the wage.
 */
export function environment(w: World): void {
  const { p, macro } = w;
  const previousWage = macro.wage;
  macro.wage = wageRule(
    macro.initialWage,
    macro.meanProductivity,
    macro.initialProductivity,
    p.world.wageProductivityPassThrough,
  );
  macro.rdWage = macro.wage * (1 + p.world.rdWagePremium);
  if (w.tick > 0) macro.demand = demandRule(macro.demand, p.world.demandGrowth, macro.wage / previousWage);
  macro.ipStrength = effectiveIpStrength(p);
  macro.capitalGainsTax = effectiveCapitalGainsTax(p);
  macro.exitOpenness = effectiveExitOpenness(p);
  macro.paymentDays = effectivePaymentDays(w);
  // the fixed cost is a quantity of work (paperwork hours), so its price follows the wage
  macro.complianceCost = effectiveComplianceCost(
    p,
    p.world.complianceCost * (macro.wage / macro.initialWage),
  );
}

/** Wage rule (K+S): w_t = w_0 · (Ā_t / Ā_0)^passThrough. */
export function wageRule(initialWage: number, meanA: number, initialA: number, passThrough: number): number {
  return initialWage * (meanA / initialA) ** passThrough;
}

/** Demand rule: nominal demand grows at the real rate g and with the wage (so with productivity). */
export function demandRule(demand: number, growth: number, wageRatio: number): number {
  return demand * (1 + growth) * wageRatio;
}

/** Payment days of lead firms, shortened by the late-payment cap for the complying invoices. */
export function effectivePaymentDays(w: World): number {
  const d = w.p.market.paymentDays;
  const cap = w.p.instruments.latePaymentCap;
  if (!cap.enabled) return d;
  return cap.compliance * Math.min(d, cap.maxDays) + (1 - cap.compliance) * d;
}
