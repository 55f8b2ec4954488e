import { describe, expect, it } from "vitest";
import { decodeCompareOutput, packCompareOutput } from "../src/analysis/compareJob.js";
import { type CompareScenario, runCompareJobs } from "../src/analysis/compareRuns.js";
import { compareScenarios } from "../src/analysis/comparison.js";
import type { Executor, JobTask } from "../src/engine/types.js";
import { defaultParams, INSTRUMENT_NAMES } from "../src/model/params.js";
import type { FirmRecords, RunResult } from "../src/model/types.js";
import { TICK_METRICS } from "../src/model/types.js";
import { syntheticRun } from "./report-fixtures.js";

/** A RunResult as the model returns it, built from the synthetic runs (lift from the params). */
function fakeResult(task: JobTask): RunResult {
  const lift = 1 + task.params.world.profitTaxRate;
  const r = syntheticRun(task.seed, 0, task.params.ticks, lift, ["grants"]);
  const firms = {} as Record<string, ArrayLike<number>>;
  Object.assign(firms, r.firms);
  firms.id = Int32Array.from(r.firms!.kind, (_, i) => i);
  return {
    ticks: r.ticks,
    series: r.series as RunResult["series"],
    spending: Object.fromEntries(
      INSTRUMENT_NAMES.map((n) => [n, r.spending[n] as Float64Array]),
    ) as RunResult["spending"],
    firms: firms as unknown as FirmRecords,
    stateBytesPerFirm: 0,
  };
}

/** An executor that records the tasks it is given and runs the fake model. */
function fakeExecutor(seen: JobTask[], failOn?: number): Executor {
  return {
    concurrency: 2,
    async run(task) {
      seen.push(task);
      await new Promise((r) => setTimeout(r, 1));
      if (task.seed === failOn) throw new Error("boom");
      return packCompareOutput(fakeResult(task));
    },
    async close() {},
  };
}

const scenario = (name: string, taxRate: number): CompareScenario => {
  const params = defaultParams();
  return { name, params: { ...params, ticks: 6, world: { ...params.world, profitTaxRate: taxRate } } };
};

describe("comparison jobs", () => {
  it("round-trips a run through the packed buffer", () => {
    const task = {
      jobId: "x",
      attempt: 1,
      params: scenario("a", 0.25).params,
      seed: 42,
      recordFirms: true,
      checkBooks: false,
    };
    const result = fakeResult(task);
    const { run, summary } = decodeCompareOutput(packCompareOutput(result), 6, 42, 0);
    for (const m of TICK_METRICS)
      expect(Array.from(run.series[m.name]), m.name).toEqual(Array.from(result.series[m.name]));
    expect(Array.from(run.spending.grants!)).toEqual(Array.from(result.spending.grants));
    expect(Array.from(run.firms!.exitTick)).toEqual(Array.from(result.firms!.exitTick));
    expect(summary.innovations).toBeCloseTo(
      Array.from(result.series.innovations).reduce((a, b) => a + b),
      9,
    );
  });

  it("runs every scenario on the same seeds (common random numbers)", async () => {
    const seen: JobTask[] = [];
    const seeds = [11, 22, 33];
    const out = await runCompareJobs({
      scenarios: [scenario("baseline", 0.25), scenario("other", 0.3), scenario("third", 0.35)],
      seeds,
      executor: fakeExecutor(seen),
    });
    expect(seen).toHaveLength(9);
    for (const name of ["baseline", "other", "third"]) {
      const s = out.runs.find((x) => x.name === name)!;
      expect(s.runs.map((r) => r.seed)).toEqual(seeds);
    }
    const byScenario = new Map<number, number[]>();
    for (const t of seen)
      byScenario.set(t.params.world.profitTaxRate, [
        ...(byScenario.get(t.params.world.profitTaxRate) ?? []),
        t.seed,
      ]);
    for (const list of byScenario.values()) expect(list.sort()).toEqual(seeds);
    expect(seen.every((t) => t.recordFirms)).toBe(true);
    const c = compareScenarios(out.runs, { outcomes: ["innovations"] });
    expect(c.effects.every((e) => e.effect.n === 3)).toBe(true);
  });

  it("fails the comparison when a run fails, naming the run", async () => {
    await expect(
      runCompareJobs({
        scenarios: [scenario("baseline", 0.25), scenario("x", 0.3)],
        seeds: [1, 2],
        executor: fakeExecutor([], 2),
      }),
    ).rejects.toThrow(/run of (baseline|x) on seed 2 \(replication 1\) failed: boom/);
  });
});
