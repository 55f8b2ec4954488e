import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInProcessExecutor } from "../src/engine/inprocess.js";
import { decodeJobOutput } from "../src/engine/job.js";
import { createPool } from "../src/engine/pool.js";
import { ResultStore } from "../src/engine/store.js";
import { runSweep } from "../src/engine/sweep.js";
import type { JobTask, RunRecord } from "../src/engine/types.js";
import { defaultParams } from "../src/model/params.js";
import { BUILT_WORKER, readLines, requireBuild, syntheticPlan } from "./engine-helpers.js";

/**
 * The piscina pool with the built worker (dist/engine/worker.js loads the built model). Faults
 * come from ECOSIM_TEST_FAULTS, which workers read from the environment they start with.
 */
let tmp: string;
const savedFaults = process.env.ECOSIM_TEST_FAULTS;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), "ecosim-pool-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (savedFaults === undefined) delete process.env.ECOSIM_TEST_FAULTS;
  else process.env.ECOSIM_TEST_FAULTS = savedFaults;
});

const task = (jobId: string, seed: number, attempt = 1): JobTask => ({
  jobId,
  attempt,
  params: { ...defaultParams(), ticks: 4, firms: 50 },
  seed,
  recordFirms: true,
  checkBooks: false,
});

describe("piscina pool", () => {
  it("runs the model in workers and returns the same result as another pool", async () => {
    delete process.env.ECOSIM_TEST_FAULTS;
    const a = createPool({ workers: 1, workerFile: BUILT_WORKER });
    const b = createPool({ workers: 2, workerFile: BUILT_WORKER });
    try {
      const signal = new AbortController().signal;
      const [x, y] = await Promise.all([a.run(task("j", 5), signal), b.run(task("j", 5), signal)]);
      expect(x).toBeInstanceOf(Float64Array);
      expect(Array.from(x)).toEqual(Array.from(y));
      const out = decodeJobOutput(x);
      expect(out.ticks).toBe(4);
      expect(out.summary.ticks).toBe(4);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("records a job that kills its worker, or throws, as failed after a retry; retries a one-off crash; the sweep goes on", async () => {
    const plan = syntheticPlan(1, 5);
    const [crash, thrower, once] = [1, 2, 3].map((i) => plan.jobAt(i).id);
    process.env.ECOSIM_TEST_FAULTS = `${crash}=exit,${thrower}=throw,${once}=exit@1`;
    const dir = join(tmp, "faults");
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: {}, design: {}, seeds: {} },
    });
    const out = await runSweep({ plan, store, workers: 2, pool: { workerFile: BUILT_WORKER }, retries: 1 });
    expect(out.ok).toBe(3);
    expect(out.failures.map((f) => f.id).sort()).toEqual([crash, thrower].sort());
    const byId = new Map(
      readLines(join(dir, "runs.jsonl")).map((l) => [JSON.parse(l).id, JSON.parse(l) as RunRecord]),
    );
    expect(byId.get(crash)).toMatchObject({
      status: "failed",
      attempts: 2,
      error: "worker exited with code: 7",
    });
    expect(byId.get(thrower)).toMatchObject({
      status: "failed",
      attempts: 2,
      error: "injected test fault: throw",
    });
    expect(byId.get(once)).toMatchObject({ status: "ok", attempts: 2, error: null });
    expect(byId.get(plan.jobAt(0).id)).toMatchObject({ status: "ok", attempts: 1 });
  });

  it("fails a job that exhausts its worker's heap, and one that hangs past the timeout", async () => {
    const plan = syntheticPlan(1, 3);
    const [oom, hang] = [0, 1].map((i) => plan.jobAt(i).id);
    process.env.ECOSIM_TEST_FAULTS = `${oom}=oom,${hang}=hang`;
    const dir = join(tmp, "limits");
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: {}, design: {}, seeds: {} },
    });
    const started = performance.now();
    const out = await runSweep({
      plan,
      store,
      workers: 2,
      pool: { workerFile: BUILT_WORKER, maxOldGenerationSizeMb: 64 },
      retries: 0,
      timeoutMs: 3000,
    });
    expect(performance.now() - started).toBeLessThan(20_000);
    const errors = new Map(out.failures.map((f) => [f.id, f.error]));
    expect(errors.get(oom)).toMatch(/out of memory/);
    expect(errors.get(hang)).toBe("timed out after 3 s");
    expect(out.ok).toBe(1);
  });

  it("gives the same records in-process as on the pool", async () => {
    delete process.env.ECOSIM_TEST_FAULTS;
    const plan = syntheticPlan(2, 2);
    const describe0 = { scenario: {}, design: {}, seeds: {} };
    const a = join(tmp, "inproc");
    const b = join(tmp, "pooled");
    await runSweep({
      plan,
      store: ResultStore.open({ dir: a, plan, resume: false, describe: describe0 }),
      executor: createInProcessExecutor(),
    });
    await runSweep({
      plan,
      store: ResultStore.open({ dir: b, plan, resume: false, describe: describe0 }),
      workers: 2,
      pool: { workerFile: BUILT_WORKER },
    });
    expect(readLines(join(a, "runs.jsonl"))).toEqual(readLines(join(b, "runs.jsonl")));
    expect(readLines(join(a, "runs.jsonl")).length).toBe(4);
  });

  it("ignores the fault hook when ECOSIM_TEST_FAULTS is unset", async () => {
    delete process.env.ECOSIM_TEST_FAULTS;
    const pool = createPool({ workers: 1, workerFile: BUILT_WORKER });
    try {
      const out = await pool.run(task("p000000-r0001", 3), new AbortController().signal);
      expect(decodeJobOutput(out).ticks).toBe(4);
    } finally {
      await pool.close();
    }
  });
});
