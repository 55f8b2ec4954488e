import type { ModelParams } from "../params.js";
import { METRIC } from "../queries.js";
import type { World } from "../world.js";

/** Capital-gains tax rate in force (ODD §7.25): the policy's while it is on, else `vc.capitalGainsTaxRate`. */
export function effectiveCapitalGainsTax(p: ModelParams): number {
  const v = p.instruments.vcExitPolicy;
  return v.enabled ? v.capitalGainsTaxRate : p.vc.capitalGainsTaxRate;
}

/** Openness of the exit market in force (ODD §7.25): the policy's while it is on, else `vc.exitMarketOpenness`. */
export function effectiveExitOpenness(p: ModelParams): number {
  const v = p.instruments.vcExitPolicy;
  return v.enabled ? v.exitMarketOpenness : p.vc.exitMarketOpenness;
}

/** Capital-gains tax forgone on an exit gain (ODD §7.25): the instrument's fiscal cost. */
export function capitalGainsTaxForgone(w: World, gain: number): void {
  const v = w.p.instruments.vcExitPolicy;
  if (!v.enabled || gain <= 0) return;
  const forgone = Math.max(0, w.p.vc.capitalGainsTaxRate - v.capitalGainsTaxRate) * gain;
  w.spend.vcExitPolicy += forgone;
  w.tally[METRIC.taxForgone] += forgone;
}

/**
 * New private VC commitments relative to the reference (ODD §7.25): (R/R0)^elasticity with the
 * after-tax exit return R = (1 − capital-gains tax) · (½ + exit-market openness).
 */
export function vcCommitmentFactor(w: World): number {
  const v = w.p.vc;
  const r0 = (1 - v.capitalGainsTaxRate) * (0.5 + v.exitMarketOpenness);
  const r = (1 - w.macro.capitalGainsTax) * (0.5 + w.macro.exitOpenness);
  return r0 > 0 ? (r / r0) ** v.commitmentElasticity : 1;
}
