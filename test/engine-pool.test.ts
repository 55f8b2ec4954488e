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

/** The built worker, loading 1 s more slowly (a busy machine's start-up). */
const SLOW_LOADING_WORKER = new URL("./slow-loading-worker.mjs", import.meta.url);

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

  it("times a run from the moment its thread begins it: not the thread's start-up, before or after a timeout", async () => {
    // Each thread takes 1 s more to load; the limit is 0.6 s. The hung job's thread is terminated
    // at its timeout and the next job waits for a new thread, whose start-up is not its run.
    const plan = syntheticPlan(1, 4);
    const hang = plan.jobAt(0).id;
    process.env.ECOSIM_TEST_FAULTS = `${hang}=hang`;
    const dir = join(tmp, "startup");
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: {}, design: {}, seeds: {} },
    });
    const out = await runSweep({
      plan,
      store,
      workers: 1,
      pool: { workerFile: SLOW_LOADING_WORKER },
      retries: 0,
      timeoutMs: 600,
    });
    expect(out.failures).toEqual([{ id: hang, attempts: 1, error: "timed out after 0.6 s" }]);
    expect(out.ok).toBe(3);
  });

  it("survives the result of a task that was aborted as it finished (no unhandled pool error)", async () => {
    process.env.ECOSIM_TEST_FAULTS = "p000000-r0001=slow";
    const pool = createPool({ workers: 1, workerFile: BUILT_WORKER });
    const errors: unknown[] = [];
    const onUncaught = (err: unknown) => errors.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      await pool.run(task("p000000-r0000", 1), new AbortController().signal);
      const controller = new AbortController();
      const running = pool.run(task("p000000-r0001", 2), controller.signal).then(
        () => "resolved",
        (err: Error) => err.name,
      );
      // The main thread is busy while the run (150 ms) finishes and posts its result; the abort
      // comes after, with the result already on its way.
      const until = performance.now() + 600;
      while (performance.now() < until);
      controller.abort({ kind: "interrupt" });
      expect(await running).toBe("AbortError");
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toEqual([]);
      // The pool replaced the thread and goes on.
      const next = await pool.run(task("p000000-r0002", 3), new AbortController().signal);
      expect(decodeJobOutput(next).ticks).toBe(4);
    } finally {
      process.off("uncaughtException", onUncaught);
      await pool.close();
    }
  });

  it("ends a sweep whose store fails (ENOSPC) with that error while results are on their way", async () => {
    delete process.env.ECOSIM_TEST_FAULTS;
    const plan = syntheticPlan(2, 3);
    const dir = join(tmp, "enospc");
    const store = ResultStore.open({
      dir,
      plan,
      resume: false,
      describe: { scenario: {}, design: {}, seeds: {} },
    });
    // The first write takes 400 ms (the other thread's result arrives meanwhile), then fails.
    store.append = () => {
      const until = performance.now() + 400;
      while (performance.now() < until);
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    const errors: unknown[] = [];
    const onUncaught = (err: unknown) => errors.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      await expect(runSweep({ plan, store, workers: 2, pool: { workerFile: BUILT_WORKER } })).rejects.toThrow(
        /^ENOSPC: no space left on device, write$/,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
