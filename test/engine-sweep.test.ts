import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultStore } from "../src/engine/store.js";
import { runSweep, type SweepEvent } from "../src/engine/sweep.js";
import type { RunRecord, SweepPlan } from "../src/engine/types.js";
import { fakeExecutor, readLines, sortedRuns, syntheticPlan } from "./engine-helpers.js";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "ecosim-sweep-"));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const describe0 = { scenario: { name: "synthetic" }, design: { kind: "grid" }, seeds: { base: 1 } };
const open = (dir: string, plan: SweepPlan, resume = false) =>
  ResultStore.open({ dir, plan, resume, describe: describe0 });
const records = (dir: string) => readLines(join(dir, "runs.jsonl")).map((l) => JSON.parse(l) as RunRecord);

describe("runSweep", () => {
  it("gives the same runs.jsonl whatever the concurrency and completion order", async () => {
    const plan = syntheticPlan(4, 3);
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    const oa = await runSweep({ plan, store: open(a, plan), executor: fakeExecutor({ concurrency: 1 }) });
    const ob = await runSweep({
      plan,
      store: open(b, plan),
      executor: fakeExecutor({ concurrency: 5, delayMs: (t) => (t.seed * 7) % 13 }),
    });
    expect(oa.ok).toBe(12);
    expect(ob.ok).toBe(12);
    expect(oa.files).toContain("runs.parquet");
    expect(readFileSync(join(a, "runs.jsonl"), "utf8")).toBe(readFileSync(join(b, "runs.jsonl"), "utf8"));
    expect(readFileSync(join(a, "runs.csv"), "utf8")).toBe(readFileSync(join(b, "runs.csv"), "utf8"));
    const line = readLines(join(a, "runs.jsonl"))[0];
    expect(Object.keys(JSON.parse(line))).toEqual([
      "id",
      "pointIndex",
      "replication",
      "seed",
      "point",
      "status",
      "attempts",
      "summary",
      "error",
    ]);
  });

  it("turns a failing job into a failed record after its retries, and carries on", async () => {
    const plan = syntheticPlan(2, 3);
    const dir = join(tmp, "s");
    const bad = plan.jobAt(2).id;
    const flaky = plan.jobAt(4).id;
    const events: SweepEvent[] = [];
    const executor = fakeExecutor({
      fail: (t) =>
        t.jobId === bad
          ? new Error("model blew up")
          : t.jobId === flaky && t.attempt === 1
            ? new Error("once")
            : null,
    });
    const out = await runSweep({
      plan,
      store: open(dir, plan),
      executor,
      retries: 2,
      onEvent: (e) => events.push(e),
    });
    expect(out.ok).toBe(5);
    expect(out.failures).toEqual([{ id: bad, attempts: 3, error: "model blew up" }]);
    const rs = records(dir);
    expect(rs.length).toBe(6);
    const failed = rs.find((r) => r.id === bad)!;
    expect(failed).toMatchObject({ status: "failed", attempts: 3, summary: null, error: "model blew up" });
    expect(rs.find((r) => r.id === flaky)).toMatchObject({ status: "ok", attempts: 2, error: null });
    expect(events.filter((e) => e.type === "retry").length).toBe(3);
    expect(events.some((e) => e.type === "failed" && e.id === bad)).toBe(true);
    expect(executor.started.filter((t) => t.jobId === bad).map((t) => t.attempt)).toEqual([1, 2, 3]);

    // --resume retries the failed job (and only it)
    const again = fakeExecutor();
    const res = await runSweep({ plan, store: open(dir, plan, true), executor: again });
    expect(res.skipped).toBe(5);
    expect(again.started.map((t) => t.jobId)).toEqual([bad]);
    expect(res.failures).toEqual([]);
    expect(records(dir).every((r) => r.status === "ok")).toBe(true);
  });

  it("fails a job that exceeds the timeout, with a deterministic message", async () => {
    const plan = syntheticPlan(1, 3);
    const dir = join(tmp, "t");
    const slow = plan.jobAt(1).id;
    const out = await runSweep({
      plan,
      store: open(dir, plan),
      executor: fakeExecutor({ delayMs: (t) => (t.jobId === slow ? 5000 : 1) }),
      timeoutMs: 100,
      retries: 1,
    });
    expect(out.failures).toEqual([{ id: slow, attempts: 2, error: "timed out after 0.1 s" }]);
    expect(out.ok).toBe(2);
  });

  it("stops on abort: lets running jobs finish within the grace period, abandons the rest, resumes to the same result", async () => {
    const plan = syntheticPlan(5, 4);
    const full = join(tmp, "full");
    await runSweep({ plan, store: open(full, plan), executor: fakeExecutor({ concurrency: 3 }) });

    const dir = join(tmp, "int");
    const controller = new AbortController();
    const events: SweepEvent[] = [];
    let finished = 0;
    const executor = fakeExecutor({
      concurrency: 2,
      delayMs: (t) => (t.jobId === plan.jobAt(7).id ? 60_000 : 20),
    });
    const started = performance.now();
    const out = await runSweep({
      plan,
      store: open(dir, plan),
      executor,
      signal: controller.signal,
      graceMs: 200,
      onEvent: (e) => events.push(e),
      onProgress: (p) => {
        finished = p.done;
        if (p.done >= 6) controller.abort();
      },
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(out.interrupted).toBe(true);
    expect(out.files).toEqual([]);
    expect(finished).toBeLessThan(20);
    expect(out.abandoned).toBeGreaterThanOrEqual(1);
    expect(events.map((e) => e.type)).toContain("stopping");
    expect(events.find((e) => e.type === "abandoned")).toMatchObject({
      ids: expect.arrayContaining([plan.jobAt(7).id]),
    });
    const partial = records(dir);
    expect(partial.length).toBe(out.ok);
    expect(partial.every((r) => r.status === "ok")).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).status).toBe("interrupted");

    const res = await runSweep({
      plan,
      store: open(dir, plan, true),
      executor: fakeExecutor({ concurrency: 4 }),
    });
    expect(res.skipped).toBe(partial.length);
    expect(res.ok).toBe(20);
    expect(sortedRuns(dir)).toBe(sortedRuns(full));
    expect(readFileSync(join(dir, "runs.jsonl"), "utf8")).toBe(
      readFileSync(join(full, "runs.jsonl"), "utf8"),
    );
  });

  it("does nothing for a directory that is already complete", async () => {
    const plan = syntheticPlan(1, 2);
    const dir = join(tmp, "c");
    await runSweep({ plan, store: open(dir, plan), executor: fakeExecutor() });
    const before = readFileSync(join(dir, "runs.parquet"));
    const executor = fakeExecutor();
    const out = await runSweep({ plan, store: open(dir, plan, true), executor });
    expect(executor.started.length).toBe(0);
    expect(out).toMatchObject({ ok: 2, skipped: 2, interrupted: false, files: [] });
    expect(readFileSync(join(dir, "runs.parquet")).equals(before)).toBe(true);
  });
});
