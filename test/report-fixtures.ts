import { compareScenarios } from "../src/analysis/comparison.js";
import { mulberry32 } from "../src/analysis/rng.js";
import type { RunOutputs, ScenarioRuns } from "../src/analysis/runs.js";
import { defaultParams, INSTRUMENT_NAMES, type InstrumentName } from "../src/model/params.js";
import { TICK_METRICS, type TickMetricName } from "../src/model/types.js";
import type { ComparisonFile } from "../src/report/comparisonReport.js";

/**
 * Synthetic runs for testing the analysis and the report without the model: every metric is a
 * smooth trend plus noise that depends on the seed only (so scenarios share their noise, as
 * common random numbers do), scaled by the scenario's `lift`.
 */
export function syntheticRun(
  seed: number,
  replication: number,
  ticks: number,
  lift: number,
  spendOn: InstrumentName[] = [],
): RunOutputs {
  const series = {} as Record<TickMetricName, Float64Array>;
  TICK_METRICS.forEach((m, j) => {
    const rand = mulberry32(seed * 131 + j);
    const a = new Float64Array(ticks);
    for (let t = 0; t < ticks; t++) a[t] = (10 + j + t * 0.5) * (1 + 0.1 * (rand() - 0.5)) * lift;
    series[m.name] = a;
  });
  series.productivityMean = series.productivityMean.map((v) => v / 20);
  series.publicSpending = series.publicSpending.map((v) => (spendOn.length ? v * 0.2 : 0));
  // the government's position falls by what it spends (a tax credit's share is revenue forgone)
  let position = 1000;
  series.governmentNetPosition = series.publicSpending.map((v) => (position -= v));
  const forgone = spendOn.includes("taxCredit") ? 1 / spendOn.length : 0;
  series.taxForgone = series.publicSpending.map((v) => v * forgone);
  const spending: Partial<Record<InstrumentName, Float64Array>> = {};
  for (const name of INSTRUMENT_NAMES) {
    spending[name] = new Float64Array(ticks).fill(spendOn.includes(name) ? (lift * 2) / spendOn.length : 0);
  }
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const n = 300;
  const kind = new Uint8Array(n);
  const origin = new Uint8Array(n);
  const entryTick = new Int32Array(n);
  const exitTick = new Int32Array(n);
  const exitCause = new Uint8Array(n);
  const employees = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    origin[i] = i < 200 ? 0 : 1;
    entryTick[i] = origin[i] === 0 ? 0 : Math.floor(rand() * ticks);
    const hazard = 0.04 / lift;
    const life = Math.ceil(-Math.log(1 - rand()) / hazard);
    const end = entryTick[i] + life;
    exitTick[i] = end < ticks ? end : -1;
    exitCause[i] = exitTick[i] < 0 ? 0 : 1 + Math.floor(rand() * 3);
    employees[i] = Math.max(1, Math.round(2 * lift * (1 - rand()) ** -1.1));
  }
  return {
    seed,
    replication,
    ticks,
    series,
    spending,
    firms: { kind, origin, entryTick, exitTick, exitCause, employees },
  };
}

export function syntheticScenarios(
  names: string[] = ["baseline", "grants", "guarantees"],
  replications = 5,
  ticks = 20,
): ScenarioRuns[] {
  const seeds = Array.from({ length: replications }, (_, r) => 1000 + r * 7);
  const spend: InstrumentName[][] = [
    [],
    ["grants", "taxCredit"],
    ["loanGuarantee"],
    ["guidanceFund", "policyBank"],
  ];
  return names.map((name, k) => ({
    name,
    runs: seeds.map((seed, r) => syntheticRun(seed, r, ticks, 1 + 0.08 * k, spend[k % spend.length])),
  }));
}

export const XSS = "<script>alert(1)</script>";

/** A whole comparison.json on synthetic runs, with a hostile scenario name and description. */
export function syntheticComparisonFile(names = ["baseline", "Germany 1983", XSS]): ComparisonFile {
  const runs = syntheticScenarios(names, 3, 8);
  const comparison = compareScenarios(runs, {
    outcomes: ["innovations", "employment", "smeSurvival"],
  });
  const params = defaultParams();
  return {
    format: "ecosim-comparison/1",
    createdAt: "2026-01-01T00:00:00Z",
    scenarios: names.map((name, i) => ({
      name,
      description: i === 2 ? `a description with ${XSS} & "quotes"` : undefined,
      file: `scenarios/${i}.yaml`,
      params: i === 0 ? params : { ...params, ticks: 8, firms: 100 + i },
    })),
    seeds: runs[0].runs.map((r) => r.seed),
    replications: 3,
    ticks: 8,
    firms: 100,
    versions: { ecosim: "0.1.0", node: process.version },
    comparison,
  };
}
