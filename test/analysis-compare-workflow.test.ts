import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packCompareOutput } from "../src/analysis/compareJob.js";
import type { CompareScenario } from "../src/analysis/compareRuns.js";
import { checkCompareDir, compareIdentity } from "../src/analysis/compareStore.js";
import {
  type CompareEvent,
  type CompareWorkflowOptions,
  DEFAULT_REPLICATIONS,
  defaultReplications,
  MAX_BATCH,
  MIN_BATCH,
  nextReplications,
  type PrecisionReport,
  precisionOutcomes,
  runCompareWorkflow,
} from "../src/analysis/compareWorkflow.js";
import { mulberry32 } from "../src/analysis/rng.js";
import { OutputDirError } from "../src/engine/outputDir.js";
import type { Executor, JobTask } from "../src/engine/types.js";
import { defaultParams, INSTRUMENT_NAMES } from "../src/model/params.js";
import type { FirmRecords, RunResult } from "../src/model/types.js";
import { crnSeed } from "../src/scenario/index.js";
import { syntheticRun } from "./report-fixtures.js";

/**
 * The compare workflow on a stand-in model (no worker threads, no charts): batches and stopping
 * of --precision, reuse of finished runs, interrupts while running and while writing, torn
 * records, and the folder checks. Each test takes milliseconds.
 */

const BASE_SEED = 7;
const TICKS = 8;

/**
 * A RunResult from the synthetic runs: the mix's lift is 1 + profitTaxRate; its innovations get
 * extra per-seed noise of amplitude `noise` × the baseline's level, so their paired effect has a
 * known spread (the baseline, tax rate 0, gets none).
 */
function fakeResult(task: JobTask, noise: number): RunResult {
  const lift = 1 + task.params.world.profitTaxRate;
  const r = syntheticRun(task.seed, 0, task.params.ticks, lift, lift > 1 ? ["grants"] : []);
  const series = r.series as RunResult["series"];
  if (lift > 1) {
    const rand = mulberry32(task.seed ^ 0x5eed);
    const shift = noise * (rand() - 0.5) * 2;
    series.innovations = Float64Array.from(series.innovations, (v) => v * (1 + shift));
  }
  const firms = { ...r.firms, id: Int32Array.from(r.firms!.kind, (_, i) => i) };
  return {
    ticks: r.ticks,
    series,
    spending: Object.fromEntries(
      INSTRUMENT_NAMES.map((n) => [n, (r.spending[n] as Float64Array) ?? new Float64Array(r.ticks)]),
    ) as RunResult["spending"],
    firms: firms as unknown as FirmRecords,
    stateBytesPerFirm: 0,
  };
}

interface FakeExecutor extends Executor {
  seen: JobTask[];
}

/** Runs the fake model after a tick; `onRun` may abort; honours the signal like the pool. */
function fakeExecutor(noise = 0.2, onRun?: (task: JobTask, count: number) => void): FakeExecutor {
  const seen: JobTask[] = [];
  return {
    seen,
    concurrency: 2,
    run(task, signal) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new Error("aborted"));
        const timer = setTimeout(() => {
          signal.removeEventListener("abort", abort);
          seen.push(task);
          onRun?.(task, seen.length);
          resolve(packCompareOutput(fakeResult(task, noise)));
        }, 1);
        const abort = () => {
          clearTimeout(timer);
          reject(new Error("aborted"));
        };
        signal.addEventListener("abort", abort, { once: true });
      });
    },
    async close() {},
  };
}

const scenario = (name: string, taxRate: number): CompareScenario => {
  const params = defaultParams();
  return { name, params: { ...params, ticks: TICKS, world: { ...params.world, profitTaxRate: taxRate } } };
};
const SCENARIOS = [scenario("baseline", 0), scenario("mix", 0.25)];

let tmp: string;
let dirs = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-compare-workflow-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const newDir = () => join(tmp, `c${++dirs}`);

/** A write callback that stands in for the report: comparison.json only. */
const writeJson: CompareWorkflowOptions["write"] = async (dir, result) => {
  const path = join(dir, "comparison.json");
  writeFileSync(path, JSON.stringify(result.comparison));
  return [path];
};

function run(
  out: string,
  executor: Executor,
  extra: Partial<CompareWorkflowOptions> = {},
): Promise<Awaited<ReturnType<typeof runCompareWorkflow>>> & { events: CompareEvent[] } {
  const events: CompareEvent[] = [];
  const p = runCompareWorkflow({
    scenarios: SCENARIOS,
    baseSeed: BASE_SEED,
    replications: 6,
    outcomes: ["innovations", "employment", "output"],
    executor,
    out,
    resume: false,
    write: writeJson,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return Object.assign(p, { events });
}

const pairs = (tasks: readonly JobTask[]) => tasks.map((t) => `${t.jobId}@${t.seed}`).sort();

describe("default replications and batches", () => {
  it("runs at least DEFAULT_REPLICATIONS seeds when the baseline asks for fewer", () => {
    expect(DEFAULT_REPLICATIONS).toBeGreaterThanOrEqual(5);
    expect(defaultReplications(1)).toBe(DEFAULT_REPLICATIONS);
    expect(defaultReplications(24)).toBe(24);
  });

  it("targets the reported headline outcomes, else every reported one", () => {
    expect(precisionOutcomes(undefined)).toEqual([
      "innovations",
      "output",
      "employment",
      "smeSurvival",
      "vcDeals",
    ]);
    expect(precisionOutcomes(["patents", "employment"])).toEqual(["employment"]);
    expect(precisionOutcomes(["patents"])).toEqual(["patents"]);
  });

  it("adds between MIN_BATCH and MAX_BATCH seeds, never past the maximum", () => {
    const report = (needed: number | null): PrecisionReport => ({
      target: 0.02,
      replications: 10,
      maxReplications: 64,
      met: false,
      rows: [
        {
          outcome: "innovations",
          status: "notMet",
          baselineMean: 1,
          halfWidth: 1,
          relative: 1,
          scenario: "x",
          needed,
        },
      ],
    });
    expect(nextReplications(report(11), 10, 64)).toBe(10 + MIN_BATCH);
    expect(nextReplications(report(1000), 10, 64)).toBe(10 + MAX_BATCH);
    expect(nextReplications(report(null), 10, 64)).toBe(10 + MAX_BATCH);
    expect(nextReplications(report(1000), 60, 64)).toBe(64);
  });
});

describe("--precision", () => {
  it("stops at the first batch when every target is met there", async () => {
    const ex = fakeExecutor(0.01);
    const p = run(newDir(), ex, { precision: { target: 0.5, maxReplications: 64 } });
    const out = await p;
    expect(out.result?.replications).toBe(6);
    expect(out.result?.precision?.met).toBe(true);
    expect(out.result?.precision?.rows.map((r) => [r.outcome, r.status])).toEqual([
      ["innovations", "met"],
      ["employment", "met"],
      ["output", "met"],
    ]);
    expect(ex.seen).toHaveLength(12);
  });

  it("adds seeds in batches until the target is met, running each run once", async () => {
    const ex = fakeExecutor(0.2);
    const p = run(newDir(), ex, { precision: { target: 0.05, maxReplications: 64 } });
    const out = await p;
    const checks = p.events.flatMap((e) => (e.type === "precision" ? [e.report] : []));
    expect(checks.length).toBeGreaterThan(1);
    // every check but the last falls short; the last meets every target
    for (const c of checks.slice(0, -1)) expect(c.met).toBe(false);
    const last = checks[checks.length - 1];
    expect(last.met).toBe(true);
    const innovations = last.rows.find((r) => r.outcome === "innovations")!;
    expect(innovations.status).toBe("met");
    expect(innovations.relative).toBeLessThanOrEqual(0.05);
    // the one that needed seeds was innovations (the noisy one), short of the target before
    expect(checks[0].rows.find((r) => r.outcome === "innovations")!.status).toBe("notMet");
    const n = out.result!.replications;
    expect(n).toBe(last.replications);
    for (let k = 1; k < checks.length; k++) {
      const step = checks[k].replications - checks[k - 1].replications;
      expect(step).toBeGreaterThanOrEqual(MIN_BATCH);
      expect(step).toBeLessThanOrEqual(MAX_BATCH);
    }
    // the same seed sequence, and no run done twice
    expect(out.result!.seeds).toEqual(Array.from({ length: n }, (_, r) => crnSeed(BASE_SEED, r)));
    expect(ex.seen).toHaveLength(2 * n);
    expect(new Set(pairs(ex.seen)).size).toBe(2 * n);
  });

  it("stops at --max-replications and says which targets are not met", async () => {
    const ex = fakeExecutor(0.5);
    const out = await run(newDir(), ex, { precision: { target: 0.001, maxReplications: 16 } });
    const report = out.result!.precision!;
    expect(out.result!.replications).toBe(16);
    expect(report.met).toBe(false);
    const innovations = report.rows.find((r) => r.outcome === "innovations")!;
    expect(innovations.status).toBe("notMet");
    expect(innovations.needed).toBeGreaterThan(16);
    expect(innovations.scenario).toBe("mix");
    expect(ex.seen).toHaveLength(32);
  });
});

describe("interrupts and --resume", () => {
  let reference: string;
  beforeAll(async () => {
    const out = await run(newDir(), fakeExecutor());
    reference = JSON.stringify(out.result!.comparison);
  });

  it("stops on the signal mid-run, keeps the finished runs, and resumes to the same comparison", async () => {
    const dir = newDir();
    const controller = new AbortController();
    const first = fakeExecutor(0.2, (_, count) => {
      if (count === 5) controller.abort(new Error("SIGINT"));
    });
    const stopped = await run(dir, first, { signal: controller.signal });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.ran).toBe(5);
    expect(existsSync(join(dir, "comparison.json"))).toBe(false);
    expect(readFileSync(join(dir, "runs.jsonl"), "utf8").trim().split("\n")).toHaveLength(5);
    expect(JSON.parse(readFileSync(join(dir, "compare-plan.json"), "utf8")).status).toBe("interrupted");

    // without --resume the folder is refused; with it only the 7 missing runs are done
    await expect(run(dir, fakeExecutor())).rejects.toThrow(/add --resume to continue it/);
    const second = fakeExecutor();
    const resumed = run(dir, second, { resume: true });
    const out = await resumed;
    expect(out.reused).toBe(5);
    expect(second.seen).toHaveLength(7);
    expect(new Set([...pairs(first.seen), ...pairs(second.seen)]).size).toBe(12);
    expect(resumed.events[0]).toMatchObject({ type: "resumed", runs: 5 });
    expect(JSON.stringify(out.result!.comparison)).toBe(reference);
    expect(readFileSync(join(dir, "comparison.json"), "utf8")).toBe(reference);
  });

  it("an interrupt while the files are written leaves the folder as it was", async () => {
    const dir = newDir();
    const controller = new AbortController();
    const stopped = await run(dir, fakeExecutor(), {
      signal: controller.signal,
      write: async (d, result) => {
        const files = await writeJson(d, result);
        controller.abort(new Error("SIGINT"));
        return files;
      },
    });
    expect(stopped.interrupted).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["compare-plan.json", "runs.bin", "runs.jsonl"]);
    expect(readdirSync(tmp).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const ex = fakeExecutor();
    const out = await run(dir, ex, { resume: true });
    expect(ex.seen).toHaveLength(0);
    expect(readFileSync(join(dir, "comparison.json"), "utf8")).toBe(reference);
    expect(JSON.parse(readFileSync(join(dir, "compare-plan.json"), "utf8")).status).toBe("complete");
    expect(out.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      "compare-plan.json",
      "comparison.json",
      "runs.bin",
      "runs.jsonl",
    ]);
  });

  it("cuts a torn record off runs.bin and runs that run again", async () => {
    const dir = newDir();
    const controller = new AbortController();
    await run(
      dir,
      fakeExecutor(0.2, (_, k) => k === 4 && controller.abort()),
      { signal: controller.signal },
    );
    const bin = join(dir, "runs.bin");
    const size = statSync(bin).size;
    truncateSync(bin, size - 100);
    appendFileSync(bin, Buffer.alloc(7));
    const ex = fakeExecutor();
    const resumed = run(dir, ex, { resume: true });
    const out = await resumed;
    expect(out.reused).toBe(3);
    expect(ex.seen).toHaveLength(9);
    expect(resumed.events[0]).toMatchObject({ type: "resumed", runs: 3 });
    expect(JSON.stringify(out.result!.comparison)).toBe(reference);
  });

  it("a failed run fails the comparison and keeps the finished ones", async () => {
    const dir = newDir();
    const failing: Executor = {
      concurrency: 2,
      async run(task, signal) {
        if (task.jobId === "s001-r0003") throw new Error("boom");
        return fakeExecutor().run(task, signal);
      },
      async close() {},
    };
    await expect(run(dir, failing)).rejects.toThrow(/run of mix on seed \d+ \(replication 3\) failed: boom/);
    const saved = readFileSync(join(dir, "runs.jsonl"), "utf8").trim().split("\n").length;
    expect(saved).toBeGreaterThan(0);
    const out = await run(dir, fakeExecutor(), { resume: true });
    expect(out.reused).toBe(saved);
    expect(JSON.stringify(out.result!.comparison)).toBe(reference);
  });
});

describe("the output folder", () => {
  const identity = compareIdentity(SCENARIOS, BASE_SEED);

  it("refuses a folder with a user's file before anything runs, and leaves it alone", async () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "precious");
    expect(() => checkCompareDir(dir, identity, { resume: false })).toThrow(OutputDirError);
    expect(() => checkCompareDir(dir, identity, { resume: true })).toThrow(/not empty .*"notes.txt"/);
    const ex = fakeExecutor();
    await expect(run(dir, ex)).rejects.toThrow(/not an ecosim compare result; nothing was written/);
    expect(ex.seen).toHaveLength(0);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("precious");
  });

  it("accepts an absent or empty folder; refuses another comparison and a user's file inside this one", async () => {
    expect(checkCompareDir(join(tmp, "absent"), identity, { resume: false })).toBe("fresh");
    const empty = newDir();
    mkdirSync(empty);
    expect(checkCompareDir(empty, identity, { resume: false })).toBe("fresh");
    const dir = newDir();
    await run(dir, fakeExecutor());
    expect(checkCompareDir(dir, identity, { resume: true })).toBe("resume");
    expect(() => checkCompareDir(dir, identity, { resume: false })).toThrow(/already holds this comparison/);
    const other = compareIdentity([SCENARIOS[0], scenario("mix", 0.3)], BASE_SEED);
    expect(() => checkCompareDir(dir, other, { resume: true })).toThrow(
      /holds a comparison of other scenarios/,
    );
    expect(() => checkCompareDir(dir, compareIdentity(SCENARIOS, 8), { resume: true })).toThrow(
      /base seed 7/,
    );
    writeFileSync(join(dir, "mine.txt"), "x");
    expect(() => checkCompareDir(dir, identity, { resume: true })).toThrow(
      /ecosim did not write \("mine.txt"\)/,
    );
  });
});
