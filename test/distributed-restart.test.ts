import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Proc, sleep, startCli, startWorkers } from "./distributed-helpers.js";
import { cli, readLines, requireBuild, sortedRuns } from "./engine-helpers.js";

/**
 * A distributed sweep survives a kill and restart of redis-server with no operator action: the
 * workers that lived through the restart reconnect and go on taking jobs (of this sweep and of
 * the next), the sweep completes identical to a local one, and the workers exit on SIGTERM.
 * These tests start a redis-server of their own on a free port (they kill it), whether or not
 * ECOSIM_TEST_REDIS_URL names one. Restarted empty, the workers used to stay idle for good (and
 * not exit on SIGTERM); from an append-only file they recovered, and must go on doing so.
 */
const haveRedis = spawnSync("redis-server", ["--version"]).status === 0;
if (!haveRedis && process.env.CI) throw new Error("CI is set but redis-server is not on PATH");

const SWEEP = ["scenarios/baseline.yaml", "--ticks", "6", "--firms", "60", "--replications", "16"];
const COUNT = 16;
/** Every job waits 150 ms in the worker, so that the sweep is still running at the restart. */
const SLOW = { ECOSIM_TEST_FAULTS: "*=slow" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A redis-server on `port`, without persistence or with an append-only file (fsync always). */
async function startRedis(port: number, dir: string, aof: boolean): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  const persistence = aof ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir, ...persistence],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 200; i++) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" });
    if (ping.stdout?.trim() === "PONG") return server;
    await sleep(25);
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

function killHard(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once("exit", () => resolve());
    server.kill("SIGKILL");
  });
}

async function waitForLines(file: string, n: number, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (readLines(file).length < n) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${file} did not reach ${n} lines`);
    await sleep(20);
  }
}

/** Resolves with the exit of `p`, or rejects (after killing it) when it takes over `ms`. */
async function exitWithin(p: Proc, ms: number, what: string) {
  const timer = sleep(ms).then(() => null);
  const r = await Promise.race([p.exited, timer]);
  if (r) return r;
  p.child.kill("SIGKILL");
  throw new Error(`${what} did not exit within ${ms / 1000} s:\n${p.out().slice(-2000)}`);
}

if (!haveRedis) {
  describe.skip("Redis restarts: skipped (no redis-server on PATH)", () => {
    it("needs redis-server", () => {});
  });
} else {
  describe("a distributed sweep across a restart of redis-server", () => {
    let tmp: string;
    let local: string;

    beforeAll(() => {
      requireBuild();
      tmp = mkdtempSync(join(tmpdir(), "ecosim-restart-"));
      local = join(tmp, "local");
      const r = cli(["sweep", ...SWEEP, "--workers", "2", "--out", local]);
      expect(r.code, r.stderr).toBe(0);
    });

    afterAll(() => {
      rmSync(tmp, { recursive: true, force: true });
    });

    for (const aof of [false, true]) {
      it(`completes identical to a local sweep, with no operator action (${aof ? "append-only file" : "restarted empty"})`, async () => {
        const port = await freePort();
        const url = `redis://127.0.0.1:${port}/0`;
        const redisDir = join(tmp, aof ? "redis-aof" : "redis-empty");
        let server = await startRedis(port, redisDir, aof);
        let workers: Proc[] = [];
        try {
          workers = await startWorkers(url, 2, SLOW);
          const dir = join(tmp, aof ? "aof" : "empty");
          const sweep = startCli(["sweep", ...SWEEP, "--backend", url, "--out", dir]);
          await waitForLines(join(dir, "runs.jsonl"), 3);
          await killHard(server);
          const atKill = readLines(join(dir, "runs.jsonl")).length;
          await sleep(500);
          server = await startRedis(port, redisDir, aof);
          const { code } = await exitWithin(sweep, 30_000, "the sweep");
          expect(code, sweep.out()).toBe(0);
          expect(atKill).toBeLessThan(COUNT);
          const ids = readLines(join(dir, "runs.jsonl")).map((l) => JSON.parse(l).id);
          expect(new Set(ids).size).toBe(COUNT);
          expect(sortedRuns(dir)).toBe(sortedRuns(local));
          if (!aof) expect(sweep.out()).toMatch(/vanished from Redis/);

          // The same workers serve the next sweep.
          const next = join(tmp, aof ? "aof-next" : "empty-next");
          const again = startCli(["sweep", ...SWEEP, "--backend", url, "--out", next]);
          const second = await exitWithin(again, 20_000, "the next sweep");
          expect(second.code, again.out()).toBe(0);
          expect(sortedRuns(next)).toBe(sortedRuns(local));

          // And they stop on SIGTERM.
          for (const w of workers) w.child.kill("SIGTERM");
          const exits = await Promise.all(workers.map((w, i) => exitWithin(w, 15_000, `worker ${i + 1}`)));
          expect(exits.map((e) => e.code)).toEqual([0, 0]);
          for (const w of workers) expect(w.out()).toMatch(/worker stopped: /);
        } finally {
          // Workers still running here failed the test already: no waiting for a clean stop.
          for (const w of workers)
            if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
          await Promise.all(workers.map((w) => w.exited));
          await killHard(server);
        }
      });
    }
  });
}
