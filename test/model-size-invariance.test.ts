import { describe, expect, it } from "vitest";
import type { RunOutputs } from "../src/analysis/runs.js";
import { type InstrumentName, ModelParamsSchema, simulate } from "../src/model/index.js";

/**
 * Policy sized to the economy (issue #16): every public budget, fund capital and cap is given per
 * initial SME, so the same scenario buys the same intensity of policy at any --firms. Before, the
 * grant budget was 200 M a quarter whatever the economy: grants raised innovations by +19% at 750
 * SMEs and +6% at 3,000. (The relative effects are not yet size-free: the baseline keeps 10 lead
 * firms, 6 VC funds and 3 universities whatever the economy, so the lead firms' share of
 * innovation, which grants do not reach, falls with size.)
 */
const SEEDS = [1, 2, 3, 4, 5, 6];

function runs(firms: number, instruments: Record<string, unknown>): RunOutputs[] {
  const p = ModelParamsSchema.parse({
    firms,
    ticks: 36,
    government: { policyStartQuarter: 12 },
    instruments,
  });
  return SEEDS.map((seed) => {
    const r = simulate(p, seed);
    return { seed, replication: 0, ticks: r.ticks, series: r.series, spending: r.spending };
  });
}

function spendingPerSme(rs: RunOutputs[], name: InstrumentName, firms: number): number {
  let s = 0;
  for (const r of rs) for (const v of Array.from(r.spending[name] ?? [])) s += v;
  return s / rs.length / firms;
}

describe("policy intensity does not depend on the size of the economy", () => {
  it.each([
    ["grants", { grants: { enabled: true, setAsideShare: 0.03 } }],
    ["guidanceFund", { guidanceFund: { enabled: true } }],
    ["policyBank", { policyBank: { enabled: true, rdOnly: false } }],
  ] as const)("%s: the same public money per initial SME at 400 and 1,600 SMEs", (name, instruments) => {
    const perSmeSmall = spendingPerSme(runs(400, instruments), name as InstrumentName, 400);
    const perSmeLarge = spendingPerSme(runs(1600, instruments), name as InstrumentName, 1600);
    expect(perSmeSmall).toBeGreaterThan(0);
    expect(perSmeLarge / perSmeSmall).toBeGreaterThan(0.75);
    expect(perSmeLarge / perSmeSmall).toBeLessThan(1.33);
  });
});
