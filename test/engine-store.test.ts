import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SERIES_COLUMNS } from "../src/engine/columns.js";
import { decodeJobOutput, packJobOutput } from "../src/engine/job.js";
import { ResultStore } from "../src/engine/store.js";
import { SUMMARY_KEYS } from "../src/engine/summary.js";
import { pointColumnsOf } from "../src/engine/sweep.js";
import type { RunRecord, SweepPlan } from "../src/engine/types.js";
import { describeSeeds, type JobSpec, parseScenarioText, planJobs } from "../src/scenario/index.js";
import { readLines, syntheticPlan, syntheticResult } from "./engine-helpers.js";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-store-"));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const describe0 = { scenario: { name: "synthetic" }, design: { kind: "grid" }, seeds: { base: 1 } };

function recordOf(job: JobSpec, ok: boolean, ticks = 6) {
  const output = ok ? decodeJobOutput(packJobOutput(syntheticResult(job.seed, ticks, 5))) : null;
  const record: RunRecord = {
    id: job.id,
    pointIndex: job.pointIndex,
    replication: job.replication,
    seed: job.seed,
    point: job.point,
    status: ok ? "ok" : "failed",
    attempts: ok ? 1 : 2,
    summary: output?.summary ?? null,
    error: ok ? null : "boom",
  };
  return { record, output };
}

function fill(store: ResultStore, plan: SweepPlan, indices: number[], failed: number[] = []) {
  for (const i of indices) {
    const { record, output } = recordOf(plan.jobAt(i), !failed.includes(i));
    store.append(record, output);
  }
}

describe("ResultStore", () => {
  it("appends one line per job and writes the tables in job order on completion", async () => {
    const plan = syntheticPlan(3, 2);
    const dir = join(tmp, "r");
    const store = ResultStore.open({ dir, plan, resume: false, describe: describe0 });
    fill(store, plan, [5, 0, 3, 1, 4, 2], [4]);
    await store.flush();
    expect(readLines(join(dir, "runs.jsonl")).length).toBe(6);
    const files = await store.finalize(pointColumnsOf(plan));
    store.close();
    expect(files).toEqual(["runs.jsonl", "runs.csv", "runs.parquet", "ticks.parquet"]);
    const lines = readLines(join(dir, "runs.jsonl"));
    expect(lines.map((l) => JSON.parse(l).id)).toEqual([0, 1, 2, 3, 4, 5].map((i) => plan.jobAt(i).id));
    expect(readdirSync(dir).sort()).toEqual(
      [
        "manifest.json",
        "runs.csv",
        "runs.jsonl",
        "runs.parquet",
        "ticks.bin",
        "ticks.parquet",
        "timings.jsonl",
      ].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.status).toBe("complete");
    expect(manifest.versions.node).toBe(process.version);

    // runs.parquet holds the same rows as runs.jsonl
    const runs = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, "runs.parquet")) });
    expect(runs.length).toBe(6);
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as RunRecord;
      const row = runs[i];
      expect(row.id).toBe(r.id);
      expect(row.pointIndex).toBe(r.pointIndex);
      expect(Number(row.seed)).toBe(r.seed);
      expect(row.status).toBe(r.status);
      expect(row.attempts).toBe(r.attempts);
      expect(row.error ?? null).toBe(r.error);
      expect(row["point.market.markup"]).toBe(r.point["market.markup"]);
      expect(row["point.instruments.grants.enabled"]).toBe(r.point["instruments.grants.enabled"]);
      for (const k of SUMMARY_KEYS) expect(row[k] ?? null).toBe(r.summary ? r.summary[k] : null);
    });
    // ticks.parquet: one row per tick of every successful job
    const ticks = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, "ticks.parquet")) });
    expect(ticks.length).toBe(5 * 6);
    const first = syntheticResult(plan.jobAt(0).seed, 6);
    expect(ticks[2].id).toBe(plan.jobAt(0).id);
    expect(ticks[2].tick).toBe(2);
    expect(ticks[2].output).toBe(first.series.output[2]);
    expect(ticks[2]["cost.grants"]).toBe(0.25);
    expect(Object.keys(ticks[0])).toEqual(["id", "pointIndex", "replication", "tick", ...SERIES_COLUMNS]);
    expect(ticks.some((t) => t.id === plan.jobAt(4).id)).toBe(false);
    // runs.csv: header + a row per job
    const csv = readFileSync(join(dir, "runs.csv"), "utf8").trim().split("\n");
    expect(csv.length).toBe(7);
    expect(csv[5].split(",")[0]).toBe(plan.jobAt(4).id);
    expect(csv[5]).toContain("failed");
  });

  it("resumes: cuts a torn last line, drops failed jobs so they rerun, keeps finished ones", async () => {
    const plan = syntheticPlan(2, 3);
    const dir = join(tmp, "r");
    const store = ResultStore.open({ dir, plan, resume: false, describe: describe0 });
    fill(store, plan, [0, 1, 2], [1]);
    store.close("interrupted");
    const runs = join(dir, "runs.jsonl");
    const full = readFileSync(runs, "utf8");
    appendFileSync(runs, full.split("\n")[0].slice(0, 40)); // a torn line, as a crash leaves it
    appendFileSync(join(dir, "ticks.bin"), Buffer.alloc(30, 1)); // and a torn sidecar record
    const sidecarBefore = statSync(join(dir, "ticks.bin")).size;

    const again = ResultStore.open({ dir, plan, resume: true, describe: describe0 });
    expect(again.recovery).toEqual({ done: 2, failedDropped: 1, tornBytes: 40, unreadableLines: 0 });
    expect(statSync(join(dir, "ticks.bin")).size).toBe(sidecarBefore - 30);
    expect([0, 1, 2, 3].map((i) => again.isDone(plan.jobAt(i)))).toEqual([true, false, true, false]);
    const lines = readLines(runs);
    expect(lines.length).toBe(2);
    expect(readFileSync(runs, "utf8").endsWith("\n")).toBe(true);
    fill(again, plan, [1, 3]);
    await again.flush();
    expect(readLines(runs).length).toBe(4);
    again.close();
  });

  it("refuses another scenario's directory, and an existing one without --resume (exit code 2)", () => {
    const plan = syntheticPlan(1, 2);
    const dir = join(tmp, "r");
    ResultStore.open({ dir, plan, resume: false, describe: describe0 }).close("interrupted");
    const other = syntheticPlan(1, 2, { hash: "another-scenario" });
    for (const resume of [false, true]) {
      let err: unknown;
      try {
        ResultStore.open({ dir, plan: other, resume, describe: describe0 });
      } catch (e) {
        err = e;
      }
      expect((err as { exitCode?: number }).exitCode).toBe(2);
      expect(String(err)).toMatch(/another scenario/);
    }
    // more replications is another plan too
    expect(() =>
      ResultStore.open({ dir, plan: syntheticPlan(1, 3), resume: true, describe: describe0 }),
    ).toThrow(/another scenario/);
    expect(() => ResultStore.open({ dir, plan, resume: false, describe: describe0 })).toThrow(/--resume/);
    writeFileSync(join(tmp, "junk"), "x");
    expect(() => ResultStore.open({ dir: tmp, plan, resume: true, describe: describe0 })).toThrow(
      /not an ecosim results directory/,
    );
  });

  it("resumes a sweep seeded point by point only with commonRandomNumbers: false, and says so", () => {
    const text = "name: g\nreplications: 2\ngrid:\n  ticks: [4, 5, 6]\n";
    const crn = parseScenarioText(text, "g.yaml");
    const perPoint = parseScenarioText(`${text}commonRandomNumbers: false\n`, "g.yaml");
    const dir = join(tmp, "old");
    // a directory as a sweep before the option wrote it: per-point seeds, no commonRandomNumbers key
    const oldPlan = planJobs(perPoint);
    const { commonRandomNumbers: _, ...oldSeeds } = describeSeeds(perPoint);
    const old = ResultStore.open({
      dir,
      plan: oldPlan,
      resume: false,
      describe: { ...describe0, seeds: oldSeeds },
    });
    fill(old, oldPlan, [0, 1, 2]);
    old.close("interrupted");
    const open = (s: typeof crn) =>
      ResultStore.open({
        dir,
        plan: planJobs(s),
        resume: true,
        describe: { ...describe0, seeds: describeSeeds(s) },
      });
    expect(() => open(crn)).toThrow(
      /holds a sweep of this scenario seeded point by point .* add commonRandomNumbers: false to the scenario to resume it/,
    );
    const resumed = open(perPoint);
    expect(resumed.recovery.done).toBe(3);
    resumed.close("interrupted");
    // and the other way round
    const dir2 = join(tmp, "crn");
    ResultStore.open({
      dir: dir2,
      plan: planJobs(crn),
      resume: false,
      describe: { ...describe0, seeds: describeSeeds(crn) },
    }).close("interrupted");
    expect(() =>
      ResultStore.open({
        dir: dir2,
        plan: planJobs(perPoint),
        resume: true,
        describe: { ...describe0, seeds: describeSeeds(perPoint) },
      }),
    ).toThrow(/run with common random numbers across points .* remove commonRandomNumbers: false/);
  });

  it("writes lines only after their series are on disk, and close() commits what is pending", () => {
    const plan = syntheticPlan(1, 3);
    const dir = join(tmp, "r");
    const store = ResultStore.open({ dir, plan, resume: false, describe: describe0 });
    fill(store, plan, [0, 1, 2]);
    // nothing has been awaited: the lines wait for the sidecar's sync
    expect(readLines(join(dir, "runs.jsonl")).length).toBe(0);
    expect(statSync(join(dir, "ticks.bin")).size).toBeGreaterThan(0);
    store.close("interrupted");
    expect(readLines(join(dir, "runs.jsonl")).length).toBe(3);
    const again = ResultStore.open({ dir, plan, resume: true, describe: describe0 });
    expect(again.recovery.done).toBe(3);
    again.close();
  });

  it("refuses a completed directory without --resume and finds nothing to do with it", async () => {
    const plan = syntheticPlan(1, 2);
    const dir = join(tmp, "r");
    const store = ResultStore.open({ dir, plan, resume: false, describe: describe0 });
    fill(store, plan, [0, 1]);
    await store.finalize([]);
    store.close();
    expect(readdirSync(dir)).not.toContain("ticks.bin");
    expect(() => ResultStore.open({ dir, plan, resume: false, describe: describe0 })).toThrow(
      /completed sweep.*--resume.*--out/,
    );
    const again = ResultStore.open({ dir, plan, resume: true, describe: describe0 });
    expect(again.complete).toBe(true);
    expect(again.recovery.done).toBe(2);
    again.close();
    expect(readdirSync(dir)).not.toContain("ticks.bin");
  });
});
