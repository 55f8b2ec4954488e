import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueExecutor } from "../src/engine/distributed/coordinator.js";
import { encodeResult, jobPayload } from "../src/engine/distributed/payload.js";
import { type QueueWorkerEvent, startQueueWorker } from "../src/engine/distributed/worker.js";
import { packJobOutput } from "../src/engine/job.js";
import { packageVersion } from "../src/engine/manifest.js";
import { ResultStore } from "../src/engine/store.js";
import { runSweep } from "../src/engine/sweep.js";
import { defaultParams } from "../src/model/params.js";
import {
  flush,
  type Proc,
  provideRedis,
  sleep,
  startCli,
  startWorkers,
  stopAll,
} from "./distributed-helpers.js";
import {
  cli,
  fakeExecutor,
  readLines,
  requireBuild,
  sortedRuns,
  syntheticPlan,
  syntheticResult,
} from "./engine-helpers.js";

/**
 * Sweeps through BullMQ on a real Redis, with `ecosim worker` processes: the same runs.jsonl as
 * a local sweep, a worker killed mid-job, a coordinator restarted with --resume, Redis emptied
 * mid-sweep, hostile payloads, and no password anywhere.
 */
const redis = await provideRedis(5);
const SWEEP = ["scenarios/baseline.yaml", "--ticks", "6", "--firms", "60", "--replications", "8"];
const COUNT = 8;
/** Every job waits 150 ms in the worker, so that a sweep lasts long enough to be interrupted. */
const SLOW = { ECOSIM_TEST_FAULTS: "*=slow" };

function ids(dir: string): string[] {
  return readLines(join(dir, "runs.jsonl")).map((l) => JSON.parse(l).id as string);
}

function expectExactlyOnce(dir: string): void {
  const got = ids(dir);
  expect(got.length).toBe(COUNT);
  expect(new Set(got).size).toBe(COUNT);
}

async function waitForLines(file: string, n: number, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (readLines(file).length < n) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${file} did not reach ${n} lines`);
    await sleep(20);
  }
}

if (!redis) {
  describe.skip("distributed sweeps on Redis: skipped (no ECOSIM_TEST_REDIS_URL and no redis-server on PATH)", () => {
    it("needs Redis", () => {});
  });
} else {
  const url = redis.url;
  describe("distributed sweeps on Redis", () => {
    let tmp: string;
    let local: string;
    let workers: Proc[] = [];

    beforeAll(async () => {
      requireBuild();
      tmp = mkdtempSync(join(tmpdir(), "ecosim-dist-"));
      local = join(tmp, "local");
      const r = cli(["sweep", ...SWEEP, "--workers", "2", "--out", local]);
      expect(r.code, r.stderr).toBe(0);
    });

    afterAll(async () => {
      await stopAll(workers);
      await redis.stop();
      rmSync(tmp, { recursive: true, force: true });
    });

    it("a sweep through Redis with two workers gives the local sweep's files", async () => {
      workers = await startWorkers(url, 2, SLOW);
      const dir = join(tmp, "redis");
      const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      const { code } = await sweep.exited;
      expect(code, sweep.out()).toBe(0);
      expect(sweep.out()).toMatch(/queue ecosim-baseline-[0-9a-f]{16} on redis:\/\//);
      expect(sortedRuns(dir)).toBe(sortedRuns(local));
      for (const f of ["runs.parquet", "ticks.parquet", "runs.csv"]) {
        expect(readFileSync(join(dir, f)).equals(readFileSync(join(local, f))), f).toBe(true);
      }
      const done = workers.map((w) => (w.out().match(/ done in /g) ?? []).length);
      expect(done.reduce((a, b) => a + b, 0)).toBe(COUNT);
      // The queue is removed once the sweep is complete.
      const r = new Redis(url);
      try {
        expect(await r.zcard("ecosim:queues")).toBe(0);
        const left = await r.keys("bull:ecosim-baseline-*");
        expect(left.filter((k) => /-p\d{6}-r\d{4}-a\d+|:(wait|active|completed|failed)$/.test(k))).toEqual(
          [],
        );
      } finally {
        r.disconnect();
      }
    });

    it("a coordinator restarted with --resume completes the sweep without duplicates", async () => {
      const dir = join(tmp, "resumed");
      const first = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      await waitForLines(join(dir, "runs.jsonl"), 2);
      first.child.kill("SIGINT");
      const a = await first.exited;
      expect(a.code).toBe(130);
      expect(first.out()).toMatch(/resume with: ecosim .*--resume/);
      const before = ids(dir).length;
      expect(before).toBeLessThan(COUNT);
      // The workers go on with the queued jobs meanwhile; the resumed coordinator collects them.
      await sleep(400);
      const second = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir, "--resume"]);
      const b = await second.exited;
      expect(b.code, second.out()).toBe(0);
      expectExactlyOnce(dir);
      expect(sortedRuns(dir)).toBe(sortedRuns(local));
    });

    it("re-enqueues what runs.jsonl does not hold when Redis comes back empty", async () => {
      const dir = join(tmp, "emptied");
      const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      await waitForLines(join(dir, "runs.jsonl"), 2);
      await flush(url);
      const { code } = await sweep.exited;
      expect(code, sweep.out()).toBe(0);
      expect(sweep.out()).toMatch(/vanished from Redis/);
      expectExactlyOnce(dir);
      expect(sortedRuns(dir)).toBe(sortedRuns(local));
    });

    it("a worker killed with SIGKILL mid-job loses nothing: every job exactly once", async () => {
      const dir = join(tmp, "killed");
      const marks = workers.map((w) => w.out().length);
      const doneSince = (i: number) =>
        (
          workers[i]
            .out()
            .slice(marks[i])
            .match(/ done in /g) ?? []
        ).length;
      const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      // Kill the first worker just after it finished a job: with jobs waiting, it has taken the
      // next one (jobs last ≥ 150 ms), which it never finishes.
      const t0 = Date.now();
      while (doneSince(0) === 0 && Date.now() - t0 < 30_000) await sleep(5);
      workers[0].child.kill("SIGKILL");
      const linesAtKill = readLines(join(dir, "runs.jsonl")).length;
      const { code } = await sweep.exited;
      expect(code, sweep.out()).toBe(0);
      expect(linesAtKill).toBeLessThan(COUNT - 1);
      expectExactlyOnce(dir);
      expect(sortedRuns(dir)).toBe(sortedRuns(local));
      // A job whose result the killed worker had not yet handed to Redis runs again elsewhere.
      expect(doneSince(0) + doneSince(1)).toBeGreaterThanOrEqual(COUNT);
      expect(doneSince(1)).toBeGreaterThan(COUNT / 2);
    });

    it("a worker stopped with SIGTERM hands its jobs back and exits cleanly", async () => {
      const [leaving] = await startWorkers(url, 1, SLOW, ["--grace", "0"]);
      const dir = join(tmp, "terminated");
      const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      await leaving.waitFor(/ done in /);
      leaving.child.kill("SIGTERM");
      const stopped = await leaving.exited;
      expect(stopped.code, leaving.out()).toBe(0);
      expect(leaving.out()).toMatch(
        /worker stopped: \d+ jobs done, 0 failed, 0 rejected, [1-9]\d* handed back/,
      );
      const { code } = await sweep.exited;
      expect(code, sweep.out()).toBe(0);
      expectExactlyOnce(dir);
      expect(sortedRuns(dir)).toBe(sortedRuns(local));
    });

    it("records failures and retries as a local sweep does", async () => {
      await stopAll(workers);
      const faults = { ECOSIM_TEST_FAULTS: "p000000-r0001=throw,p000000-r0002=throw@1" };
      const localFailed = join(tmp, "local-failed");
      const l = cli(["sweep", ...SWEEP, "--workers", "2", "--out", localFailed], faults);
      expect(l.code, l.stderr).toBe(1);
      workers = await startWorkers(url, 1, faults);
      const dir = join(tmp, "failed");
      const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
      const { code } = await sweep.exited;
      expect(code, sweep.out()).toBe(1);
      expect(sweep.out()).toMatch(
        /1 of 8 runs failed for good:\s+p000000-r0001 \(2 attempts\): injected test fault: throw/,
      );
      expect(sortedRuns(dir)).toBe(sortedRuns(localFailed));
    });

    it("rejects hostile or malformed payloads without running them, and runs a valid one", async () => {
      const sweep = "0123456789abcdef";
      const queueName = `ecosim-hostile-${sweep}`;
      // The worker's executor notes every task it is given: only the valid payload may reach it.
      const executor = fakeExecutor({ concurrency: 1 });
      const events: QueueWorkerEvent[] = [];
      const guard = await startQueueWorker({
        url,
        queue: queueName,
        concurrency: 1,
        executor,
        onEvent: (e) => events.push(e),
      });
      const queue = new Queue(queueName, { connection: { url } });
      try {
        const task = {
          jobId: "p000000-r0000",
          attempt: 1,
          params: defaultParams(),
          seed: 7,
          recordFirms: false,
          checkBooks: false,
        };
        const valid = jobPayload(task, sweep, packageVersion(), 0);
        const hostile: Record<string, unknown> = {
          code: { ...valid, code: "require('child_process').execSync('touch /tmp/pwned')" },
          proto: JSON.parse(`${JSON.stringify(valid).slice(0, -1)},"__proto__":{"polluted":true}}`),
          paramsExtra: { ...valid, params: { ...valid.params, evil: 1 } },
          paramsBad: { ...valid, params: { ...valid.params, ticks: -1 } },
          partial: { ...valid, params: { ticks: 5 } },
          badId: { ...valid, jobId: "../../etc/passwd" },
          huge: { ...valid, version: "x".repeat(200_000) },
          otherSweep: { ...valid, sweep: "fedcba9876543210" },
          otherVersion: { ...valid, version: "0.0.0-other" },
          notObject: "rm -rf /",
        };
        for (const [name, data] of Object.entries(hostile)) {
          await queue.add("run", data, { jobId: `h-${name}`, attempts: 1 });
        }
        await queue.add("exec", valid, { jobId: "h-wrongName", attempts: 1 });
        await queue.add("run", valid, { jobId: "h-valid", attempts: 1 });
        const names = [...Object.keys(hostile), "wrongName", "valid"];
        const t0 = Date.now();
        while (
          (await queue.getJobCountByTypes("failed", "completed")) < names.length &&
          Date.now() - t0 < 20_000
        )
          await sleep(50);
        const failed = await queue.getJobs(["failed"], 0, 100);
        const reasons = Object.fromEntries(failed.map((j) => [String(j.id).slice(2), j.failedReason]));
        for (const name of names.filter((n) => n !== "valid")) {
          expect(reasons[name], name).toMatch(/^rejected job payload: /);
        }
        expect(reasons.proto).toMatch(/__proto__|Unrecognized/);
        expect(reasons.huge).toMatch(/limit/);
        expect(reasons.otherVersion).toMatch(/0\.0\.0-other/);
        // The valid payload was run and completed: the check tells them apart.
        expect(reasons.valid).toBeUndefined();
        expect(await queue.getJobState("h-valid")).toBe("completed");
        expect(executor.started.map((t) => t.jobId)).toEqual(["p000000-r0000"]);
        expect(executor.started[0].params).toEqual(defaultParams());
        expect(events.filter((e) => e.type === "rejected").length).toBe(names.length - 1);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
        await guard.stop(0);
      }
    });

    it("fails for good, with the reason, a job whose data or options are not JSON", async () => {
      // Such a job used to cycle active → stalled → active forever: BullMQ cannot parse it, so
      // it never reached the processor, and the stalled limit never applied.
      const queueName = "ecosim-raw-0123456789abcdef";
      const executor = fakeExecutor({ concurrency: 1 });
      const events: QueueWorkerEvent[] = [];
      const guard = await startQueueWorker({
        url,
        queue: queueName,
        concurrency: 1,
        executor,
        lockDurationMs: 1000,
        stalledIntervalMs: 300,
        onEvent: (e) => events.push(e),
      });
      const r = new Redis(url);
      const queue = new Queue(queueName, { connection: { url } });
      try {
        const raw = { data: { data: "{not json", opts: "{}" }, opts: { data: "{}", opts: "{bad" } };
        for (const [id, fields] of Object.entries(raw)) {
          await r.hset(`bull:${queueName}:${id}`, {
            name: "run",
            timestamp: Date.now(),
            delay: 0,
            priority: 0,
            ...fields,
          });
          await r.lpush(`bull:${queueName}:wait`, id);
        }
        await r.zadd(`bull:${queueName}:marker`, 0, "0");
        const valid = jobPayload(
          {
            jobId: "p000000-r0000",
            attempt: 1,
            params: defaultParams(),
            seed: 7,
            recordFirms: false,
            checkBooks: false,
          },
          "0123456789abcdef",
          packageVersion(),
          0,
        );
        await queue.add("run", valid, { jobId: "after" });
        const t0 = Date.now();
        while ((await queue.getJobCountByTypes("failed", "completed")) < 3 && Date.now() - t0 < 10_000)
          await sleep(50);
        expect(await r.hget(`bull:${queueName}:data`, "failedReason")).toBe(
          "rejected job payload: the job's data is not JSON (at position 1)",
        );
        expect(await r.hget(`bull:${queueName}:opts`, "failedReason")).toMatch(
          /^rejected job payload: the job's options are not JSON/,
        );
        expect(await queue.getJobState("data")).toBe("failed");
        expect(await queue.getJobState("opts")).toBe("failed");
        // Emptied of what could not be read: BullMQ (and a coordinator) can read the failed job.
        expect((await queue.getJob("opts"))?.failedReason).toMatch(/the job's options are not JSON/);
        expect(await queue.getJobState("after")).toBe("completed");
        expect(events.filter((e) => e.type === "rejected").length).toBe(2);
        expect(executor.started.map((t) => t.jobId)).toEqual(["p000000-r0000"]);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
        r.disconnect();
        await guard.stop(0);
      }
    });

    it("records a result of the right length that is all NaN as a failure, not as an ok run", async () => {
      const plan = syntheticPlan(1, 2, { hash: "nan-results" });
      const queueName = "ecosim-nan-fedcba9876543210";
      const executor = await createQueueExecutor({
        url,
        queueName,
        sweep: "fedcba9876543210",
        reconcileMs: 500,
      });
      const length = packJobOutput(syntheticResult(1, 6, 10)).length;
      const fake = new Worker(
        queueName,
        async () => encodeResult(new Float64Array(length).fill(Number.NaN)),
        { connection: { url, maxRetriesPerRequest: null } },
      );
      const dir = join(tmp, "nan");
      try {
        const store = ResultStore.open({
          dir,
          plan,
          resume: false,
          describe: { scenario: {}, design: {}, seeds: {} },
        });
        const out = await runSweep({ plan, store, executor, retries: 0 });
        expect(out.ok).toBe(0);
        expect(out.failures.map((f) => f.error)).toEqual([
          expect.stringMatching(/^the worker returned a malformed result/),
          expect.stringMatching(/^the worker returned a malformed result/),
        ]);
        const lines = readLines(join(dir, "runs.jsonl")).map((l) => JSON.parse(l));
        expect(lines.map((l) => l.status)).toEqual(["failed", "failed"]);
      } finally {
        await fake.close();
        await executor.finish(true);
      }
    });

    it("never prints or writes the Redis password", async () => {
      await stopAll(workers);
      const admin = new Redis(url);
      const password = "s3cret-Pa55word";
      try {
        await admin.acl("SETUSER", "ecosimtest", "on", `>${password}`, "~*", "&*", "+@all");
      } finally {
        admin.disconnect();
      }
      const authed = new URL(url);
      authed.username = "ecosimtest";
      authed.password = password;
      const dir = join(tmp, "password");
      const args = [
        "sweep",
        ...SWEEP.slice(0, -2),
        "--replications",
        "2",
        "--backend",
        "redis",
        "--out",
        dir,
      ];
      const sweep = startCli(args, {
        ECOSIM_REDIS_URL: authed.toString(),
      });
      const pw = await startWorkers(authed.toString(), 1);
      const { code } = await sweep.exited;
      await stopAll(pw);
      expect(code, sweep.out()).toBe(0);
      const text = sweep.out() + pw[0].out();
      expect(text).not.toContain(password);
      expect(pw[0].out()).toContain("ecosimtest:***@");
      for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).includes(password), f).toBe(false);
      // A wrong password: a clear error that names the URL without the password.
      const wrong = new URL(authed);
      wrong.password = "wrong-Pa55word";
      const messages: string[] = [];
      const refused = await startQueueWorker({
        url: wrong.toString(),
        concurrency: 1,
        executor: fakeExecutor(),
        onEvent: (e) => messages.push(JSON.stringify(e)),
      }).then(
        () => "started",
        (err: Error) => err.message,
      );
      expect(refused).toMatch(/cannot reach Redis/);
      expect(refused + messages.join("\n")).not.toContain("wrong-Pa55word");
    });
  });
}
